"""Choices of the subsidies app: statuses, legal forms, kinds of lines and payments."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LegalForm(models.TextChoices):
    VZW = "vzw", _("vzw (vereniging zonder winstoogmerk)")
    IVZW = "ivzw", _("ivzw (internationale vereniging zonder winstoogmerk)")
    FACTUAL = "feitelijk", _("feitelijke vereniging")
    FOUNDATION = "stichting", _("stichting")
    COOPERATIVE = "cv", _("coöperatieve vennootschap")
    SCHOOL = "school", _("school of onderwijsinstelling")
    OTHER = "andere", _("andere rechtsvorm")


# A feitelijke vereniging has no enterprise number; every other form has one.
LEGAL_FORMS_WITHOUT_ENTERPRISE_NUMBER = {LegalForm.FACTUAL}


class Status(models.TextChoices):
    """The workflow of an application (docs/workflows.md); labels are the service's words."""

    DRAFT = "draft", _("Concept")
    SUBMITTED = "submitted", _("Ingediend")
    INFO_REQUESTED = "info_requested", _("Informatie gevraagd")
    RESUBMITTED = "resubmitted", _("Aangevuld")
    SCREENING = "screening", _("Screening")
    ADVICE = "advice", _("Bij de GROSH")
    ADVISED = "advised", _("Advies ontvangen")
    INADMISSIBLE = "inadmissible", _("Onontvankelijk")
    APPROVED = "approved", _("Goedgekeurd")
    REFUSED = "refused", _("Geweigerd")
    ADVANCE_PAID = "advance_paid", _("Voorschot betaald")
    REPORT_SUBMITTED = "report_submitted", _("Verantwoording ingediend")
    REPORT_CHANGES_REQUESTED = (
        "report_changes",
        _("Verantwoording aan te vullen"),
    )
    REPORT_ACCEPTED = "report_accepted", _("Verantwoording aanvaard")
    BALANCE_PAID = "balance_paid", _("Saldo betaald")
    RECLAIMED = "reclaimed", _("Teruggevorderd")
    CLOSED = "closed", _("Afgesloten")
    WITHDRAWN = "withdrawn", _("Ingetrokken")


# What the applicant reads: plain language, saying what happens next.
APPLICANT_STATUS_LABELS = {
    Status.DRAFT: _("In opmaak: nog niet ingediend"),
    Status.SUBMITTED: _("Ingediend: wacht op behandeling"),
    Status.INFO_REQUESTED: _("Actie nodig: de dienst vraagt meer informatie"),
    Status.RESUBMITTED: _("Aangevuld: wacht op verdere behandeling"),
    Status.SCREENING: _("In behandeling bij de dienst"),
    Status.ADVICE: _("Voorgelegd aan de GROSH voor advies"),
    Status.ADVISED: _("Advies ontvangen: wacht op de beslissing van het college"),
    Status.INADMISSIBLE: _("Niet ontvankelijk"),
    Status.APPROVED: _("Toegekend: het voorschot volgt"),
    Status.REFUSED: _("Niet toegekend"),
    Status.ADVANCE_PAID: _("Voorschot betaald: wij verwachten uw verantwoording"),
    Status.REPORT_SUBMITTED: _("Verantwoording ingediend: wordt nagekeken"),
    Status.REPORT_CHANGES_REQUESTED: _("Actie nodig: vul uw verantwoording aan"),
    Status.REPORT_ACCEPTED: _("Verantwoording goedgekeurd: het saldo volgt"),
    Status.BALANCE_PAID: _("Saldo betaald"),
    Status.RECLAIMED: _("Een deel van de subsidie wordt teruggevorderd"),
    Status.CLOSED: _("Afgesloten"),
    Status.WITHDRAWN: _("Ingetrokken"),
}

# A colour family per status, for badges (always next to the words, never alone).
STATUS_TONES = {
    Status.DRAFT: "neutral",
    Status.SUBMITTED: "progress",
    Status.INFO_REQUESTED: "action",
    Status.RESUBMITTED: "progress",
    Status.SCREENING: "progress",
    Status.ADVICE: "progress",
    Status.ADVISED: "progress",
    Status.INADMISSIBLE: "negative",
    Status.APPROVED: "positive",
    Status.REFUSED: "negative",
    Status.ADVANCE_PAID: "positive",
    Status.REPORT_SUBMITTED: "progress",
    Status.REPORT_CHANGES_REQUESTED: "action",
    Status.REPORT_ACCEPTED: "positive",
    Status.BALANCE_PAID: "positive",
    Status.RECLAIMED: "negative",
    Status.CLOSED: "neutral",
    Status.WITHDRAWN: "neutral",
}

# Files the service is still assessing: their requested amounts are "reserved".
IN_REVIEW = frozenset(
    {
        Status.SUBMITTED,
        Status.INFO_REQUESTED,
        Status.RESUBMITTED,
        Status.SCREENING,
        Status.ADVICE,
        Status.ADVISED,
    }
)
# Before the college's decision the applicant may withdraw.
WITHDRAWABLE = IN_REVIEW
# The applicant may edit (all steps, or the steps an information request reopened).
EDITABLE = frozenset({Status.DRAFT, Status.INFO_REQUESTED})
# Files someone of the organisation may still have to act on (answer a question,
# write the report, receive the payment): submitted and not yet finished.
AWAITING_ORGANISATION = frozenset(Status.values) - {
    Status.DRAFT,
    Status.INADMISSIBLE,
    Status.REFUSED,
    Status.CLOSED,
    Status.WITHDRAWN,
}
# The final report may be written.
# Files that are finished: after the archive period their personal data is wiped.
FINISHED = frozenset(
    {Status.CLOSED, Status.WITHDRAWN, Status.REFUSED, Status.INADMISSIBLE}
)
REPORT_EDITABLE = frozenset({Status.ADVANCE_PAID, Status.REPORT_CHANGES_REQUESTED})


class Decision(models.TextChoices):
    APPROVED = "approved", _("Toegekend")
    REFUSED = "refused", _("Geweigerd")


class LineKind(models.TextChoices):
    INCOME = "income", _("Inkomsten")
    EXPENSE = "expense", _("Uitgaven")


class PaymentKind(models.TextChoices):
    ADVANCE = "advance", _("Voorschot")
    BALANCE = "balance", _("Saldo")
    RECLAIM = "reclaim", _("Terugvordering")


class AttachmentPurpose(models.TextChoices):
    APPLICATION = "application", _("Aanvraag")
    REPORT = "report", _("Verantwoording")
    MESSAGE = "message", _("Bericht")


class Step(models.TextChoices):
    """The steps of the application form, in order; also what a request reopens."""

    ORGANISATION = "organisatie", _("Organisatie")
    PROJECT = "project", _("Project")
    PARTNER = "partner", _("Partner en land")
    SDGS = "sdgs", _("SDG's")
    BUDGET = "begroting", _("Begroting")
    ATTACHMENTS = "bijlagen", _("Bijlagen")
    DECLARATIONS = "verklaringen", _("Verklaringen")


REFERENCE_PREFIX = "SUB"


# The audit trail's actions of the subsidies and their words (herentq.audit); the
# application's transitions are named after those of workflow.APPLICATIONS.
AUDIT_ACTIONS = {
    "subsidies.account.closed": _("Account gesloten door de aanvrager"),
    "subsidies.application.anonymised": _("Persoonsgegevens gewist (archieftermijn)"),
    "subsidies.organisation.created": _("Organisatie aangemaakt"),
    "subsidies.organisation.member_invited": _("Collega uitgenodigd"),
    "subsidies.organisation.member_joined": _("Collega toegetreden"),
    "subsidies.organisation.updated_by_staff": _("Gegevens gewijzigd door de dienst"),
    "subsidies.organisation.member_added": _("Lid toegevoegd door de dienst"),
    "subsidies.organisation.member_removed": _("Lid verwijderd door de dienst"),
    "subsidies.application.draft_created": _("Concept aangemaakt"),
    "subsidies.application.attachment_added": _("Bijlage toegevoegd"),
    "subsidies.application.attachment_deleted": _("Bijlage verwijderd"),
    "subsidies.application.draft_deleted": _("Concept verwijderd"),
    "subsidies.application.submitted": _("Aanvraag ingediend"),
    "subsidies.application.resubmitted": _("Aanvulling ingediend"),
    "subsidies.application.withdrawn": _("Aanvraag ingetrokken"),
    "subsidies.application.start_screening": _("Behandeling door de dienst gestart"),
    "subsidies.application.request_information": _("De dienst vroeg meer informatie"),
    "subsidies.application.declare_inadmissible": _("Onontvankelijk verklaard"),
    "subsidies.application.put_on_agenda": _("Voorgelegd aan de GROSH"),
    "subsidies.application.record_advice": _("Advies van de GROSH ontvangen"),
    "subsidies.application.decide": _("Beslissing van het college"),
    "subsidies.application.pay_advance": _("Voorschot betaald"),
    "subsidies.application.submit_report": _("Verantwoording ingediend"),
    "subsidies.application.request_report_changes": _(
        "Aanvulling van de verantwoording gevraagd"
    ),
    "subsidies.application.accept_report": _("Verantwoording goedgekeurd"),
    "subsidies.application.pay_balance": _("Saldo betaald"),
    "subsidies.application.reclaim": _("Terugvordering"),
    "subsidies.application.close": _("Dossier afgesloten"),
    "subsidies.application.audit_bundle_downloaded": _("Auditbundel gedownload"),
    "subsidies.envelope.budget_changed": _("Budget van de enveloppe vastgelegd"),
    "subsidies.envelope.deleted": _("Enveloppe verwijderd"),
}
