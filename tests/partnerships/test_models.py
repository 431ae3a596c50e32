import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django_countries import countries

from partnerships.constants import Continent, DatePrecision
from partnerships.continents import CONTINENT_OF_COUNTRY, continent_of, countries_in
from partnerships.forms import AgreementAdminForm, ExchangeAdminForm
from partnerships.partial_dates import PartialDate
from tests.partnerships.factories import (
    AgreementFactory,
    ExchangeFactory,
    PartnerPlaceFactory,
    PartnershipFactory,
)


@pytest.mark.parametrize(
    ("text", "date", "precision", "shown", "iso"),
    [
        ("2011", dt.date(2011, 1, 1), "year", "2011", "2011"),
        ("maart 2018", dt.date(2018, 3, 1), "month", "maart 2018", "2018-03"),
        ("Mrt. 2018", dt.date(2018, 3, 1), "month", "maart 2018", "2018-03"),
        ("3/2018", dt.date(2018, 3, 1), "month", "maart 2018", "2018-03"),
        ("2018-03", dt.date(2018, 3, 1), "month", "maart 2018", "2018-03"),
        ("7 mei 2019", dt.date(2019, 5, 7), "day", "7 mei 2019", "2019-05-07"),
        ("7/5/2019", dt.date(2019, 5, 7), "day", "7 mei 2019", "2019-05-07"),
        ("2019-05-07", dt.date(2019, 5, 7), "day", "7 mei 2019", "2019-05-07"),
        (
            "  1  oktober   2019 ",
            dt.date(2019, 10, 1),
            "day",
            "1 oktober 2019",
            "2019-10-01",
        ),
    ],
)
def test_partial_date_is_read_and_shown_as_the_sources_give_it(
    text, date, precision, shown, iso
):
    value = PartialDate.parse(text)
    assert value == PartialDate(date, precision)
    assert str(value) == shown
    assert value.isoformat() == iso
    assert PartialDate.parse(str(value)) == value  # what is shown reads back


@pytest.mark.parametrize(
    "text", ["", "mei", "31 februari 2019", "13/2018", "voorjaar 2018"]
)
def test_partial_date_refuses_what_is_not_a_year_month_or_day(text):
    with pytest.raises(ValidationError):
        PartialDate.parse(text)


def test_partial_dates_sort_by_the_start_of_their_period():
    values = [
        PartialDate.parse("7 mei 2019"),
        PartialDate.parse("2011"),
        PartialDate.parse("maart 2018"),
        PartialDate.parse("2018"),
    ]
    assert [str(value) for value in sorted(values)] == [
        "2011",
        "2018",
        "maart 2018",
        "7 mei 2019",
    ]
    assert PartialDate.parse("februari 2024").last_day == dt.date(2024, 2, 29)
    assert PartialDate.parse("2011").last_day == dt.date(2011, 12, 31)


def test_every_country_has_a_continent():
    missing = [code for code, _name in countries if code not in CONTINENT_OF_COUNTRY]
    assert missing == []
    assert continent_of("GT") == Continent.AMERICAS
    assert continent_of("ps") == Continent.ASIA
    assert continent_of("BE") == Continent.EUROPE
    assert "MA" in countries_in(Continent.AFRICA)
    assert continent_of("") is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        ({"signed_on": dt.date(2011, 3, 1), "signed_on_precision": "year"}, "year"),
        ({"signed_on": dt.date(2018, 3, 7), "signed_on_precision": "month"}, "month"),
        ({"signed_on": dt.date(2018, 3, 7), "signed_on_precision": ""}, "precision"),
        ({"signed_on": None, "signed_on_precision": "day"}, "precision"),
        ({"kind": "friendship"}, "kind"),
        (
            {
                "signed_on": dt.date(2019, 5, 7),
                "signed_on_precision": "day",
                "ends_on": dt.date(2019, 1, 1),
                "ends_on_precision": "day",
            },
            "ends_after",
        ),
    ],
)
def test_database_refuses_inconsistent_agreements(fields, constraint):
    agreement = AgreementFactory()
    for name, value in fields.items():
        setattr(agreement, name, value)
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        agreement.save()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        ({"latitude": Decimal("91"), "longitude": Decimal("0")}, "coordinates"),
        ({"latitude": Decimal("10"), "longitude": None}, "coordinates"),
        ({"longitude": Decimal("-180.5")}, "coordinates"),
        ({"wikidata_id": "12345"}, "wikidata"),
        ({"kind": "village"}, "kind"),
    ],
)
def test_database_refuses_impossible_places(fields, constraint):
    place = PartnerPlaceFactory()
    for name, value in fields.items():
        setattr(place, name, value)
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        place.save()


@pytest.mark.django_db
def test_exchange_cannot_end_before_it_starts():
    exchange = ExchangeFactory()
    exchange.ends_on = exchange.starts_on - dt.timedelta(days=1)
    exchange.ends_on_precision = DatePrecision.DAY
    with pytest.raises(IntegrityError, match="exchange_ends_after_start"):
        exchange.save()


@pytest.mark.django_db
def test_partnership_status_must_be_known():
    partnership = PartnershipFactory()
    partnership.status = "frozen"
    with pytest.raises(IntegrityError, match="partnership_status_valid"):
        partnership.save()


@pytest.mark.django_db
def test_slug_of_a_site_page_is_refused():
    partnership = PartnershipFactory.build(slug="kaart")
    with pytest.raises(ValidationError) as error:
        partnership.full_clean(exclude=["local_authority"])
    assert "slug" in error.value.message_dict


@pytest.mark.django_db
def test_since_is_the_earliest_dated_agreement():
    partnership = PartnershipFactory()
    AgreementFactory(partnership=partnership, signed_on=None, signed_on_precision="")
    AgreementFactory(
        partnership=partnership,
        signed_on=dt.date(2018, 3, 1),
        signed_on_precision=DatePrecision.MONTH,
    )
    AgreementFactory(
        partnership=partnership,
        signed_on=dt.date(2019, 5, 7),
        signed_on_precision=DatePrecision.DAY,
    )
    assert str(partnership.since) == "maart 2018"
    assert PartnershipFactory().since is None


@pytest.mark.django_db
def test_agreement_form_stores_the_date_with_its_precision():
    partnership = PartnershipFactory()
    form = AgreementAdminForm(
        data={"kind": "jumelage_protocol", "signed": "maart 2018", "ends": ""},
        instance=AgreementFactory.build(partnership=partnership),
    )
    assert form.is_valid(), form.errors
    agreement = form.save()
    agreement.refresh_from_db()
    assert (agreement.signed_on, agreement.signed_on_precision) == (
        dt.date(2018, 3, 1),
        "month",
    )
    assert agreement.ends_on is None and agreement.ends_on_precision == ""
    # Shown again as it was typed.
    assert AgreementAdminForm(instance=agreement)["signed"].value() == "maart 2018"
    assert 'value="maart 2018"' in str(AgreementAdminForm(instance=agreement)["signed"])


@pytest.mark.django_db
def test_agreement_form_explains_a_wrong_date_and_an_end_before_signing():
    partnership = PartnershipFactory()
    form = AgreementAdminForm(
        data={"kind": "jumelage", "signed": "in de lente"},
        instance=AgreementFactory.build(partnership=partnership),
    )
    assert not form.is_valid()
    assert "maart 2018" in form.errors["signed"][0]

    form = ExchangeAdminForm(
        data={
            "direction": "north_south",
            "title": "Bezoek",
            "starts": "7 mei 2019",
            "ends": "1 mei 2019",
            "travellers": "x",
            "purpose": "y",
        },
        instance=ExchangeFactory.build(partnership=partnership),
    )
    assert not form.is_valid()
    assert form.errors["ends"] == ["Het einde ligt voor het begin."]
