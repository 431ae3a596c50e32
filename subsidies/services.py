"""Every write of the subsidies app.

Keyword-only functions named `<thing>_<action>`, each in one transaction: they
check the workflow (subsidies.workflow), write the audit trail, save per object
(so django-simple-history records every change, bulk ones included) and queue the
e-mails in the same transaction.
"""

import datetime as dt
import functools
import secrets
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from herentq import languages, mail
from herentq import services as herentq_services
from herentq.audit import audit_log
from herentq.models import SentReminder
from subsidies import exports, integrations, notifications, rules, selectors
from subsidies.constants import (
    AWAITING_ORGANISATION,
    FINISHED,
    REFERENCE_PREFIX,
    AttachmentPurpose,
    Decision,
    LineKind,
    PaymentKind,
    Status,
    Step,
)
from subsidies.formatting import format_eur
from subsidies.models import (
    ZERO,
    Application,
    Attachment,
    BudgetEnvelope,
    BudgetLine,
    Call,
    InformationRequest,
    Invitation,
    Membership,
    Message,
    Organisation,
    Payment,
    ReferenceCounter,
)
from subsidies.validators import sha256_of, validate_upload
from subsidies.workflow import APPLICATIONS, SubsidyError, TransitionNotAllowed

INVITATION_VALID_FOR = dt.timedelta(days=14)


class RulesNotMet(SubsidyError):
    """Submission refused: the problems say what is missing or above a limit."""

    def __init__(self, problems: list[rules.Problem]):
        super().__init__(_("De aanvraag voldoet nog niet aan de regels."))
        self.problems = problems


class CallClosed(SubsidyError):
    pass


class EnvelopeExceeded(SubsidyError):
    pass


class NotAMember(SubsidyError):
    pass


# --- Organisations --------------------------------------------------------------


@transaction.atomic
def organisation_create(*, user, data: dict) -> Organisation:
    organisation = Organisation(**data)
    organisation._history_user = user  # type: ignore[attr-defined]  # read by simple_history
    organisation.full_clean()
    organisation.save()
    Membership.objects.create(organisation=organisation, user=user)
    audit_log(target=organisation, action="subsidies.organisation.created", actor=user)
    return organisation


def _require_member(organisation: Organisation, user) -> None:
    if not organisation.memberships.filter(user=user).exists():
        raise NotAMember(_("U bent geen lid van deze organisatie."))


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, user, data: dict
) -> Organisation:
    _require_member(organisation, user)
    for name, value in data.items():
        setattr(organisation, name, value)
    organisation._history_user = user  # type: ignore[attr-defined]  # read by simple_history
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def organisation_save_by_staff(*, organisation: Organisation, actor) -> Organisation:
    """Save an organisation as the service desk edited it (they need not be a
    member); the audit trail says who changed which fields."""
    changed = []
    if organisation.pk:
        current = Organisation.objects.select_for_update().get(pk=organisation.pk)
        changed = [
            field.name
            for field in Organisation._meta.concrete_fields
            if field.value_from_object(current) != field.value_from_object(organisation)
        ]
    created = organisation.pk is None
    organisation._history_user = actor  # type: ignore[attr-defined]  # read by simple_history
    organisation.full_clean()
    organisation.save()
    if created:
        audit_log(
            target=organisation, action="subsidies.organisation.created", actor=actor
        )
    elif changed:
        audit_log(
            target=organisation,
            action="subsidies.organisation.updated_by_staff",
            actor=actor,
            data={"fields": changed},
        )
    return organisation


@transaction.atomic
def membership_add(*, organisation: Organisation, user, actor) -> Membership:
    """The service desk adds someone to an organisation (without an invitation)."""
    membership, created = Membership.objects.get_or_create(
        organisation=organisation, user=user
    )
    if not created:
        raise SubsidyError(
            _("%(user)s is al lid van deze organisatie.") % {"user": user},
            field="user",
        )
    audit_log(
        target=organisation,
        action="subsidies.organisation.member_added",
        actor=actor,
        data={"user": user.pk, "email": user.email},
    )
    return membership


def membership_check_remaining(*, organisation: Organisation, remaining: int) -> None:
    """An organisation with files still waiting on it keeps at least one member:
    someone must be able to answer, report and be paid."""
    if remaining > 0 or not organisation.pk:
        return
    if organisation.applications.filter(status__in=AWAITING_ORGANISATION).exists():
        raise SubsidyError(
            _(
                "Het laatste lid kan niet weg: de organisatie heeft nog lopende "
                "dossiers. Voeg eerst iemand anders toe."
            )
        )


@transaction.atomic
def membership_remove(*, membership: Membership, actor) -> None:
    """The service desk removes someone from an organisation."""
    organisation = Organisation.objects.select_for_update().get(
        pk=membership.organisation_id
    )
    remaining = organisation.memberships.exclude(pk=membership.pk).count()
    membership_check_remaining(organisation=organisation, remaining=remaining)
    user = membership.user
    membership.delete()
    audit_log(
        target=organisation,
        action="subsidies.organisation.member_removed",
        actor=actor,
        data={"user": user.pk, "email": user.email},
    )


@transaction.atomic
def invitation_create(
    *, organisation: Organisation, invited_by, email: str
) -> Invitation:
    _require_member(organisation, invited_by)
    email = email.strip().lower()
    if organisation.members.filter(email__iexact=email).exists():
        raise SubsidyError(
            _("%(email)s is al lid van deze organisatie.") % {"email": email}
        )
    now = timezone.now()
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        token=secrets.token_urlsafe(32),
        invited_by=invited_by,
        created_at=now,
        expires_at=now + INVITATION_VALID_FOR,
    )
    audit_log(
        target=organisation,
        action="subsidies.organisation.member_invited",
        actor=invited_by,
        data={"email": email},
    )
    notifications.notify_invitation(invitation)
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> Membership:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at or invitation.expires_at <= timezone.now():
        raise SubsidyError(_("Deze uitnodiging is niet meer geldig."))
    if user.email.lower() != invitation.email.lower():
        raise SubsidyError(
            _(
                "Deze uitnodiging is voor %(email)s. Meld u aan met dat e-mailadres "
                "om ze te aanvaarden."
            )
            % {"email": invitation.email}
        )
    membership, _created = Membership.objects.get_or_create(
        organisation=invitation.organisation, user=user
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    audit_log(
        target=invitation.organisation,
        action="subsidies.organisation.member_joined",
        actor=user,
    )
    return membership


# --- Drafts and their steps --------------------------------------------------------


def _lock(application: Application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("call__scheme", "organisation")
        .get(pk=application.pk)
    )


def _save(application: Application, *, actor, reason: str = "") -> None:
    application._history_user = (  # type: ignore[attr-defined]
        actor if getattr(actor, "is_authenticated", False) else None
    )
    # simple_history keeps 100 characters; the audit trail keeps the whole reason.
    application._change_reason = reason[:100]  # type: ignore[attr-defined]  # read by simple_history
    application.save()


@transaction.atomic
def application_create(*, call: Call, organisation: Organisation, user) -> Application:
    _require_member(organisation, user)
    application = Application(
        call=call,
        organisation=organisation,
        created_by=user,
        contact_name=organisation.contact_name,
        contact_email=organisation.contact_email,
        contact_phone=organisation.contact_phone,
        # The language the applicant works in: the file is kept as they write it.
        language=languages.current(),
    )
    _save(application, actor=user, reason="created")
    audit_log(
        target=application, action="subsidies.application.draft_created", actor=user
    )
    return application


def _check_step_editable(application: Application, step: str) -> None:
    if not application.is_step_editable(step):
        raise TransitionNotAllowed(
            _("Deze stap kunt u nu niet meer wijzigen: “%(step)s”.")
            % {"step": Step(step).label}
        )


@transaction.atomic
def application_save_step(
    *, application: Application, user, step: str, data: dict, sdgs=None
) -> Application:
    """Save the fields of one step of a draft (or of a reopened step)."""
    application = _lock(application)
    _check_step_editable(application, step)
    for name, value in data.items():
        setattr(application, name, value)
    if step == Step.ORGANISATION and "organisation" in data:
        _require_member(data["organisation"], user)
        if application.status != Status.DRAFT:
            raise TransitionNotAllowed(_("De organisatie kan niet meer veranderen."))
    if step == Step.DECLARATIONS:
        application.declared_by = user
        application.declared_at = timezone.now()
    _save(application, actor=user, reason=f"step {step}")
    if sdgs is not None:
        application.sdgs.set(sdgs)
    return application


@transaction.atomic
def application_save_budget(
    *,
    application: Application,
    user,
    requested_amount: Decimal | None,
    lines: list[tuple[str, str, Decimal]],
) -> Application:
    """Replace the budget lines: `lines` are (kind, description, amount)."""
    application = _lock(application)
    _check_step_editable(application, Step.BUDGET)
    application.requested_amount = requested_amount
    _save(application, actor=user, reason="step begroting")
    application.budget_lines.all().delete()
    positions: dict[str, int] = {LineKind.INCOME: 0, LineKind.EXPENSE: 0}
    for kind, description, amount in lines:
        positions[kind] += 1
        BudgetLine.objects.create(
            application=application,
            kind=kind,
            description=description,
            amount=amount,
            position=positions[kind],
        )
    return application


def _store_attachment(
    *,
    application: Application,
    upload,
    user,
    purpose: str,
    requirement=None,
    message=None,
    description: str = "",
) -> Attachment:
    kind = validate_upload(upload)
    original_name = (upload.name or "bijlage").rsplit("/", 1)[-1][:200]
    digest = sha256_of(upload)
    # Stored under a random name with the extension of what the file really is.
    upload.name = f"upload.{kind.extension}"
    return Attachment.objects.create(
        application=application,
        purpose=purpose,
        requirement=requirement,
        message=message,
        description=description,
        file=upload,
        original_name=original_name,
        content_type=kind.content_type,
        size=upload.size,
        sha256=digest,
        uploaded_by=user,
    )


@transaction.atomic
def attachment_add(
    *, application: Application, user, upload, requirement=None, description=""
) -> Attachment:
    application = _lock(application)
    _check_step_editable(application, Step.ATTACHMENTS)
    if requirement is not None and requirement.scheme_id != application.call.scheme_id:
        raise SubsidyError(_("Deze bijlage hoort niet bij dit reglement."))
    attachment = _store_attachment(
        application=application,
        upload=upload,
        user=user,
        purpose=AttachmentPurpose.APPLICATION,
        requirement=requirement,
        description=description,
    )
    audit_log(
        target=application,
        action="subsidies.application.attachment_added",
        actor=user,
        data={"name": attachment.original_name, "sha256": attachment.sha256},
    )
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: Attachment, user) -> None:
    application = _lock(attachment.application)
    if attachment.purpose == AttachmentPurpose.APPLICATION:
        _check_step_editable(application, Step.ATTACHMENTS)
    elif attachment.purpose == AttachmentPurpose.REPORT:
        if not application.is_report_editable:
            raise TransitionNotAllowed(_("De verantwoording is al ingediend."))
    else:
        raise TransitionNotAllowed(_("Een bijlage bij een bericht blijft bewaard."))
    audit_log(
        target=application,
        action="subsidies.application.attachment_deleted",
        actor=user,
        data={"name": attachment.original_name, "sha256": attachment.sha256},
    )
    attachment.file.delete(save=False)
    attachment.delete()


@transaction.atomic
def application_delete_draft(*, application: Application, user) -> None:
    application = _lock(application)
    if application.status != Status.DRAFT:
        raise TransitionNotAllowed(_("Alleen een concept kan verwijderd worden."))
    for attachment in application.attachments.all():
        attachment.file.delete(save=False)
    audit_log(
        target=application.organisation,
        action="subsidies.application.draft_deleted",
        actor=user,
        data={"title": application.title},
    )
    application.delete()


# --- Submission ----------------------------------------------------------------------


def reference_allocate(*, year: int) -> str:
    """The next SUB-<year>-<nnnn>, without gaps or duplicates under concurrency.

    Must run inside the submitting transaction: the counter row stays locked until
    it commits, and a rolled-back submission gives its number back.
    """
    ReferenceCounter.objects.bulk_create(
        [ReferenceCounter(year=year, last_number=0)], ignore_conflicts=True
    )
    counter = ReferenceCounter.objects.select_for_update().get(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"{REFERENCE_PREFIX}-{year}-{counter.last_number:04d}"


@transaction.atomic
def application_submit(*, application: Application, user, now=None) -> Application:
    application = _lock(application)
    APPLICATIONS.check("submit", application.status, subject=application)
    now = now or timezone.now()
    call = application.call
    if not call.is_open(now):
        if call.is_upcoming(now):
            message = _("Deze oproep is nog niet open: indienen kan vanaf %(moment)s.")
            moment = call.opens_at
        else:
            message = _(
                "Deze oproep is gesloten sinds %(moment)s: indienen kan niet meer."
            )
            moment = call.closes_at
        raise CallClosed(message % {"moment": languages.format_moment(moment)})
    problems = rules.application_problems(application)
    if problems:
        raise RulesNotMet(problems)
    application.reference = reference_allocate(year=timezone.localtime(now).year)
    application.submitted_at = now
    application.status = Status.SUBMITTED
    _save(application, actor=user, reason="submitted")
    audit_log(
        target=application,
        action="subsidies.application.submitted",
        actor=user,
        data={"reference": application.reference},
    )
    notifications.notify_applicant(
        application,
        subject=gettext_noop("Ontvangstbewijs %(reference)s: uw aanvraag is ingediend"),
        params={"reference": application.reference},
        template="submitted",
    )
    notifications.notify_service(
        application,
        subject=gettext_noop("Nieuwe subsidieaanvraag %(reference)s"),
        params={"reference": application.reference},
        template="service_submitted",
    )
    return application


@transaction.atomic
def application_resubmit(*, application: Application, user, answer: str) -> Application:
    """Answer an information request: the reopened steps close again."""
    application = _lock(application)
    APPLICATIONS.check("resubmit", application.status, subject=application)
    problems = rules.application_problems(application)
    if problems:
        raise RulesNotMet(problems)
    request = application.information_requests.filter(answered_at__isnull=True).first()
    if request is not None:
        request.answer = answer
        request.answered_at = timezone.now()
        request.save(update_fields=["answer", "answered_at"])
    application.status = Status.RESUBMITTED
    application.reopened_steps = []
    _save(application, actor=user, reason=answer)
    audit_log(
        target=application,
        action="subsidies.application.resubmitted",
        actor=user,
        reason=answer,
    )
    notifications.notify_status(application)
    notifications.notify_service(
        application,
        subject=gettext_noop("Dossier %(reference)s werd aangevuld"),
        params={"reference": application.reference},
        template="service_event",
        event=_("De aanvrager heeft het dossier aangevuld."),
    )
    return application


@transaction.atomic
def application_withdraw(
    *, application: Application, user, reason: str = ""
) -> Application:
    application = _lock(application)
    APPLICATIONS.check("withdraw", application.status, subject=application)
    application.status = Status.WITHDRAWN
    application.withdrawn_at = timezone.now()
    application.reopened_steps = []
    _save(application, actor=user, reason=reason)
    audit_log(
        target=application,
        action="subsidies.application.withdrawn",
        actor=user,
        reason=reason,
    )
    notifications.notify_status(application)
    notifications.notify_service(
        application,
        subject=gettext_noop("Dossier %(reference)s werd ingetrokken"),
        params={"reference": application.reference},
        template="service_event",
        event=_("De aanvrager heeft de aanvraag ingetrokken."),
    )
    return application


# --- Messages -------------------------------------------------------------------------


@transaction.atomic
def message_post(
    *, application: Application, author, body: str, from_service: bool, uploads=()
) -> Message:
    if application.status == Status.DRAFT:
        raise SubsidyError(_("Berichten kunnen pas na het indienen."))
    message = Message.objects.create(
        application=application, author=author, from_service=from_service, body=body
    )
    for upload in uploads:
        _store_attachment(
            application=application,
            upload=upload,
            user=author,
            purpose=AttachmentPurpose.MESSAGE,
            message=message,
        )
    if from_service:
        notifications.notify_applicant(
            application,
            subject=gettext_noop("Nieuw bericht in dossier %(reference)s"),
            params={"reference": application.reference},
            template="message",
        )
    else:
        notifications.notify_service(
            application,
            subject=gettext_noop(
                "Nieuw bericht van %(organisation)s in dossier %(reference)s"
            ),
            params={
                "organisation": application.organisation.name,
                "reference": application.reference,
            },
            template="service_event",
            event=_("De aanvrager stuurde een bericht."),
        )
    return message


# --- Processing by the service ------------------------------------------------------


def _transition(
    application, name, *, actor, reason="", note="", data=None, notify=True
):
    """Common tail of a service transition: history, audit trail, notification."""
    _save(application, actor=actor, reason=reason)
    audit_log(
        target=application,
        action=f"subsidies.application.{name}",
        actor=actor,
        reason=reason,
        data=data or {},
    )
    if notify:
        notifications.notify_status(application, note=note)
    return application


@transaction.atomic
def application_start_screening(*, application: Application, actor, reason: str = ""):
    application = _lock(application)
    APPLICATIONS.check("start_screening", application.status, subject=application)
    application.status = Status.SCREENING
    return _transition(application, "start_screening", actor=actor, reason=reason)


@transaction.atomic
def application_request_information(
    *, application: Application, actor, question: str, steps: list[str]
) -> InformationRequest:
    application = _lock(application)
    APPLICATIONS.check("request_information", application.status, subject=application)
    if not steps:
        raise SubsidyError(_("Kies minstens één stap die de aanvrager mag aanvullen."))
    request = InformationRequest.objects.create(
        application=application,
        question=question,
        steps=list(steps),
        requested_by=actor,
    )
    application.status = Status.INFO_REQUESTED
    application.reopened_steps = list(steps)
    _transition(
        application,
        "request_information",
        actor=actor,
        reason=question,
        data={"steps": list(steps)},
        notify=False,
    )
    notifications.notify_applicant(
        application,
        subject=gettext_noop("Dossier %(reference)s: de dienst vraagt meer informatie"),
        params={"reference": application.reference},
        template="information_requested",
        request=request,
    )
    return request


@transaction.atomic
def application_declare_inadmissible(*, application: Application, actor, reason: str):
    application = _lock(application)
    APPLICATIONS.check("declare_inadmissible", application.status, subject=application)
    if not reason.strip():
        raise SubsidyError(_("Geef de reden waarom de aanvraag onontvankelijk is."))
    application.status = Status.INADMISSIBLE
    return _transition(
        application, "declare_inadmissible", actor=actor, reason=reason, note=reason
    )


@transaction.atomic
def application_put_on_agenda(
    *, application: Application, actor, meeting=None, reason: str = ""
):
    """Ask the GROSH for advice: creates the (closed) agenda item in the council
    app. Without a meeting the advice is asked outside the portal (files from
    before it existed); council members then do not see the file here."""
    application = _lock(application)
    APPLICATIONS.check("put_on_agenda", application.status, subject=application)
    try:
        item = integrations.put_on_agenda(
            application=application, meeting=meeting, actor=actor
        )
    except integrations.CouncilError as error:
        raise SubsidyError(str(error)) from error
    application.status = Status.ADVICE
    return _transition(
        application,
        "put_on_agenda",
        actor=actor,
        reason=reason,
        data={"agenda_item": getattr(item, "pk", None), "meeting": str(meeting or "")},
    )


@transaction.atomic
def application_record_advice(
    *,
    application: Application,
    actor,
    outcome: str,
    motivation: str,
    advice_date: dt.date,
    proposed_amount: Decimal | None = None,
    reason: str = "",
):
    application = _lock(application)
    APPLICATIONS.check("record_advice", application.status, subject=application)
    application.advice_outcome = outcome
    application.advice_motivation = motivation
    application.advice_date = advice_date
    application.proposed_amount = proposed_amount
    application.status = Status.ADVISED
    return _transition(
        application,
        "record_advice",
        actor=actor,
        reason=reason or motivation,
        data={"outcome": outcome, "proposed_amount": str(proposed_amount or "")},
    )


def envelope_for(application: Application, *, lock: bool = False) -> BudgetEnvelope:
    queryset = BudgetEnvelope.objects.all()
    if lock:
        queryset = queryset.select_for_update()
    try:
        return queryset.get(
            scheme_id=application.call.scheme_id, year=application.call.year
        )
    except BudgetEnvelope.DoesNotExist:
        raise SubsidyError(
            _("Er is geen budgetenveloppe voor %(scheme)s in %(year)s.")
            % {"scheme": application.call.scheme.name, "year": application.call.year}
        ) from None


@transaction.atomic
def application_decide(
    *,
    application: Application,
    actor,
    decision: str,
    decision_date: dt.date,
    decision_reference: str,
    amount: Decimal | None = None,
    reason: str = "",
):
    """Record the college's decision; an approval commits money on the envelope.

    The envelope row is locked (SELECT … FOR UPDATE) before its remaining budget is
    read, so two approvals at the same moment are serialised: the second sees what
    the first committed. The database constraint is the last guard.
    """
    application = _lock(application)
    APPLICATIONS.check("decide", application.status, subject=application)
    scheme = application.call.scheme
    if decision == Decision.APPROVED:
        if amount is None or amount <= 0:
            raise SubsidyError(_("Vul het toegekende bedrag in."))
        if amount > scheme.max_amount:
            raise SubsidyError(
                _("Het bedrag is hoger dan het maximum van het reglement: %(max)s.")
                % {"max": format_eur(scheme.max_amount)}
            )
        envelope = envelope_for(application, lock=True)
        if amount > envelope.remaining:
            raise EnvelopeExceeded(
                _(
                    "Goedkeuren kan niet: de enveloppe %(envelope)s heeft nog "
                    "%(remaining)s over en u kent %(amount)s toe."
                )
                % {
                    "envelope": envelope,
                    "remaining": format_eur(envelope.remaining),
                    "amount": format_eur(amount),
                }
            )
        room = rules.room_under_cap(application)
        if room is not None and amount > room:
            raise SubsidyError(
                _(
                    "Dit gaat boven het maximum per organisatie per jaar: %(cap)s "
                    "(u kunt nog %(room)s toekennen)."
                )
                % {
                    "cap": format_eur(scheme.cap_per_organisation_per_year),
                    "room": format_eur(room),
                }
            )
        envelope.committed += amount
        envelope._history_user = actor  # type: ignore[attr-defined]  # read by simple_history
        envelope._change_reason = f"approved {application.reference}"  # type: ignore[attr-defined]  # read by simple_history
        envelope.save()
        application.decision = Decision.APPROVED
        application.approved_amount = amount
        application.committed_amount = amount
        application.status = Status.APPROVED
        end = application.end_date or decision_date
        application.report_due_on = end + dt.timedelta(days=scheme.report_due_days)
    elif decision == Decision.REFUSED:
        application.decision = Decision.REFUSED
        application.approved_amount = None
        application.status = Status.REFUSED
    else:
        raise SubsidyError(_("Onbekende beslissing."))
    application.decision_date = decision_date
    application.decision_reference = decision_reference
    return _transition(
        application,
        "decide",
        actor=actor,
        reason=reason,
        note=reason,
        data={
            "decision": decision,
            "amount": str(amount or ""),
            "decision_reference": decision_reference,
        },
    )


def _record_payment(application, *, actor, kind, amount, paid_on, note) -> Payment:
    if amount is None or amount <= 0:
        raise SubsidyError(_("Vul een bedrag groter dan € 0 in."))
    envelope = envelope_for(application, lock=True)
    paid = application.paid_total()
    if kind == PaymentKind.RECLAIM:
        if amount > paid:
            raise SubsidyError(
                _("U kunt niet meer terugvorderen dan er betaald is: %(paid)s.")
                % {"paid": format_eur(paid)}
            )
        net = paid - amount
        release = application.committed_amount - net
        envelope.paid -= amount
        envelope.committed -= release
        application.committed_amount = net
    else:
        open_amount = application.approved_amount - paid
        if amount > open_amount:
            raise SubsidyError(
                _("Dit is meer dan wat nog te betalen is: %(open)s.")
                % {"open": format_eur(open_amount)}
            )
        envelope.paid += amount
    envelope._history_user = actor  # type: ignore[attr-defined]  # read by simple_history
    envelope._change_reason = f"{kind} {application.reference}"  # type: ignore[attr-defined]  # read by simple_history
    envelope.save()
    return Payment.objects.create(
        application=application,
        kind=kind,
        amount=amount,
        paid_on=paid_on,
        note=note,
        recorded_by=actor,
    )


@transaction.atomic
def application_pay_advance(
    *, application: Application, actor, amount: Decimal, paid_on: dt.date, note=""
):
    application = _lock(application)
    APPLICATIONS.check("pay_advance", application.status, subject=application)
    payment = _record_payment(
        application,
        actor=actor,
        kind=PaymentKind.ADVANCE,
        amount=amount,
        paid_on=paid_on,
        note=note,
    )
    application.status = Status.ADVANCE_PAID
    return _transition(
        application,
        "pay_advance",
        actor=actor,
        reason=note,
        data={"amount": str(payment.amount), "paid_on": paid_on.isoformat()},
    )


@transaction.atomic
def application_pay_balance(
    *, application: Application, actor, amount: Decimal, paid_on: dt.date, note=""
):
    application = _lock(application)
    APPLICATIONS.check("pay_balance", application.status, subject=application)
    payment = _record_payment(
        application,
        actor=actor,
        kind=PaymentKind.BALANCE,
        amount=amount,
        paid_on=paid_on,
        note=note,
    )
    application.status = Status.BALANCE_PAID
    return _transition(
        application,
        "pay_balance",
        actor=actor,
        reason=note,
        data={"amount": str(payment.amount), "paid_on": paid_on.isoformat()},
    )


@transaction.atomic
def application_reclaim(
    *, application: Application, actor, amount: Decimal, paid_on: dt.date, reason: str
):
    """Reclaim (part of) what was paid; the unspent rest returns to the envelope."""
    application = _lock(application)
    APPLICATIONS.check("reclaim", application.status, subject=application)
    if not reason.strip():
        raise SubsidyError(_("Geef de reden van de terugvordering."))
    payment = _record_payment(
        application,
        actor=actor,
        kind=PaymentKind.RECLAIM,
        amount=amount,
        paid_on=paid_on,
        note=reason[:200],
    )
    application.status = Status.RECLAIMED
    return _transition(
        application,
        "reclaim",
        actor=actor,
        reason=reason,
        note=reason,
        data={"amount": str(payment.amount)},
    )


@transaction.atomic
def application_close(*, application: Application, actor, reason: str = ""):
    """Close the file; what was committed but not paid returns to the envelope."""
    application = _lock(application)
    APPLICATIONS.check("close", application.status, subject=application)
    if application.decision == Decision.APPROVED:
        net = application.paid_total()
        release = application.committed_amount - net
        if release:
            envelope = envelope_for(application, lock=True)
            envelope.committed -= release
            envelope._history_user = actor  # type: ignore[attr-defined]  # read by simple_history
            envelope._change_reason = f"closed {application.reference}"  # type: ignore[attr-defined]  # read by simple_history
            envelope.save()
            application.committed_amount = net
    application.status = Status.CLOSED
    application.closed_at = timezone.now()
    return _transition(application, "close", actor=actor, reason=reason)


# --- The final report ----------------------------------------------------------------


@transaction.atomic
def report_save(
    *,
    application: Application,
    user,
    narrative: str,
    actuals: dict[int, Decimal | None],
) -> Application:
    """Save the final report as a draft: the narrative and actual amounts per line."""
    application = _lock(application)
    if not application.is_report_editable:
        raise TransitionNotAllowed(_("De verantwoording kan nu niet gewijzigd worden."))
    application.report_narrative = narrative
    _save(application, actor=user, reason="report draft")
    for line in application.budget_lines.all():
        if line.pk in actuals and line.actual_amount != actuals[line.pk]:
            line.actual_amount = actuals[line.pk]
            line.save(update_fields=["actual_amount"])
    return application


@transaction.atomic
def report_add_proof(
    *, application: Application, user, upload, description=""
) -> Attachment:
    application = _lock(application)
    if not application.is_report_editable:
        raise TransitionNotAllowed(_("De verantwoording kan nu niet gewijzigd worden."))
    return _store_attachment(
        application=application,
        upload=upload,
        user=user,
        purpose=AttachmentPurpose.REPORT,
        description=description,
    )


def report_problems(application: Application) -> list[str]:
    problems = []
    if not application.report_narrative.strip():
        problems.append(_("Schrijf het inhoudelijk verslag."))
    if any(line.actual_amount is None for line in application.budget_lines.all()):
        problems.append(_("Vul bij elke begrotingslijn het werkelijke bedrag in."))
    if not application.attachments.filter(purpose=AttachmentPurpose.REPORT).exists():
        problems.append(
            _("Voeg minstens één bewijsstuk toe (facturen, betaalbewijzen).")
        )
    return problems


@transaction.atomic
def application_submit_report(*, application: Application, user) -> Application:
    application = _lock(application)
    APPLICATIONS.check("submit_report", application.status, subject=application)
    problems = report_problems(application)
    if problems:
        raise SubsidyError(" ".join(problems))
    application.status = Status.REPORT_SUBMITTED
    application.report_submitted_at = timezone.now()
    _transition(application, "submit_report", actor=user)
    notifications.notify_service(
        application,
        subject=gettext_noop("Verantwoording ingediend voor %(reference)s"),
        params={"reference": application.reference},
        template="service_event",
        event=_("De aanvrager heeft de verantwoording ingediend."),
    )
    return application


@transaction.atomic
def application_request_report_changes(*, application: Application, actor, reason: str):
    application = _lock(application)
    APPLICATIONS.check(
        "request_report_changes", application.status, subject=application
    )
    if not reason.strip():
        raise SubsidyError(_("Zeg wat er in de verantwoording ontbreekt."))
    application.status = Status.REPORT_CHANGES_REQUESTED
    return _transition(
        application, "request_report_changes", actor=actor, reason=reason, note=reason
    )


@transaction.atomic
def application_accept_report(*, application: Application, actor, reason: str = ""):
    application = _lock(application)
    APPLICATIONS.check("accept_report", application.status, subject=application)
    application.status = Status.REPORT_ACCEPTED
    return _transition(application, "accept_report", actor=actor, reason=reason)


# --- Audit ---------------------------------------------------------------------------


@transaction.atomic
def application_audit_bundle(*, application: Application, actor) -> bytes:
    """The audit bundle of a file (a zip). The download is recorded first, so
    the bundle's own trail shows who took it."""
    audit_log(
        target=application,
        action="subsidies.application.audit_bundle_downloaded",
        actor=actor,
    )
    return exports.audit_bundle(application)


# --- Envelopes -----------------------------------------------------------------------


def envelope_check_budget(*, envelope: BudgetEnvelope, budget: Decimal) -> None:
    """A budget never drops below what the envelope has committed (what is paid
    is part of that); `envelope_update` checks it again under lock."""
    if envelope.pk and budget < envelope.committed:
        raise SubsidyError(
            _("Het budget kan niet lager zijn dan wat al toegekend is: %(committed)s.")
            % {"committed": format_eur(envelope.committed)},
            field="budget",
        )


@transaction.atomic
def envelope_update(*, envelope: BudgetEnvelope, actor) -> BudgetEnvelope:
    """Save an envelope (scheme, year, budget) as edited in the back office.

    Committed and paid belong to the services: they are taken from the locked
    row, so an approval booked while the form was open is neither lost nor
    allowed to exceed the new budget.
    """
    old_budget = None
    if envelope.pk:
        current = BudgetEnvelope.objects.select_for_update().get(pk=envelope.pk)
        envelope.committed, envelope.paid = current.committed, current.paid
        old_budget = current.budget
    envelope_check_budget(envelope=envelope, budget=envelope.budget)
    envelope._history_user = actor  # type: ignore[attr-defined]  # read by simple_history
    envelope.save()
    if envelope.budget != old_budget:
        audit_log(
            target=envelope,
            action="subsidies.envelope.budget_changed",
            actor=actor,
            data={
                "old": None if old_budget is None else f"{old_budget:.2f}",
                "new": f"{envelope.budget:.2f}",
            },
        )
    return envelope


def envelope_check_removable(*, envelope: BudgetEnvelope) -> None:
    """An envelope goes only while nothing draws on it: no money committed or
    paid, and no file of its scheme and year past the draft."""
    drawn_on = (
        envelope.committed
        or envelope.paid
        or Application.objects.filter(
            call__scheme_id=envelope.scheme_id, call__year=envelope.year
        )
        .exclude(status=Status.DRAFT)
        .exists()
    )
    if drawn_on:
        raise SubsidyError(
            _(
                "De enveloppe %(year)s van %(scheme)s kan niet weg: er zijn al "
                "dossiers op ingediend of bedragen op toegekend."
            )
            % {"year": envelope.year, "scheme": envelope.scheme.name}
        )


@transaction.atomic
def envelope_delete(*, envelope: BudgetEnvelope, actor) -> None:
    current = BudgetEnvelope.objects.select_for_update().get(pk=envelope.pk)
    envelope_check_removable(envelope=current)
    audit_log(
        target=current.scheme,
        action="subsidies.envelope.deleted",
        actor=actor,
        data={"year": current.year, "budget": f"{current.budget:.2f}"},
    )
    current._history_user = actor  # type: ignore[attr-defined]  # read by simple_history
    current.delete()


@transaction.atomic
def envelope_recalculate(*, envelope: BudgetEnvelope, actor=None) -> BudgetEnvelope:
    """Rebuild committed and paid from the files (after an import or a repair)."""
    from subsidies.models import paid_total_for

    envelope = BudgetEnvelope.objects.select_for_update().get(pk=envelope.pk)
    files = Application.objects.filter(
        call__scheme_id=envelope.scheme_id, call__year=envelope.year
    )
    committed = sum(files.values_list("committed_amount", flat=True), ZERO)
    paid = sum(paid_total_for(files.values_list("pk", flat=True)).values(), ZERO)
    if (envelope.committed, envelope.paid) != (committed, paid):
        envelope.committed, envelope.paid = committed, paid
        envelope._history_user = actor  # type: ignore[attr-defined]  # read by simple_history
        envelope._change_reason = "recalculated"  # type: ignore[attr-defined]  # read by simple_history
        envelope.save()
    return envelope


# --- Reminders (manage.py send_subsidy_reminders) -----------------------------------


def _report_stage(application: Application, today: dt.date) -> str | None:
    """Which reminder of the final report is due today: before, on, or after the
    due date (the scheme says how many days)."""
    scheme = application.call.scheme
    due = application.report_due_on
    if due is None:
        return None
    if today >= due + dt.timedelta(days=scheme.report_overdue_days):
        return "overdue"
    if today >= due:
        return "due"
    if today >= due - dt.timedelta(days=scheme.report_reminder_days):
        return "soon"
    return None


REPORT_SUBJECTS = {
    "soon": gettext_lazy(
        "Dossier %(reference)s: uw verantwoording is verwacht tegen %(due)s"
    ),
    "due": gettext_lazy("Dossier %(reference)s: uw verantwoording is vandaag verwacht"),
    "overdue": gettext_lazy("Dossier %(reference)s: uw verantwoording is te laat"),
}


def _report_reminders(today: dt.date) -> int:
    sent = 0
    for application in selectors.applications_awaiting_report():
        stage = _report_stage(application, today)
        due = application.report_due_on
        if stage is None or due is None:
            continue
        # A new due date starts the reminders over.
        key = f"{application.pk}:{due.isoformat()}"
        for recipient in notifications.applicant_recipients(application):
            sent += mail.send_reminder(
                kind=f"subsidies.report_{stage}",
                key=key,
                recipient=recipient,
                send=functools.partial(
                    notifications.send_one,
                    subject=REPORT_SUBJECTS[stage],
                    params={
                        "reference": application.reference,
                        "due": due.strftime("%d/%m/%Y"),
                    },
                    language=mail.language_of(recipient, default=application.language),
                    template="report_reminder",
                    context={"application": application, "stage": stage},
                    recipient=recipient,
                ),
            )
        if stage == "overdue":
            event = _(
                "De verantwoording van dossier %(reference)s was verwacht tegen "
                "%(due)s en is nog niet ingediend. De aanvrager kreeg een herinnering."
            ) % {
                "reference": application.reference,
                "due": due.strftime("%d/%m/%Y"),
            }
            for recipient in notifications.service_recipients():
                sent += mail.send_once(
                    kind="subsidies.report_overdue_service",
                    key=key,
                    recipient=recipient,
                    send=functools.partial(
                        notifications.send_one,
                        subject=_("Dossier %(reference)s: verantwoording te laat")
                        % {"reference": application.reference},
                        template="service_event",
                        context={"application": application, "event": event},
                        recipient=recipient,
                    ),
                )
    return sent


def _information_reminders(now: dt.datetime) -> int:
    sent = 0
    for request in selectors.information_requests_unanswered():
        application = request.application
        days = dt.timedelta(days=application.call.scheme.information_reminder_days)
        waited = now - request.requested_at
        if waited < days:
            continue
        for recipient in notifications.applicant_recipients(application):
            sent += mail.send_reminder(
                kind="subsidies.information_applicant",
                key=request.pk,
                recipient=recipient,
                send=functools.partial(
                    notifications.send_one,
                    subject=gettext_noop(
                        "Dossier %(reference)s: de dienst wacht op uw antwoord"
                    ),
                    params={"reference": application.reference},
                    language=mail.language_of(recipient, default=application.language),
                    template="information_reminder",
                    context={"application": application, "request": request},
                    recipient=recipient,
                ),
            )
        if waited < 2 * days:
            continue
        event = _(
            "De vraag om informatie van %(day)s bij dossier %(reference)s is na "
            "%(days)s dagen nog niet beantwoord. De aanvrager kreeg een herinnering."
        ) % {
            "day": timezone.localtime(request.requested_at).strftime("%d/%m/%Y"),
            "reference": application.reference,
            "days": waited.days,
        }
        for recipient in notifications.service_recipients():
            sent += mail.send_once(
                kind="subsidies.information_service",
                key=request.pk,
                recipient=recipient,
                send=functools.partial(
                    notifications.send_one,
                    subject=_("Dossier %(reference)s: vraag om informatie onbeantwoord")
                    % {"reference": application.reference},
                    template="service_event",
                    context={"application": application, "event": event},
                    recipient=recipient,
                ),
            )
    return sent


def reminders_send(*, now: dt.datetime | None = None) -> int:
    """Every reminder of the subsidies that is due, each sent once
    (herentq.mail.send_once); returns the number of mails queued."""
    now = now or timezone.now()
    return _report_reminders(timezone.localdate(now)) + _information_reminders(now)


# --- People's data in their own hands -------------------------------------------------


def account_check_closable(*, user) -> None:
    """Refused while a submitted file needs the account: one the person submitted,
    or one of an organisation they are the only member of (the municipality keeps
    subsidy files for its archive period)."""
    own_organisations = [
        organisation
        for organisation in Organisation.objects.for_user(user).prefetch_related(
            "members"
        )
        if [member.pk for member in organisation.members.all()] == [user.pk]
    ]
    kept = (
        Application.objects.exclude(status=Status.DRAFT)
        .filter(
            models.Q(created_by=user) | models.Q(organisation__in=own_organisations)
        )
        .order_by("reference")
        .values_list("reference", flat=True)
    )
    if kept:
        raise SubsidyError(
            _(
                "Uw account kan nog niet weg: de gemeente moet de subsidiedossiers "
                "%(references)s bewaren (archiefplicht), en die verwijzen naar u. "
                "Neem contact op met de dienst als u vragen hebt."
            )
            % {"references": ", ".join(kept)},
            field="confirm",
        )


@transaction.atomic
def account_close(*, user) -> None:
    """Close an applicant's account: their drafts and organisations of which they
    are the only member go; colleagues keep their organisation and its files;
    the account is anonymised, cannot sign in, and gets no more mail."""
    account_check_closable(user=user)
    for organisation in list(Organisation.objects.for_user(user)):
        if organisation.members.exclude(pk=user.pk).exists():
            continue  # colleagues are not affected
        for draft in organisation.applications.filter(status=Status.DRAFT):
            for attachment in draft.attachments.all():
                attachment.file.delete(save=False)
            draft.delete()
        if not organisation.applications.exists():
            organisation.delete()
    Membership.objects.filter(user=user).delete()
    Invitation.objects.filter(email__iexact=user.email).delete()
    audit_log(target=user, action="subsidies.account.closed", actor=user)
    herentq_services.account_forget(user=user)


def applications_anonymise_archived(*, now: dt.datetime | None = None) -> int:
    """Wipe the personal data of files finished more than SUBSIDY_ARCHIVE_YEARS
    ago: contact person, who created it, messages' text and authors, attachments.
    Amounts, dates, statuses and the organisation's name stay for the register."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=365 * settings.SUBSIDY_ARCHIVE_YEARS)
    due = Application.objects.filter(
        status__in=FINISHED, anonymised_at__isnull=True, updated_at__lt=cutoff
    ).values_list("pk", flat=True)
    count = 0
    for pk in list(due):
        with transaction.atomic():
            application = Application.objects.select_for_update().get(pk=pk)
            for attachment in application.attachments.all():
                attachment.file.delete(save=False)
                attachment.delete()
            application.messages.update(
                body=_("(gewist na de archieftermijn)"), author=None
            )
            Application.objects.filter(pk=pk).update(
                contact_name="",
                contact_email="",
                contact_phone="",
                created_by=None,
                anonymised_at=now,
            )
            audit_log(target=application, action="subsidies.application.anonymised")
            count += 1
    return count


def accounts_remove_inactive(*, now: dt.datetime | None = None) -> tuple[int, int]:
    """Warn applicants whose account went unused for ACCOUNT_INACTIVE_YEARS (once),
    and close it ACCOUNT_REMOVAL_NOTICE_DAYS after the warning if it is still
    unused and no kept file needs it. Staff and group members are left alone.
    Returns (warned, closed)."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=365 * settings.ACCOUNT_INACTIVE_YEARS)
    notice = dt.timedelta(days=settings.ACCOUNT_REMOVAL_NOTICE_DAYS)
    idle = (
        get_user_model()
        .objects.filter(is_active=True, is_staff=False, is_superuser=False)
        .filter(groups__isnull=True)
        .exclude(email="")
        .filter(
            models.Q(last_login__lt=cutoff)
            | models.Q(last_login__isnull=True, date_joined__lt=cutoff)
        )
    )
    warned = closed = 0
    for user in idle:
        key = f"{user.pk}:{(user.last_login or user.date_joined).isoformat()}"
        warning = SentReminder.objects.filter(
            kind="subsidies.account_inactive", key=key
        ).first()
        if warning is None:
            warned += mail.send_once(
                kind="subsidies.account_inactive",
                key=key,
                recipient=user.email,
                send=functools.partial(
                    notifications.send_one,
                    subject=gettext_noop(
                        "Uw account op HerentQ wordt binnenkort gesloten"
                    ),
                    language=mail.language_of(
                        user.email, default=settings.LANGUAGE_CODE
                    ),
                    template="account_inactive",
                    context={"user": user, "days": notice.days},
                    recipient=user.email,
                ),
            )
        elif warning.sent_at <= now - notice:
            try:
                account_close(user=user)
            except SubsidyError:
                continue  # a kept file still needs it
            closed += 1
    return warned, closed
