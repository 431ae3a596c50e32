"""django-allauth adapted to the portal."""

from allauth.account.adapter import DefaultAccountAdapter

from herentq.validators import validate_mailable_email


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email: str) -> str:
        """Sign-up, added and reset addresses: only ones the mail queue takes."""
        validate_mailable_email(email)
        return super().clean_email(email)
