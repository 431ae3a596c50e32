"""django-allauth adapted to the portal."""

from urllib.parse import urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils import translation

from herentq import languages, mail
from herentq import services as herentq_services
from herentq.validators import validate_mailable_email


def _in_language(value, language: str, hosts: set[str]):
    """A link into the portal (one of `hosts`) moved to the same page in `language`."""
    if not isinstance(value, str) or not value.startswith(("http://", "https://")):
        return value
    parts = urlsplit(value)
    if parts.netloc not in hosts:
        return value
    return urlunsplit(parts._replace(path=languages.path_in(parts.path, language)))


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email: str) -> str:
        """Sign-up, added and reset addresses: only ones the mail queue takes."""
        validate_mailable_email(email)
        return super().clean_email(email)

    def save_user(self, request, user, form, commit=True):
        """A new account keeps the language it was made in for its mail."""
        user = super().save_user(request, user, form, commit)
        if commit:
            herentq_services.account_language_save(
                user=user, language=languages.current()
            )
        return user

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """In the account's language (the page's for an address without one), and
        so are the links into the portal the mail carries."""
        language = mail.language_of(email, default=languages.current())
        hosts = {urlsplit(settings.HERENTQ_BASE_URL).netloc}
        request = getattr(self, "request", None)
        if request is not None:
            hosts.add(request.get_host())
        context = {
            key: _in_language(value, language, hosts) for key, value in context.items()
        }
        with translation.override(language):
            super().send_mail(template_prefix, email, context)
