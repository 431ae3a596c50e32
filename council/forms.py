from django import forms
from django.utils.translation import gettext_lazy as _

from council.models import AgendaItem


class AccessibleFormMixin:
    """Bootstrap classes on the widgets; a field in error points at its message
    (and its help) with aria-describedby and is marked aria-invalid.

    The templates render fields with `council/includes/field.html`, which gives the
    message the id `<field id>_error` and the help `<field id>_helptext`.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = (
                "form-select"
                if isinstance(field.widget, forms.Select)
                else "form-control"
            )
            field.widget.attrs.setdefault("class", css)

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            bound = self[name]
            described = [f"{bound.auto_id}_error"]
            if self.fields[name].help_text:
                described.append(f"{bound.auto_id}_helptext")
            attrs = self.fields[name].widget.attrs
            attrs["aria-describedby"] = " ".join(described)
            attrs["aria-invalid"] = "true"
            attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()


class MinutesCommentForm(AccessibleFormMixin, forms.Form):
    """A member's remark on circulated minutes, optionally about one agenda item."""

    agenda_item = forms.ModelChoiceField(
        label=_("Over agendapunt"),
        queryset=AgendaItem.objects.none(),
        required=False,
        empty_label=_("Het verslag in het algemeen"),
    )
    text = forms.CharField(
        label=_("Uw opmerking"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={"required": _("Schrijf uw opmerking.")},
        help_text=_("Alle leden en het secretariaat lezen uw opmerking."),
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.order_by("position")


class MinutesCorrectionForm(forms.Form):
    """The secretariat publishes a corrected text: the reason is shown to readers."""

    reason = forms.CharField(
        label=_("Reden van de correctie"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Wordt bij het gepubliceerde verslag getoond."),
    )
