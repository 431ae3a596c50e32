"""The app's e-mail: text bodies from templates, absolute links, .ics attachments.

Everything goes through `django.core.mail`: the EMAIL_BACKEND (django-post-office)
queues it in the database within the caller's transaction.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from learning_tracks.tokens import Purpose, make

SUBJECT_PREFIX = "[HerentQ] "


def absolute_url(path: str) -> str:
    return settings.HERENTQ_BASE_URL.rstrip("/") + path


def signed_url(url_name: str, purpose: Purpose, value) -> str:
    return absolute_url(
        reverse(f"learning_tracks:{url_name}", args=[make(purpose, value)])
    )


def send(
    template: str,
    *,
    to: str,
    context: dict,
    attachments: list[tuple[str, bytes, str]] = (),
    headers: dict | None = None,
    reply_to: str = "",
) -> None:
    """Queue `learning_tracks/email/<template>.txt`; its first line is the subject."""
    context = {"site_url": absolute_url("/"), **context}
    rendered = render_to_string(f"learning_tracks/email/{template}.txt", context)
    subject, _, body = rendered.lstrip().partition("\n")
    message = EmailMessage(
        subject=SUBJECT_PREFIX + subject.strip(),
        body=body.lstrip("\n"),
        to=[to],
        headers=headers or {},
        reply_to=[reply_to] if reply_to else None,
    )
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    message.send()
