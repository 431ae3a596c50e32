"""Files the service takes out of the back office: the audit bundle of one file
(ZIP) and the draft decision of the college. CSV and XLSX lists are written by
`herentq.exports`."""

import io
import json
import re
import zipfile
from collections import defaultdict

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from herentq.audit import audit_entries_for
from herentq.pdf import render_pdf
from subsidies import selectors
from subsidies.models import ZERO, Application


def _safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name)[:100] or "bijlage"


def _application_data(application: Application) -> dict:
    fields = {
        field.name: getattr(application, field.attname)
        for field in application._meta.concrete_fields
    }
    fields["country"] = str(application.country.code or "")
    fields["sdgs"] = [sdg.number for sdg in application.sdgs.all()]
    fields["organisation"] = {
        "name": application.organisation.name,
        "legal_form": application.organisation.legal_form,
        "enterprise_number": application.organisation.enterprise_number,
        "iban": application.organisation.iban,
    }
    fields["scheme"] = application.call.scheme.name
    fields["call"] = application.call.title
    fields["budget_lines"] = [
        {
            "kind": line.kind,
            "description": line.description,
            "amount": line.amount,
            "actual_amount": line.actual_amount,
        }
        for line in application.budget_lines.all()
    ]
    fields["payments"] = [
        {"kind": p.kind, "amount": p.amount, "paid_on": p.paid_on, "note": p.note}
        for p in application.payments.all()
    ]
    fields["information_requests"] = [
        {
            "question": r.question,
            "steps": r.steps,
            "requested_at": r.requested_at,
            "answer": r.answer,
            "answered_at": r.answered_at,
        }
        for r in application.information_requests.all()
    ]
    return fields


def _history(application: Application) -> dict:
    return {
        "audit_trail": [
            {
                "at": entry.created_at,
                "action": entry.action,
                "by": entry.actor.email if entry.actor else None,
                "reason": entry.reason,
                "data": entry.data,
            }
            for entry in reversed(list(audit_entries_for(application)))
        ],
        "versions": [
            {
                "at": record.history_date,
                "type": record.history_type,
                "by": record.history_user.email if record.history_user else None,
                "reason": record.history_change_reason,
                "status": record.status,
                "requested_amount": record.requested_amount,
                "approved_amount": record.approved_amount,
            }
            for record in application.history.select_related("history_user").order_by(
                "history_date"
            )
        ],
    }


def audit_bundle(application: Application) -> bytes:
    """Everything about one file in a ZIP: data, attachments, messages, history."""

    def dump(value) -> str:
        return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)

    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("dossier.json", dump(_application_data(application)))
        archive.writestr("historiek.json", dump(_history(application)))
        messages = [
            {
                "at": message.created_at,
                "from_service": message.from_service,
                "by": message.author.email if message.author else None,
                "body": message.body,
                "attachments": [a.original_name for a in message.attachments.all()],
            }
            for message in application.messages.select_related("author")
        ]
        archive.writestr("berichten.json", dump(messages))
        manifest = []
        for index, attachment in enumerate(application.attachments.all(), start=1):
            name = f"bijlagen/{index:02d}-{attachment.purpose}-{_safe_name(attachment.original_name)}"
            try:
                with attachment.file.open("rb") as handle:
                    archive.writestr(name, handle.read())
            except FileNotFoundError:
                name = f"{name} (ontbreekt)"
            manifest.append(
                {
                    "file": name,
                    "original_name": attachment.original_name,
                    "sha256": attachment.sha256,
                }
            )
        archive.writestr("bijlagen.json", dump(manifest))
        if application.reference:
            archive.writestr(
                "ontvangstbewijs.pdf",
                render_pdf(
                    "subsidies/pdf/receipt.html", selectors.receipt_context(application)
                ),
            )
        archive.writestr(
            "LEESMIJ.txt",
            f"Auditbundel van {application.reference or 'concept'}, gemaakt op "
            f"{timezone.localtime():%d/%m/%Y %H:%M}.\n"
            "dossier.json: de gegevens; historiek.json: de audittrail en elke versie; "
            "berichten.json: de berichten; bijlagen/: de bestanden (bijlagen.json "
            "geeft de oorspronkelijke namen en SHA-256).\n",
        )
    return output.getvalue()


def college_decision_context(applications: list[Application]) -> dict:
    """The proposed grants per scheme and year, beside what the envelope allows."""
    groups = defaultdict(list)
    for application in applications:
        groups[(application.call.scheme, application.call.year)].append(application)
    envelopes = {
        (e.scheme_id, e.year): e
        for e in selectors.envelopes_with_reserved().filter(
            scheme__in={scheme for scheme, _year in groups}
        )
    }
    sections = []
    for (scheme, year), items in groups.items():
        rows = []
        for application in items:
            refuse = application.advice_outcome == "negative"
            amount = (
                ZERO
                if refuse
                else (
                    application.proposed_amount or application.requested_amount or ZERO
                )
            )
            rows.append(
                {"application": application, "amount": amount, "refuse": refuse}
            )
        total = sum((row["amount"] for row in rows), ZERO)
        envelope = envelopes.get((scheme.pk, year))
        sections.append(
            {
                "scheme": scheme,
                "year": year,
                "rows": rows,
                "total": total,
                "envelope": envelope,
                "fits": envelope is not None and total <= envelope.remaining,
            }
        )
    return {"sections": sections, "today": timezone.localdate()}


def personal_data_zip(user) -> bytes:
    """Everything the portal holds about one account holder, as one ZIP: a
    readable JSON (account, organisations, files with their messages) and the
    attachments they uploaded themselves — nothing of another organisation."""
    organisations = list(selectors.organisations_for_user(user))
    applications = list(
        selectors.applications_for_user(user).prefetch_related(
            "sdgs", "budget_lines", "payments", "information_requests"
        )
    )
    data = {
        "account": {
            "username": user.username,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "email_addresses": list(
                user.emailaddress_set.values("email", "verified", "primary")
            ),
        },
        "organisations": [
            {
                field.name: str(getattr(organisation, field.attname))
                for field in organisation._meta.concrete_fields
            }
            for organisation in organisations
        ],
        "applications": [],
    }
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for application in applications:
            record = _application_data(application)
            record["messages"] = [
                {
                    "at": message.created_at,
                    "from_service": message.from_service,
                    "mine": message.author_id == user.pk,
                    "body": message.body,
                }
                for message in application.messages.all()
            ]
            record["my_attachments"] = []
            own = application.attachments.filter(uploaded_by=user).order_by("pk")
            for attachment in own:
                name = (
                    f"bijlagen/{application.pk}-{attachment.pk}-"
                    f"{_safe_name(attachment.original_name)}"
                )
                try:
                    with attachment.file.open("rb") as handle:
                        archive.writestr(name, handle.read())
                except FileNotFoundError:
                    name = f"{name} (ontbreekt)"
                record["my_attachments"].append(
                    {"file": name, "original_name": attachment.original_name}
                )
            data["applications"].append(record)
        archive.writestr(
            "mijn-gegevens.json",
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        )
    return output.getvalue()
