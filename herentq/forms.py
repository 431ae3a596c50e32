"""What the forms of every app share."""

from django import forms
from django.utils.translation import gettext_lazy as _

from herentq.languages import LANGUAGE_CHOICES
from herentq.models import MailPreference
from herentq.workflow import DomainError


def add_domain_error(form, error: DomainError) -> None:
    """Show a service's refusal in a form, nothing saved: next to the field the
    error names (its `field`) when the form has that field, else above the form.

    Services raise their app's error with a Dutch message meant for the user; the
    admin's forms call the same check functions the services run under lock.
    """
    field = error.field
    form.add_error(field if field in form.fields else None, error.message)


class MailPreferenceForm(forms.ModelForm):
    class Meta:
        model = MailPreference
        fields = ["reminders", "newsletters"]


class AccountLanguageForm(forms.Form):
    """The language the portal writes to an account holder in."""

    language = forms.ChoiceField(
        label=_("Taal van uw e-mails en documenten"),
        choices=LANGUAGE_CHOICES,
        widget=forms.RadioSelect,
    )
