"""Demo data of the subsidies app (examples, marked as such; see docs/domain.md).

The schemes are the usual kinds of a municipal regulation, with this year's budgets
of the order of a municipal envelope (Genk spends about 200 000 euro a year on its
whole North-South policy). Associations, people and projects are invented
examples; the places and partners are real (Herent–Nimlaha'kok and
Nimlasachal in Cobán, the community radio, Tarija, San Jerónimo, Selembao).

Files are built through the real services, so references, envelopes, the audit
trail and the history are what the portal would produce. Loading twice changes
nothing: schemes, calls and organisations are upserted, and a file that exists
(same organisation and title) is left alone. No mail is sent while loading.
"""

import datetime as dt
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.text import slugify

from devdata.demo import upsert
from herentq.models import SDG, AuditEntry
from partnerships.models import Partnership
from subsidies import integrations, services
from subsidies.constants import LegalForm, Status
from subsidies.models import (
    Application,
    AttachmentRequirement,
    BudgetEnvelope,
    Call,
    Membership,
    Organisation,
    Scheme,
)

DEMO_PASSWORD = "herentq-aanvrager"
HERENT_PARTNERSHIP = "herent-nimlahakok-nimlasachal"
EXAMPLE = "Voorbeeld: "

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)

SCHEMES = [
    {
        "slug": "projectsubsidie-4de-pijler",
        "name": "Projectsubsidie voor 4de-pijlerorganisaties",
        "summary": "Steun voor een ontwikkelingsproject van een Herentse vereniging met een partner in het Zuiden.",
        "description": "Projecten die de levensomstandigheden van mensen in het Zuiden duurzaam verbeteren, samen met een lokale partnerorganisatie: onderwijs, gezondheid, water, landbouw, vorming, gemeenschapsmedia.\n\nProjecten in de partnerregio's van Herent, Nimlaha'kok en Nimlasachal in Cobán (Guatemala), krijgen voorrang. Gendergelijkheid en duurzaamheid staan voorop.",
        "eligibility": "Verenigingen (4de-pijlerorganisaties) met een werking in Herent: een vzw of een feitelijke vereniging met minstens drie vrijwilligers.",
        "rules": "U vraagt maximum 5.000 euro per project.\nDe subsidie is maximum de helft van het projectbudget.\nEen organisatie krijgt maximum 7.500 euro per jaar uit dit reglement.\nDe GROSH geeft advies, het college beslist.\nU krijgt 80 % als voorschot; het saldo na goedkeuring van de verantwoording.\nU dient de verantwoording in binnen drie maanden na het einde van het project.",
        "eligible_legal_forms": [LegalForm.VZW, LegalForm.FACTUAL, LegalForm.IVZW],
        "max_amount": Decimal("5000"),
        "max_share_percent": Decimal("50"),
        "cap_per_organisation_per_year": Decimal("7500"),
        "eligible_countries": ["BO", "CD", "GT", "MA", "PE", "PH", "PS"],
        "requires_council_advice": True,
        "advance_percent": Decimal("80"),
        "report_due_days": 90,
        "position": 1,
        "budget": Decimal("30000"),
        "requirements": [
            (
                "Brief of overeenkomst van de partnerorganisatie",
                "Waaruit blijkt dat de partner het project mee draagt.",
                True,
            ),
            ("Statuten of huishoudelijk reglement", "Van uw vereniging.", True),
            ("Foto's of ander materiaal", "Van het project of de regio.", False),
        ],
    },
    {
        "slug": "noodhulp",
        "name": "Noodhulp",
        "summary": "Snelle steun na een ramp of een humanitaire crisis in een regio waar een Herentse vereniging werkt.",
        "description": "Hulp na een natuurramp, een epidemie of een conflict: voedsel, water, onderdak, medische zorg, heropbouw van het eerste uur, via een partner ter plaatse.",
        "eligibility": "Een vzw met een partnerorganisatie in het getroffen gebied.",
        "rules": "U vraagt maximum 2.500 euro.\nDe subsidie mag het hele budget van de hulpactie dekken.\nHet college beslist zonder advies van de GROSH, zodat de hulp snel kan komen.\nU krijgt het hele bedrag als voorschot.",
        "eligible_legal_forms": [LegalForm.VZW, LegalForm.IVZW],
        "max_amount": Decimal("2500"),
        "max_share_percent": Decimal("100"),
        "cap_per_organisation_per_year": None,
        "eligible_countries": [],
        "requires_council_advice": False,
        "advance_percent": Decimal("100"),
        "report_due_days": 60,
        "position": 2,
        "budget": Decimal("10000"),
        "requirements": [
            (
                "Hulpvraag van de partner",
                "Een brief of e-mail van de partner ter plaatse.",
                True,
            ),
        ],
    },
    {
        "slug": "inleefreis-of-stage-in-het-zuiden",
        "name": "Inleefreis of stage in het Zuiden",
        "summary": "Een tegemoetkoming voor een Herentenaar die via een vereniging of school een inleefreis of stage in het Zuiden doet.",
        "description": "Een inleefreis of stage van minstens drie weken bij een partnerorganisatie in het Zuiden, met een voorbereiding en een terugkomactiviteit in Herent waarin de deelnemer vertelt wat hij of zij leerde.",
        "eligibility": "Een Herentse vereniging of school, voor een deelnemer die in Herent woont en minstens 18 jaar is.",
        "rules": "U vraagt maximum 750 euro per deelnemer.\nDe subsidie is maximum de helft van de kosten van de reis.\nDe deelnemer organiseert na de terugkeer een activiteit in Herent.",
        "eligible_legal_forms": [],
        "max_amount": Decimal("750"),
        "max_share_percent": Decimal("50"),
        "cap_per_organisation_per_year": Decimal("2250"),
        "eligible_countries": [],
        "requires_council_advice": True,
        "advance_percent": Decimal("80"),
        "report_due_days": 60,
        "position": 3,
        "budget": Decimal("4500"),
        "requirements": [
            (
                "Programma van de reis of stage",
                "Met de data en de ontvangende organisatie.",
                True,
            ),
        ],
    },
    {
        "slug": "sensibiliseringsactiviteit-in-herent",
        "name": "Sensibiliseringsactiviteit in Herent",
        "summary": "Steun voor een activiteit in Herent die inwoners laat nadenken over mondiale thema's en de SDG's.",
        "description": "Een film, debat, tentoonstelling, markt of schoolproject in Herent over eerlijke handel, klimaat, migratie, wereldburgerschap of een van de duurzame ontwikkelingsdoelstellingen.",
        "eligibility": "Verenigingen en scholen uit Herent.",
        "rules": "U vraagt maximum 1.500 euro per activiteit.\nDe subsidie is maximum 75 % van het budget van de activiteit.\nDe activiteit vindt plaats in Herent.",
        "eligible_legal_forms": [],
        "max_amount": Decimal("1500"),
        "max_share_percent": Decimal("75"),
        "cap_per_organisation_per_year": None,
        "eligible_countries": ["BE"],
        "requires_council_advice": True,
        "advance_percent": Decimal("80"),
        "report_due_days": 60,
        "position": 4,
        "budget": Decimal("6000"),
        "requirements": [
            (
                "Draaiboek van de activiteit",
                "Niet verplicht, wel handig voor de GROSH.",
                False,
            ),
        ],
    },
]

ORGANISATIONS = [
    {
        "name": "Vrienden van Nimlaha'kok (voorbeeld)",
        "legal_form": LegalForm.VZW,
        "enterprise_number": "0400000086",
        "street": "Kerkstraat 12",
        "postcode": "3020",
        "city": "Herent",
        "iban": "BE71096123456769",
        "contact_name": "An Peeters",
        "contact_email": "an.peeters@example.be",
        "user": ("an.peeters@example.be", "An", "Peeters"),
    },
    {
        "name": "Wereldwinkel Herent (voorbeeld)",
        "legal_form": LegalForm.VZW,
        "enterprise_number": "0400009786",
        "street": "Wijgmaalsesteenweg 40",
        "postcode": "3020",
        "city": "Herent",
        "iban": "BE62510007547061",
        "contact_name": "Jonas Claes",
        "contact_email": "jonas.claes@example.be",
        "user": ("jonas.claes@example.be", "Jonas", "Claes"),
    },
    {
        "name": "Werkgroep Q'eqchi' Herent (voorbeeld)",
        "legal_form": LegalForm.FACTUAL,
        "enterprise_number": "",
        "street": "Veltemweg 3",
        "postcode": "3020",
        "city": "Veltem-Beisem",
        "iban": "BE43068999999501",
        "contact_name": "Sarah Wouters",
        "contact_email": "sarah.wouters@example.be",
        "user": ("sarah.wouters@example.be", "Sarah", "Wouters"),
    },
    {
        "name": "Solidair met Selembao (voorbeeld)",
        "legal_form": LegalForm.VZW,
        "enterprise_number": "0400019486",
        "street": "Mechelsesteenweg 88",
        "postcode": "3020",
        "city": "Winksele",
        "iban": "BE71096123456769",
        "contact_name": "Pieter Janssens",
        "contact_email": "pieter.janssens@example.be",
        "user": ("pieter.janssens@example.be", "Pieter", "Janssens"),
    },
]

# (organisation index, scheme slug, call key, final status, fields)
FILES = [
    # Current year, first call of the project subsidy (closed): files in every state.
    (
        0,
        "projectsubsidie-4de-pijler",
        "first",
        Status.ADVANCE_PAID,
        {
            "title": "Gemeenschapsradio Nimlaha'kok: zender en vorming",
            "summary": "Een nieuwe zender en een vorming radiomaken voor jongeren en vrouwen in Nimlaha'kok.",
            "partner": "Radio comunitaria Nimlaha'kok",
            "country": "GT",
            "region": "Nimlaha'kok, Cobán (Alta Verapaz)",
            "sdgs": [4, 5, 16],
            "requested": "4000",
            "expenses": "8500",
            "approved": "4000",
            "partnership": True,
        },
    ),
    (
        1,
        "projectsubsidie-4de-pijler",
        "first",
        Status.APPROVED,
        {
            "title": "Koffiecoöperatie van vrouwen in Nimlasachal",
            "summary": "Startkapitaal en vorming voor een koffiecoöperatie die door vrouwen geleid wordt.",
            "partner": "Cooperativa de mujeres de Nimlasachal",
            "country": "GT",
            "region": "Nimlasachal, Cobán",
            "sdgs": [5, 8, 12],
            "requested": "3500",
            "expenses": "7200",
            "approved": "3000",
            "partnership": True,
        },
    ),
    (
        2,
        "projectsubsidie-4de-pijler",
        "first",
        Status.ADVISED,
        {
            "title": "Tweetalig onderwijs in het Q'eqchi'",
            "summary": "Lesmateriaal in het Q'eqchi' en het Spaans voor drie dorpsscholen.",
            "partner": "Asociación de maestros Q'eqchi'",
            "country": "GT",
            "region": "Cobán",
            "sdgs": [4, 10],
            "requested": "2500",
            "expenses": "5000",
            "advice": "positive",
            "partnership": True,
        },
    ),
    (
        3,
        "projectsubsidie-4de-pijler",
        "first",
        Status.ADVICE,
        {
            "title": "Waterputten in Selembao",
            "summary": "Twee waterputten met handpomp en een comité dat ze onderhoudt.",
            "partner": "Comité de quartier Selembao",
            "country": "CD",
            "region": "Selembao, Kinshasa",
            "sdgs": [6, 3],
            "requested": "5000",
            "expenses": "11000",
        },
    ),
    (
        1,
        "projectsubsidie-4de-pijler",
        "first",
        Status.SCREENING,
        {
            "title": "Eerlijke quinoa uit Tarija",
            "summary": "Opslag en verwerking voor een coöperatie van quinoaboeren.",
            "partner": "Asociación de productores de Tarija",
            "country": "BO",
            "region": "Tarija",
            "sdgs": [2, 8],
            "requested": "3000",
            "expenses": "6500",
        },
    ),
    (
        2,
        "projectsubsidie-4de-pijler",
        "first",
        Status.INFO_REQUESTED,
        {
            "title": "Vroedvrouwen in Nimlasachal",
            "summary": "Vorming en materiaal voor traditionele vroedvrouwen.",
            "partner": "Red de comadronas de Alta Verapaz",
            "country": "GT",
            "region": "Nimlasachal",
            "sdgs": [3, 5],
            "requested": "2000",
            "expenses": "4400",
            "partnership": True,
        },
    ),
    (
        3,
        "projectsubsidie-4de-pijler",
        "first",
        Status.SUBMITTED,
        {
            "title": "Naaiatelier voor jongeren in Selembao",
            "summary": "Naaimachines en een opleiding van een jaar voor twintig jongeren.",
            "partner": "Atelier Espoir Selembao",
            "country": "CD",
            "region": "Selembao",
            "sdgs": [4, 8],
            "requested": "2200",
            "expenses": "4800",
        },
    ),
    (
        0,
        "projectsubsidie-4de-pijler",
        "first",
        Status.REFUSED,
        {
            "title": "Zonnepanelen voor het gemeenschapshuis",
            "summary": "Zonnepanelen op het gemeenschapshuis van Nimlaha'kok.",
            "partner": "Consejo comunitario Nimlaha'kok",
            "country": "GT",
            "region": "Nimlaha'kok",
            "sdgs": [7, 13],
            "requested": "3500",
            "expenses": "7000",
            "advice": "negative",
        },
    ),
    (
        1,
        "projectsubsidie-4de-pijler",
        "first",
        Status.WITHDRAWN,
        {
            "title": "Fietsherstelplaats in San Jerónimo",
            "summary": "Een werkplaats waar jongeren fietsen leren herstellen.",
            "partner": "Taller juvenil San Jerónimo",
            "country": "PE",
            "region": "San Jerónimo",
            "sdgs": [8, 11],
            "requested": "1400",
            "expenses": "3600",
        },
    ),
    (
        2,
        "projectsubsidie-4de-pijler",
        "first",
        Status.INADMISSIBLE,
        {
            "title": "Studiereis van de werkgroep",
            "summary": "Een reis van de leden van de werkgroep naar Cobán.",
            "partner": "Asociación Q'eqchi'",
            "country": "GT",
            "region": "Cobán",
            "sdgs": [17],
            "requested": "2500",
            "expenses": "5000",
        },
    ),
    # The second call of the project subsidy is open: a draft.
    (
        0,
        "projectsubsidie-4de-pijler",
        "second",
        Status.DRAFT,
        {
            "title": "Radioprogramma's over klimaat en landbouw",
            "summary": "Een reeks radioprogramma's over klimaatbestendige landbouw.",
            "partner": "Radio comunitaria Nimlaha'kok",
            "country": "GT",
            "region": "Nimlaha'kok",
            "sdgs": [2, 13],
            "requested": "1500",
            "expenses": "3000",
            "partnership": True,
        },
    ),
    # Emergency aid: decided without the GROSH.
    (
        3,
        "noodhulp",
        "current",
        Status.ADVANCE_PAID,
        {
            "title": "Noodhulp na de overstromingen in Selembao",
            "summary": "Drinkwater, dekens en voedsel voor 200 gezinnen na de overstromingen.",
            "partner": "Comité de quartier Selembao",
            "country": "CD",
            "region": "Selembao",
            "sdgs": [1, 2, 6],
            "requested": "2500",
            "expenses": "2500",
            "approved": "2500",
        },
    ),
    # Immersion trip: in review.
    (
        1,
        "inleefreis-of-stage-in-het-zuiden",
        "current",
        Status.SUBMITTED,
        {
            "title": "Stage bij de koffiecoöperatie in Nimlasachal",
            "summary": "Een stage van zes weken van een Herentse studente agronomie.",
            "partner": "Cooperativa de mujeres de Nimlasachal",
            "country": "GT",
            "region": "Nimlasachal",
            "sdgs": [8, 17],
            "requested": "700",
            "expenses": "1900",
        },
    ),
    (
        3,
        "inleefreis-of-stage-in-het-zuiden",
        "current",
        Status.RESUBMITTED,
        {
            "title": "Inleefreis van een leerkracht naar Tarija",
            "summary": "Vier weken meedraaien in een dorpsschool in Tarija, met een project in een Herentse school na de terugkeer.",
            "partner": "Escuela rural de Tarija",
            "country": "BO",
            "region": "Tarija",
            "sdgs": [4, 17],
            "requested": "600",
            "expenses": "1500",
        },
    ),
    # Last year's project subsidy: the end of the road.
    (
        0,
        "projectsubsidie-4de-pijler",
        "last_year",
        Status.CLOSED,
        {
            "title": "Studio voor de gemeenschapsradio",
            "summary": "Een geluidsdichte studio en een mengpaneel voor de radio.",
            "partner": "Radio comunitaria Nimlaha'kok",
            "country": "GT",
            "region": "Nimlaha'kok",
            "sdgs": [16, 4],
            "requested": "4500",
            "expenses": "9000",
            "approved": "4500",
            "partnership": True,
        },
    ),
    (
        1,
        "projectsubsidie-4de-pijler",
        "last_year",
        Status.RECLAIMED,
        {
            "title": "Marktkraam voor ambachten uit Binalonan",
            "summary": "Een vaste verkoopplaats voor ambachtslieden.",
            "partner": "Binalonan Artisans",
            "country": "PH",
            "region": "Binalonan, Pangasinan",
            "sdgs": [8, 12],
            "requested": "3000",
            "expenses": "6000",
            "approved": "3000",
        },
    ),
    (
        3,
        "projectsubsidie-4de-pijler",
        "last_year",
        Status.REPORT_SUBMITTED,
        {
            "title": "Schoolbanken voor Selembao",
            "summary": "Honderd schoolbanken gemaakt door lokale schrijnwerkers.",
            "partner": "Atelier Espoir Selembao",
            "country": "CD",
            "region": "Selembao",
            "sdgs": [4],
            "requested": "2400",
            "expenses": "4800",
            "approved": "2400",
        },
    ),
    (
        2,
        "projectsubsidie-4de-pijler",
        "last_year",
        Status.REPORT_CHANGES_REQUESTED,
        {
            "title": "Boomkwekerij in Nimlasachal",
            "summary": "Een boomkwekerij met inheemse soorten tegen erosie.",
            "partner": "Consejo comunitario Nimlasachal",
            "country": "GT",
            "region": "Nimlasachal",
            "sdgs": [13, 15],
            "requested": "2000",
            "expenses": "4000",
            "approved": "2000",
            "partnership": True,
        },
    ),
    (
        2,
        "projectsubsidie-4de-pijler",
        "last_year",
        Status.REPORT_ACCEPTED,
        {
            "title": "Moestuinen bij de school van Nimlaha'kok",
            "summary": "Schoolmoestuinen waar leerlingen en ouders samen groenten kweken.",
            "partner": "Escuela oficial rural Nimlaha'kok",
            "country": "GT",
            "region": "Nimlaha'kok",
            "sdgs": [2, 4],
            "requested": "1500",
            "expenses": "3000",
            "approved": "1500",
            "partnership": True,
        },
    ),
    (
        3,
        "projectsubsidie-4de-pijler",
        "last_year",
        Status.BALANCE_PAID,
        {
            "title": "Fietsen voor gezondheidswerkers in Selembao",
            "summary": "Twaalf fietsen zodat gezondheidswerkers meer gezinnen bezoeken.",
            "partner": "Centre de santé Selembao",
            "country": "CD",
            "region": "Selembao",
            "sdgs": [3],
            "requested": "1800",
            "expenses": "3600",
            "approved": "1800",
        },
    ),
]


def _calls(today: dt.date) -> dict:
    """The calls of the demo, placed around today so that one is open now."""
    tz = timezone.get_current_timezone()
    year = today.year

    def at(day: dt.date, hour=12) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour), tzinfo=tz)

    return {
        ("projectsubsidie-4de-pijler", "last_year"): (
            f"Oproep {year - 1}",
            at(dt.date(year - 1, 1, 15), 9),
            at(dt.date(year - 1, 3, 31), 23),
            year - 1,
        ),
        ("projectsubsidie-4de-pijler", "first"): (
            f"Eerste oproep {year}",
            at(today - dt.timedelta(days=100), 9),
            at(today - dt.timedelta(days=45), 23),
            year,
        ),
        ("projectsubsidie-4de-pijler", "second"): (
            f"Tweede oproep {year}",
            at(today - dt.timedelta(days=5), 9),
            at(today + dt.timedelta(days=45), 23),
            year,
        ),
        ("noodhulp", "current"): (
            f"Noodhulp {year}",
            at(dt.date(year, 1, 1), 0),
            at(dt.date(year, 12, 31), 23),
            year,
        ),
        ("inleefreis-of-stage-in-het-zuiden", "current"): (
            f"Oproep {year}",
            at(today - dt.timedelta(days=30), 9),
            at(today + dt.timedelta(days=60), 23),
            year,
        ),
        ("sensibiliseringsactiviteit-in-herent", "current"): (
            f"Oproep najaar {year}",
            at(today + dt.timedelta(days=20), 9),
            at(today + dt.timedelta(days=80), 23),
            year,
        ),
    }


def _user(email, first_name, last_name):
    User = get_user_model()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            username=email,
            email=email,
            first_name=first_name,
            last_name=last_name,
            password=DEMO_PASSWORD,
        )
    upsert(
        EmailAddress,
        user=user,
        email=email,
        defaults={"verified": True, "primary": True},
    )
    return user


def _service_user():
    """An example civil servant: the actor in the demo files' history. She cannot
    sign in (no usable password)."""
    from django.contrib.auth.models import Group

    from herentq.constants import SERVICE_GROUP

    User = get_user_model()
    user, created = User.objects.get_or_create(
        username="els.maes@example.be",
        defaults={
            "email": "els.maes@example.be",
            "first_name": "Els",
            "last_name": "Maes (voorbeeld)",
            "is_staff": True,
        },
    )
    if created:
        user.set_unusable_password()
        user.save()
        user.groups.add(Group.objects.get(name=SERVICE_GROUP))
    return user


def load():
    today = timezone.localdate()
    schemes = {}
    for data in SCHEMES:
        data = dict(data)
        budget = data.pop("budget")
        requirements = data.pop("requirements")
        slug = data.pop("slug")
        scheme = upsert(Scheme, slug=slug, defaults={**data, "is_published": True})
        schemes[slug] = scheme
        for position, (name, description, required) in enumerate(requirements):
            upsert(
                AttachmentRequirement,
                scheme=scheme,
                name=name,
                defaults={
                    "description": description,
                    "is_required": required,
                    "position": position,
                },
            )
        upsert(
            BudgetEnvelope, scheme=scheme, year=today.year, defaults={"budget": budget}
        )
        upsert(
            BudgetEnvelope,
            scheme=scheme,
            year=today.year - 1,
            defaults={"budget": budget},
        )

    calls = {}
    for (slug, key), (title, opens, closes, year) in _calls(today).items():
        calls[(slug, key)] = upsert(
            Call,
            scheme=schemes[slug],
            title=title,
            defaults={"opens_at": opens, "closes_at": closes, "year": year},
        )

    organisations = []
    for data in ORGANISATIONS:
        data = dict(data)
        email, first, last = data.pop("user")
        user = _user(email, first, last)
        organisation = upsert(Organisation, name=data.pop("name"), defaults=data)
        if not Membership.objects.filter(organisation=organisation, user=user).exists():
            Membership.objects.create(organisation=organisation, user=user)
        organisations.append((organisation, user))

    official = _service_user()
    meetings = _meetings()
    partnership = Partnership.objects.filter(slug=HERENT_PARTNERSHIP).first()
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"
    ):
        for org_index, slug, key, status, fields in FILES:
            organisation, user = organisations[org_index]
            if Application.objects.filter(
                organisation=organisation, title=fields["title"]
            ).exists():
                continue
            application = _build(
                call=calls[(slug, key)],
                organisation=organisation,
                user=user,
                official=official,
                status=status,
                fields=fields,
                today=today,
                meetings=meetings,
                partnership=partnership,
            )
            _spread_in_time(application, start=calls[(slug, key)].opens_at)
    for envelope in BudgetEnvelope.objects.all():
        services.envelope_recalculate(envelope=envelope)


def _council_advice(application, outcome, motivation):
    """The GROSH's advice on the agenda item, recorded in the council app."""
    from council.services import advice_record

    item = integrations.agenda_items_for(application).first()
    favourable = outcome != "negative"
    return advice_record(
        agenda_item=item,
        subject_text=f"Subsidieaanvraag {application.reference}: {application.title}",
        text=(
            "De GROSH adviseert de subsidie toe te kennen."
            if favourable
            else "De GROSH adviseert de subsidie niet toe te kennen."
        ),
        motivation=motivation,
        outcome=outcome,
        votes_for=4 if favourable else 1,
        votes_against=0 if favourable else 3,
        votes_abstain=1,
    )


def _meetings():
    """The GROSH's last held meeting and its next planned one (None without)."""
    from council.constants import GROSH_SLUG, MeetingStatus
    from council.models import Meeting

    held = (
        Meeting.objects.filter(council__slug=GROSH_SLUG, status=MeetingStatus.HELD)
        .order_by("-planned_start")
        .first()
    )
    upcoming = integrations.upcoming_meetings()
    return {"last": held, "next": upcoming[0] if upcoming else None}


def _build(
    *, call, organisation, user, official, status, fields, today, meetings, partnership
):
    """One file, taken through the services up to `status`."""
    scheme = call.scheme
    requested = Decimal(fields["requested"])
    expenses = Decimal(fields["expenses"])
    start = call.closes_at.date() + dt.timedelta(days=45)
    application = services.application_create(
        call=call, organisation=organisation, user=user
    )
    application = services.application_save_step(
        application=application,
        user=user,
        step="project",
        data={
            "title": fields["title"],
            "summary": fields["summary"],
            "description": EXAMPLE
            + fields["summary"]
            + " Het project loopt een jaar en wordt samen met de partner opgevolgd.",
            "objectives": "De partner en de gemeenschap werken het project zelf uit; "
            "de vereniging zorgt voor middelen, vorming en opvolging.",
            "target_group": "De inwoners van " + fields["region"] + ".",
            "start_date": start,
            "end_date": start + dt.timedelta(days=300),
        },
    )
    application = services.application_save_step(
        application=application,
        user=user,
        step="partner",
        data={
            "partner_name": fields["partner"],
            "partner_description": "Een lokale organisatie waarmee de vereniging al jaren samenwerkt.",
            "country": fields["country"],
            "region": fields["region"],
            "partnership": partnership if fields.get("partnership") else None,
        },
        sdgs=None,
    )
    application = services.application_save_step(
        application=application,
        user=user,
        step="sdgs",
        data={
            "sdg_explanation": "Het project werkt rechtstreeks aan deze doelstellingen."
        },
        sdgs=list(SDG.objects.filter(number__in=fields["sdgs"])),
    )
    own = expenses - requested
    lines = [("expense", "Materiaal en uitrusting", expenses * Decimal("0.6"))]
    lines.append(("expense", "Vorming en begeleiding", expenses - lines[0][2]))
    if own:
        lines.append(("income", "Eigen inbreng (acties en giften)", own))
    application = services.application_save_budget(
        application=application, user=user, requested_amount=requested, lines=lines
    )
    for requirement in scheme.attachment_requirements.filter(is_required=True):
        services.attachment_add(
            application=application,
            user=user,
            upload=ContentFile(PDF, name=f"{slugify(requirement.name)[:40]}.pdf"),
            requirement=requirement,
        )
    application = services.application_save_step(
        application=application,
        user=user,
        step="verklaringen",
        data={
            "declares_truthful": True,
            "declares_no_double_funding": True,
            "has_conflict_of_interest": False,
        },
    )
    if status == Status.DRAFT:
        return application

    moment = call.opens_at + dt.timedelta(days=10)
    application = services.application_submit(
        application=application, user=user, now=moment
    )
    if status == Status.SUBMITTED:
        return application
    if status == Status.WITHDRAWN:
        return services.application_withdraw(
            application=application,
            user=user,
            reason="Het project wordt een jaar uitgesteld.",
        )
    if status in (Status.INFO_REQUESTED, Status.RESUBMITTED):
        services.application_request_information(
            application=application,
            actor=official,
            question="Uw begroting vermeldt geen bijdrage van de partner. Kunt u die toevoegen, of uitleggen waarom er geen is?",
            steps=["begroting"],
        )
        if status == Status.INFO_REQUESTED:
            return application
        return services.application_resubmit(
            application=application,
            user=user,
            answer="De school draagt de verblijfskosten; dat staat nu in de begroting.",
        )
    application = services.application_start_screening(
        application=application, actor=official
    )
    if status == Status.SCREENING:
        return application
    if status == Status.INADMISSIBLE:
        return services.application_declare_inadmissible(
            application=application,
            actor=official,
            reason="Een reis van de eigen leden valt niet onder de projectsubsidie; zie het reglement inleefreizen.",
        )
    # Decisions and payments in the past, in a plausible order.
    decision_date = min(
        call.closes_at.date() + dt.timedelta(days=35), today - dt.timedelta(days=10)
    )
    if scheme.requires_council_advice:
        # This year's files go on the GROSH's agendas (the last meeting, or the
        # next one for a file still waiting); older ones predate the portal.
        this_year = call.year == today.year
        meeting = meetings["next" if status == Status.ADVICE else "last"]
        application = services.application_put_on_agenda(
            application=application,
            actor=official,
            meeting=meeting if this_year else None,
            reason="Agenda van de GROSH.",
        )
        if status == Status.ADVICE:
            return application
        outcome = fields.get("advice", "positive")
        motivation = (
            "Het project sluit aan bij de prioriteiten van de stedenband en de partner is betrouwbaar."
            if outcome != "negative"
            else "Het project is vooral een investering in gebouwen en past beter bij een andere financiering."
        )
        advice_date = decision_date - dt.timedelta(days=7)
        if this_year and meeting is not None:
            advice = _council_advice(application, outcome, motivation)
            advice_date = timezone.localdate(advice.agenda_item.meeting.planned_start)
        application = services.application_record_advice(
            application=application,
            actor=official,
            outcome=outcome,
            motivation=motivation,
            advice_date=advice_date,
            proposed_amount=Decimal(fields.get("approved", fields["requested"])),
        )
        if status == Status.ADVISED:
            return application
    if status == Status.REFUSED:
        return services.application_decide(
            application=application,
            actor=official,
            decision="refused",
            decision_date=decision_date,
            decision_reference=f"CBS {decision_date:%Y%m%d}/{application.pk}",
            reason="Het college volgt het negatieve advies van de GROSH.",
        )
    approved = Decimal(fields["approved"])
    application = services.application_decide(
        application=application,
        actor=official,
        decision="approved",
        amount=approved,
        decision_date=decision_date,
        decision_reference=f"CBS {decision_date:%Y%m%d}/{application.pk}",
        reason="Het college volgt het advies.",
    )
    if status == Status.APPROVED:
        return application
    advance = (approved * scheme.advance_percent / 100).quantize(Decimal("0.01"))
    application = services.application_pay_advance(
        application=application,
        actor=official,
        amount=advance,
        paid_on=min(
            decision_date + dt.timedelta(days=14), today - dt.timedelta(days=3)
        ),
        note="Voorschot",
    )
    if status == Status.ADVANCE_PAID:
        return application
    if status == Status.RECLAIMED:
        return services.application_reclaim(
            application=application,
            actor=official,
            amount=Decimal("600"),
            paid_on=min(
                decision_date + dt.timedelta(days=200), today - dt.timedelta(days=1)
            ),
            reason="Het project werd kleiner uitgevoerd dan gepland; 600 euro werd niet besteed.",
        )
    application = services.report_save(
        application=application,
        user=user,
        narrative=EXAMPLE
        + "Het project werd uitgevoerd zoals gepland. De partner stuurde foto's en een verslag.",
        actuals={line.pk: line.amount for line in application.budget_lines.all()},
    )
    services.report_add_proof(
        application=application,
        user=user,
        upload=ContentFile(PDF, name="facturen.pdf"),
        description="Facturen en betaalbewijzen",
    )
    application = services.application_submit_report(application=application, user=user)
    if status == Status.REPORT_SUBMITTED:
        return application
    if status == Status.REPORT_CHANGES_REQUESTED:
        return services.application_request_report_changes(
            application=application,
            actor=official,
            reason="Het bewijs van de aankoop van de zaailingen ontbreekt.",
        )
    application = services.application_accept_report(
        application=application, actor=official
    )
    if status == Status.REPORT_ACCEPTED:
        return application
    application = services.application_pay_balance(
        application=application,
        actor=official,
        amount=approved - advance,
        paid_on=min(
            decision_date + dt.timedelta(days=330), today - dt.timedelta(days=1)
        ),
        note="Saldo",
    )
    if status == Status.BALANCE_PAID:
        return application
    return services.application_close(application=application, actor=official)


def _spread_in_time(application, *, start):
    """Demo files are built in a second; put their history where it happened:
    the draft before the submission, the rest between submission and today."""
    from django.contrib.contenttypes.models import ContentType

    end = timezone.now() - dt.timedelta(hours=2)
    submitted = application.submitted_at
    if submitted:
        end = max(min(end, submitted + dt.timedelta(days=330)), submitted)
    entries = list(
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Application),
            object_id=str(application.pk),
        ).order_by("id")
    )
    records = list(application.history.order_by("history_id"))
    for items, field, is_submission in (
        (
            entries,
            "created_at",
            lambda e: e.action == "subsidies.application.submitted",
        ),
        (records, "history_date", lambda r: r.history_change_reason == "submitted"),
    ):
        cut = next(
            (i for i, item in enumerate(items) if is_submission(item)), len(items)
        )
        moments = _evenly(start, submitted or end, cut)
        if cut < len(items):
            moments += [submitted, *_evenly(submitted, end, len(items) - cut - 1)]
        for item, moment in zip(items, moments, strict=True):
            type(item).objects.filter(pk=item.pk).update(**{field: moment})


def _evenly(start, end, count):
    """`count` moments after `start`, the last one at `end`."""
    if count <= 0:
        return []
    step = (end - start) / (count + 1)
    return [start + step * (index + 1) for index in range(count)]
