from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.validators import MaxLengthValidator
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from herentq.templatetags.herentq_i18n import in_dutch_only
from herentq.validators import validate_mailable_email
from learning_tracks.constants import ParticipantRole
from learning_tracks.models import Enrolment, Theme

NEEDS_MAX_LENGTH = 1000


def _privacy_help():
    """A link to the statement, in the help text: the label itself also appears
    inside the error summary's link, where a link may not be nested."""
    return mark_safe(
        _(
            'Lees de <a href="%(url)s">privacyverklaring</a>: waarom we uw gegevens '
            "vragen en hoe lang we ze bewaren."
        )
        % {"url": reverse("page_detail", args=["privacy"])}
    )


class FirstOptionRadioSelect(forms.RadioSelect):
    """Radio buttons whose field id is the first option's, so the error summary
    links to (and focuses) the group."""

    def id_for_label(self, id_, index=None):
        return super().id_for_label(id_, "0" if index is None else index)


class FirstOptionCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    def id_for_label(self, id_, index=None):
        return super().id_for_label(id_, "0" if index is None else index)


class ThemeChoiceField(forms.ModelMultipleChoiceField):
    """Themes by name; a name shown in Dutch for want of a translation is marked
    `lang="nl"`."""

    def label_from_instance(self, obj):
        if in_dutch_only(obj, "name"):
            return format_html('<span lang="nl">{}</span>', obj.name)
        return obj.name


class EnrolmentForm(forms.ModelForm):
    consent = forms.BooleanField(
        label=_("Ik ga akkoord met de privacyverklaring."),
        error_messages={
            "required": _("Ga akkoord met de privacyverklaring om in te schrijven.")
        },
    )

    class Meta:
        model = Enrolment
        fields = ["name", "email", "organisation", "role", "needs"]
        labels = {"name": _("Voor- en achternaam")}
        help_texts = {
            "email": _(
                "We sturen een link naar dit adres; pas als u die aanklikt, is uw "
                "inschrijving geldig."
            ),
            "organisation": _("Bijvoorbeeld: Gemeente Herent, of 11.11.11."),
            "needs": _(
                "Bijvoorbeeld: vegetarisch, rolstoeltoegankelijk, tolk Vlaamse "
                "Gebarentaal."
            ),
        }
        widgets = {
            "role": FirstOptionRadioSelect,
            "needs": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "name": {"required": _("Vul uw naam in.")},
            "email": {
                "required": _("Vul uw e-mailadres in."),
                "invalid": _("Vul een geldig e-mailadres in, zoals naam@gemeente.be."),
            },
            "organisation": {"required": _("Vul uw organisatie of gemeente in.")},
            "role": {"required": _("Kies uw rol.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = ParticipantRole.choices
        self.fields["email"].validators.append(validate_mailable_email)
        needs = self.fields["needs"]
        needs.max_length = NEEDS_MAX_LENGTH
        needs.validators.append(MaxLengthValidator(NEEDS_MAX_LENGTH))
        needs.widget.attrs["maxlength"] = str(NEEDS_MAX_LENGTH)
        self.fields["consent"].help_text = _privacy_help()
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class InterestForm(forms.Form):
    email = forms.EmailField(
        label=_("Uw e-mailadres"),
        max_length=254,
        validators=[validate_mailable_email],
        error_messages={
            "required": _("Vul uw e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, zoals naam@gemeente.be."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class NewsletterForm(forms.Form):
    email = forms.EmailField(
        label=_("Uw e-mailadres"),
        max_length=254,
        validators=[validate_mailable_email],
        error_messages={
            "required": _("Vul uw e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, zoals naam@gemeente.be."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    themes = ThemeChoiceField(
        label=_("Thema's"),
        queryset=Theme.objects.all(),
        widget=FirstOptionCheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één thema.")},
    )
    consent = forms.BooleanField(
        label=_("Ik ga akkoord met de privacyverklaring."),
        error_messages={
            "required": _("Ga akkoord met de privacyverklaring om in te schrijven.")
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].help_text = _privacy_help()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class NewsletterThemesForm(forms.Form):
    """A subscriber's own choice of themes (from the link in every newsletter)."""

    themes = ThemeChoiceField(
        label=_("Thema's"),
        queryset=Theme.objects.all(),
        widget=FirstOptionCheckboxSelectMultiple,
        error_messages={
            "required": _(
                "Kies minstens één thema, of schrijf u uit met de link hieronder."
            )
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class ParticipantsMessageForm(forms.Form):
    """The admin's message to everyone enrolled in a track."""

    subject = forms.CharField(label=_("Onderwerp"), max_length=200)
    body = forms.CharField(
        label=_("Bericht"), widget=forms.Textarea(attrs={"rows": 10})
    )
    include_waiting = forms.BooleanField(
        label=_("Ook aan wie op de wachtlijst staat"), required=False
    )


def submit_button(label):
    return Submit("submit", label, css_class="btn btn-primary")
