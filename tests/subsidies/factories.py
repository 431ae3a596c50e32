"""Factories of the subsidies app: a scheme with an open call and an envelope, an
organisation with a member, and applications that are complete and balanced."""

import datetime as dt
from decimal import Decimal

import factory
from allauth.account.models import EmailAddress
from django.core.files.base import ContentFile
from django.utils import timezone

from herentq.models import SDG
from subsidies.constants import LegalForm, LineKind
from subsidies.models import (
    Application,
    Attachment,
    AttachmentRequirement,
    BudgetEnvelope,
    BudgetLine,
    Call,
    Membership,
    Organisation,
    Scheme,
)
from tests.factories import UserFactory

# Valid check digits (mod 97) for the enterprise numbers and IBANs below.
ENTERPRISE_NUMBERS = ["0403170701", "0202239951", "0417497106", "0203201340"]
IBANS = ["BE71096123456769", "BE62510007547061", "BE43068999999501"]

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def enterprise_number(n: int) -> str:
    """A valid Belgian enterprise number (mod-97 check) for any n."""
    base = 4_000_000 + n  # "0" + 7 digits: the first 8 digits of the number
    check = 97 - (base % 97)
    return f"0{base:07d}{check:02d}"


def verified_user(**kwargs):
    user = UserFactory(**kwargs)
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )
    return user


class SchemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scheme
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Projectsubsidie {n}")
    slug = factory.Sequence(lambda n: f"projectsubsidie-{n}")
    summary = "Steun voor projecten van 4de-pijlerorganisaties."
    description = "Projecten in het Zuiden."
    eligibility = "Verenigingen uit Herent."
    rules = "Maximum 5.000 euro.\nMaximum de helft van het projectbudget."
    max_amount = Decimal("5000")
    max_share_percent = Decimal("50")
    cap_per_organisation_per_year = Decimal("7500")


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call

    scheme = factory.SubFactory(SchemeFactory)
    title = factory.Sequence(lambda n: f"Oproep {n}")
    opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=10))
    closes_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=30))
    year = factory.LazyFunction(lambda: timezone.localdate().year)


class EnvelopeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetEnvelope
        django_get_or_create = ["scheme", "year"]

    scheme = factory.SubFactory(SchemeFactory)
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    budget = Decimal("20000")


class RequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AttachmentRequirement

    scheme = factory.SubFactory(SchemeFactory)
    name = factory.Sequence(lambda n: f"Bijlage {n}")
    is_required = True


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Vereniging {n} vzw")
    legal_form = LegalForm.VZW
    enterprise_number = factory.Sequence(enterprise_number)
    street = "Wijgmaalsesteenweg 12"
    postcode = "3020"
    city = "Herent"
    iban = "BE71096123456769"
    contact_name = "An Peeters"
    contact_email = factory.Sequence(lambda n: f"contact{n}@vereniging.be")

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        for user in extracted or []:
            Membership.objects.create(organisation=self, user=user)


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A draft that is complete: every rule is met, so it can be submitted."""

    class Meta:
        model = Application
        skip_postgeneration_save = True

    call = factory.SubFactory(CallFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    contact_name = "An Peeters"
    contact_email = factory.LazyAttribute(lambda a: a.organisation.contact_email)
    title = factory.Sequence(lambda n: f"Gemeenschapsradio {n}")
    summary = "Een gemeenschapsradio in Nimlaha'kok."
    description = "Uitrusting en vorming voor de radio."
    objectives = "Informatie in het Q'eqchi'."
    target_group = "Inwoners van Nimlaha'kok."
    start_date = factory.LazyFunction(
        lambda: timezone.localdate() + dt.timedelta(days=60)
    )
    end_date = factory.LazyFunction(
        lambda: timezone.localdate() + dt.timedelta(days=240)
    )
    partner_name = "Asociación Q'eqchi'"
    country = "GT"
    region = "Nimlaha'kok, Cobán"
    requested_amount = Decimal("2000")
    declares_truthful = True
    declares_no_double_funding = True
    has_conflict_of_interest = False

    @factory.post_generation
    def budget(self, create, extracted, **kwargs):
        if not create:
            return
        # Income 2 000 + requested 2 000 = expenses 4 000: balanced, 50 %.
        expenses = extracted if extracted is not None else Decimal("4000")
        income = expenses - (self.requested_amount or 0)
        if income:
            BudgetLine.objects.create(
                application=self,
                kind=LineKind.INCOME,
                description="Eigen inbreng",
                amount=income,
            )
        BudgetLine.objects.create(
            application=self,
            kind=LineKind.EXPENSE,
            description="Zender en antenne",
            amount=expenses,
        )

    @factory.post_generation
    def sdgs(self, create, extracted, **kwargs):
        if create:
            self.sdgs.set(extracted or [SDG.objects.get(number=5)])


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attachment

    application = factory.SubFactory(ApplicationFactory)
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="upload.pdf"))
    original_name = "statuten.pdf"
    content_type = "application/pdf"
    size = len(PDF_BYTES)
    sha256 = "0" * 64
