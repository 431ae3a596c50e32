"""Validators shared by the whole portal."""

import re

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's, with a Dutch message: Django 5.2 changed the English text of this
    message and its Dutch translation no longer matches, so users read English."""

    def get_error_message(self):
        return ngettext(
            "Dit wachtwoord is te kort: het moet minstens %(min_length)d teken "
            "bevatten.",
            "Dit wachtwoord is te kort: het moet minstens %(min_length)d tekens "
            "bevatten.",
            self.min_length,
        ) % {"min_length": self.min_length}


# The local part as mail software everywhere reads it (RFC 5322 "dot-atom"): no
# quoted strings, spaces, angle brackets or commas. Django's EmailField accepts
# '"<x>"@example.be', which the mail queue refuses: such an address would break
# the request that sends to it.
_DOT_ATOM = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
)


def validate_mailable_email(value: str) -> None:
    """An address the portal can send mail to (use after EmailField's check)."""
    local, _at, _domain = (value or "").rpartition("@")
    if not _DOT_ATOM.fullmatch(local):
        raise ValidationError(
            _("Vul een geldig e-mailadres in, zoals naam@gemeente.be."),
            code="invalid",
        )
