from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from partnerships.constants import AGREEMENT_PDF_MAX_BYTES
from partnerships.images import validate_photo
from partnerships.models import Agreement, Exchange, NetworkMembership, PhotoAlbum
from partnerships.partial_dates import PartialDate

PARTIAL_DATE_HELP = _("Zoals de bron het geeft: 2011, maart 2018 of 7 mei 2019.")


class PartialDateField(forms.Field):
    """A year, a month or a day, typed as the sources give it."""

    widget = forms.TextInput(attrs={"maxlength": 40, "size": 18})

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", PARTIAL_DATE_HELP)
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, PartialDate):
            return str(value)
        return value

    def to_python(self, value):
        value = (value or "").strip()
        if not value:
            return None
        return PartialDate.parse(value[:40])

    def has_changed(self, initial, data):
        initial_text = self.prepare_value(initial) or ""
        return initial_text != (data or "").strip()


class PartialDateModelForm(forms.ModelForm):
    """Maps each partial-date form field to a date column and its precision."""

    partial_dates: dict[str, str] = {}
    # (later, earlier, message): the later date may not lie before the earlier one.
    date_order: tuple[str, str, str] | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for form_field, column in self.partial_dates.items():
            self.initial.setdefault(
                form_field,
                PartialDate.from_fields(
                    getattr(self.instance, column),
                    getattr(self.instance, f"{column}_precision"),
                ),
            )

    def clean(self):
        cleaned_data = super().clean()
        for form_field, column in self.partial_dates.items():
            if form_field not in cleaned_data:
                continue
            value = cleaned_data[form_field]
            setattr(self.instance, column, value.date if value else None)
            setattr(
                self.instance, f"{column}_precision", value.precision if value else ""
            )
        if self.date_order:
            later, earlier, message = self.date_order
            end, start = cleaned_data.get(later), cleaned_data.get(earlier)
            if end and start and end.date < start.date:
                self.add_error(later, message)
        return cleaned_data


class AgreementAdminForm(PartialDateModelForm):
    signed = PartialDateField(label=_("ondertekend op"), required=False)
    ends = PartialDateField(label=_("loopt af op"), required=False)

    partial_dates = {"signed": "signed_on", "ends": "ends_on"}
    date_order = ("ends", "signed", _("Het einde ligt voor de ondertekening."))

    class Meta:
        model = Agreement
        fields = ["kind", "signed_at", "domains", "summary", "document"]

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if document and hasattr(document, "content_type"):
            head = document.read(5)
            document.seek(0)
            if head != b"%PDF-":
                raise ValidationError(_("Dit bestand is geen pdf."), code="not_pdf")
            if document.size > AGREEMENT_PDF_MAX_BYTES:
                raise ValidationError(
                    _("De pdf mag hoogstens 20 MB groot zijn."), code="too_large"
                )
        return document


class ExchangeAdminForm(PartialDateModelForm):
    starts = PartialDateField(label=_("van"))
    ends = PartialDateField(label=_("tot"), required=False)

    partial_dates = {"starts": "starts_on", "ends": "ends_on"}
    date_order = ("ends", "starts", _("Het einde ligt voor het begin."))

    class Meta:
        model = Exchange
        fields = ["direction", "title", "travellers", "purpose", "report"]


class NetworkMembershipAdminForm(PartialDateModelForm):
    joined = PartialDateField(label=_("toegetreden op"), required=False)

    partial_dates = {"joined": "joined_on"}

    class Meta:
        model = NetworkMembership
        fields = ["network", "local_authority", "note"]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Several files from one `<input type=file multiple>` (Django docs pattern)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single_clean = super().clean
        if isinstance(data, list | tuple) and data:
            return [single_clean(item, initial) for item in data]
        # Nothing chosen (an empty list included): "required" when it is.
        cleaned = single_clean(data or None, initial)
        return [cleaned] if cleaned else []


class PhotoUploadForm(forms.Form):
    """Several photos at once; the alt text applies to all and is edited later."""

    photos = MultipleImageField(
        label=_("Foto's"),
        help_text=_(
            "Eén of meer bestanden in JPEG, PNG of WebP, elk hoogstens 10 MB en "
            "40 megapixels. Ze worden opnieuw opgeslagen zonder metagegevens "
            "(EXIF, GPS)."
        ),
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        error_messages={"required": _("Kies minstens één foto.")},
    )
    alt_text = forms.CharField(
        label=_("Alternatieve tekst (Nederlands)"),
        max_length=250,
        help_text=_(
            "Wat er op de foto's te zien is, voor wie ze niet ziet. Geldt voor alle "
            "foto's; daarna kunt u ze per foto aanpassen."
        ),
    )
    caption = forms.CharField(label=_("Bijschrift"), max_length=300, required=False)
    credit = forms.CharField(
        label=_("Fotograaf of bron"), max_length=200, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}-help"

    def full_clean(self):
        super().full_clean()
        self._link_errors()

    def add_error(self, field, error):
        """Also for errors added after validation (by the service, in the view)."""
        super().add_error(field, error)
        self._link_errors()

    def _link_errors(self):
        """Each field with an error points at it, so screen readers read it out."""
        for name in self._errors or {}:
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            described_by = [f"id_{name}-error"]
            if self.fields[name].help_text:
                described_by.append(f"id_{name}-help")
            widget.attrs["aria-describedby"] = " ".join(described_by)
            widget.attrs["aria-invalid"] = "true"

    def clean_photos(self):
        photos = self.cleaned_data["photos"]
        errors = []
        for photo in photos:
            try:
                validate_photo(photo)
            except ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise ValidationError(errors)
        return photos


class PhotoAlbumAddForm(PhotoUploadForm, forms.ModelForm):
    """A new album and, if chosen, its photos in one go: the same fields and checks
    as adding photos to an album, but the photos are optional; the alt text is
    asked only when there are photos."""

    class Meta:
        model = PhotoAlbum
        fields = ["partnership", "title", "description", "position"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["photos"].required = False
        self.fields["alt_text"].required = False
        # The admin's own templates link help and errors to their field.
        for field in self.fields.values():
            field.widget.attrs.pop("aria-describedby", None)

    def _link_errors(self):
        pass

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("photos") and not cleaned_data.get("alt_text", "").strip():
            self.add_error(
                "alt_text",
                _("Geef een alternatieve tekst: wat er op de foto's te zien is."),
            )
        return cleaned_data
