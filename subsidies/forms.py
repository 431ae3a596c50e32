"""One form per use case. Fields render through crispy (Bootstrap 5): each error is
shown at its field and linked with aria-describedby; the page adds an error summary."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from herentq.models import SDG
from herentq.validators import validate_mailable_email
from subsidies import integrations
from subsidies.constants import (
    LEGAL_FORMS_WITHOUT_ENTERPRISE_NUMBER,
    Decision,
    LineKind,
    Step,
)
from subsidies.formatting import format_eur, format_percent
from subsidies.integrations import AdviceOutcome
from subsidies.models import Application, Organisation
from subsidies.validators import (
    MAX_UPLOAD_BYTES,
    normalise_enterprise_number,
    normalise_iban,
    validate_upload,
)

THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")
ACCEPT = ".pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx,.odt,.ods,.pptx"


def _english() -> bool:
    """Amounts typed the English way (2,500.50) on the English pages; Dutch and
    French write 2.500,50 / 2 500,50."""
    return (get_language() or "").startswith("en")


class MoneyInput(forms.TextInput):
    input_type = "text"

    def __init__(self, attrs=None):
        super().__init__(
            {"inputmode": "decimal", "autocomplete": "off", **(attrs or {})}
        )

    def format_value(self, value):
        if isinstance(value, Decimal):
            text = f"{value:.2f}"
            return text if _english() else text.replace(".", ",")
        return super().format_value(value)


class MoneyField(forms.DecimalField):
    """An amount in euro as Belgians type it: 2500, 2.500, 2500,50 or 2.500,50
    (in English: 2500, 2,500 or 2,500.50)."""

    widget = MoneyInput
    default_error_messages = {
        "invalid": gettext_lazy("Vul een bedrag in euro in, bv. 2500 of 2500,50."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal("0"))
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = (
            str(value).strip().replace("€", "").replace(" ", "").replace("\u00a0", "")
        )
        if _english():
            # 2,500.50: the comma groups thousands, the point marks the cents.
            text = text.replace(",", "")
        elif "," in text:
            text = text.replace(".", "").replace(",", ".")
        elif THOUSANDS.match(text):
            text = text.replace(".", "")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValidationError(
                self.error_messages["invalid"], code="invalid"
            ) from None
        if not number.is_finite():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number

    def widget_attrs(self, widget):
        # No browser "step" or "min" on a text input: the server validates.
        return {}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


NOT_A_FILE = object()


class UploadInput(forms.ClearableFileInput):
    def value_from_datadict(self, data, files, name):
        upload = super().value_from_datadict(data, files, name)
        if upload is None and data.get(name):
            return NOT_A_FILE  # text sent where a file belongs
        return upload


class UploadField(forms.FileField):
    """A file checked by content and size (PDF, JPEG, PNG, Office)."""

    widget = UploadInput

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text",
            _("PDF, foto (JPEG, PNG) of Office-document; maximum %(mb)s MB.")
            % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)},
        )
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", ACCEPT)

    def clean(self, data, initial=None):
        if data is NOT_A_FILE:
            raise ValidationError(
                _("Kies een bestand op uw computer om op te laden."), code="invalid"
            )
        upload = super().clean(data, initial)
        if upload:
            validate_upload(upload)
        return upload


class PartialMixin:
    """`partial=True` ("Opslaan"): nothing is required, what is typed is kept."""

    def __init__(self, *args, partial: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.partial = partial
        if partial:
            for field in self.fields.values():
                field.required = False


# --- Organisations -----------------------------------------------------------------


class OrganisationForm(forms.ModelForm):
    enterprise_number = forms.CharField(
        label=gettext_lazy("Ondernemingsnummer"),
        required=False,
        max_length=20,
        help_text=Organisation._meta.get_field("enterprise_number").help_text,
    )
    website = forms.URLField(
        label=gettext_lazy("Website"), required=False, assume_scheme="https"
    )
    iban = forms.CharField(
        label=gettext_lazy("Rekeningnummer (IBAN)"),
        max_length=42,
        help_text=Organisation._meta.get_field("iban").help_text,
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "legal_form",
            "enterprise_number",
            "street",
            "postcode",
            "city",
            "country",
            "iban",
            "contact_name",
            "contact_email",
            "contact_phone",
            "website",
        ]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "organization"}),
            # One line (street and number): "street-address" is for a textarea.
            "street": forms.TextInput(attrs={"autocomplete": "address-line1"}),
            "postcode": forms.TextInput(attrs={"autocomplete": "postal-code"}),
            "city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_phone": forms.TextInput(attrs={"autocomplete": "tel"}),
        }

    def clean_contact_email(self):
        email = self.cleaned_data["contact_email"]
        validate_mailable_email(email)
        return email

    def clean_enterprise_number(self):
        value = self.cleaned_data["enterprise_number"].strip()
        if not value:
            return ""
        number = normalise_enterprise_number(value)
        others = Organisation.objects.filter(enterprise_number=number)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise ValidationError(
                _(
                    "Er is al een organisatie met dit ondernemingsnummer. Vraag een "
                    "lid ervan om u uit te nodigen."
                )
            )
        return number

    def clean_iban(self):
        return normalise_iban(self.cleaned_data["iban"])

    def clean(self):
        cleaned = super().clean()
        legal_form = cleaned.get("legal_form")
        if (
            legal_form
            and legal_form not in LEGAL_FORMS_WITHOUT_ENTERPRISE_NUMBER
            and not cleaned.get("enterprise_number")
            and "enterprise_number" not in self.errors
        ):
            self.add_error(
                "enterprise_number",
                _(
                    "Vul het ondernemingsnummer in: elke rechtsvorm behalve een "
                    "feitelijke vereniging heeft er een."
                ),
            )
        return cleaned

    def validate_constraints(self):
        # The enterprise number's uniqueness has its own message above.
        exclude = self._get_validation_exclusions()
        exclude.add("enterprise_number")
        try:
            self.instance.validate_constraints(exclude=exclude)
        except ValidationError as error:
            self._update_errors(error)


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("E-mailadres van uw collega"),
        validators=[validate_mailable_email],
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )


# --- Starting and filling in an application ----------------------------------------


class StartApplicationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Voor welke organisatie vraagt u aan?"),
        queryset=Organisation.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class OrganisationStepForm(PartialMixin, forms.ModelForm):
    class Meta:
        model = Application
        fields = ["organisation", "contact_name", "contact_email", "contact_phone"]
        widgets = {
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_phone": forms.TextInput(attrs={"autocomplete": "tel"}),
        }
        labels = {"contact_name": gettext_lazy("Contactpersoon voor dit dossier")}

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = organisations
        field.empty_label = None
        if self.instance.status != "draft":
            field.disabled = True
        for name in ["organisation", "contact_name", "contact_email"]:
            self.fields[name].required = not self.partial

    def clean_contact_email(self):
        # The service's mails about the file go to this address.
        email = self.cleaned_data["contact_email"]
        if email:
            validate_mailable_email(email)
        return email


class ProjectStepForm(PartialMixin, forms.ModelForm):
    class Meta:
        model = Application
        fields = [
            "title",
            "summary",
            "description",
            "objectives",
            "target_group",
            "start_date",
            "end_date",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 6}),
            "objectives": forms.Textarea(attrs={"rows": 4}),
            "target_group": forms.Textarea(attrs={"rows": 3}),
            "start_date": DateInput(),
            "end_date": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.partial:
            for name in [
                "title",
                "summary",
                "description",
                "objectives",
                "start_date",
                "end_date",
            ]:
                self.fields[name].required = True

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("De einddatum ligt voor de begindatum."))
        return cleaned


class PartnerStepForm(PartialMixin, forms.ModelForm):
    """The partner and the country; the partnership is chosen from a short list
    the applicant searches (a button, no script needed), never from all of them:
    the page stays small whatever the number of partnerships."""

    partnership_search = forms.CharField(
        label=gettext_lazy("Zoek een partnerschap"),
        required=False,
        max_length=100,
        help_text=gettext_lazy(
            "Een deel van de naam, de gemeente of de partnerplaats, bv. Nimlaha'kok."
        ),
    )

    class Meta:
        model = Application
        fields = [
            "partner_name",
            "partner_description",
            "country",
            "region",
            "partnership",
        ]
        widgets = {
            "partner_description": forms.Textarea(attrs={"rows": 4}),
            "partnership": forms.RadioSelect,
        }

    def __init__(self, *args, search: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        scheme = self.instance.call.scheme
        allowed = {c.code for c in scheme.eligible_countries}
        country = self.fields["country"]
        if allowed:
            country.choices = [
                (code, name)
                for code, name in country.choices
                if code == "" or code in allowed
            ]
            country.help_text = _("Deze subsidie is voor projecten in deze landen.")
        partnership = self.fields["partnership"]
        # Any published partnership is accepted; only a few are shown.
        partnership.queryset = integrations.partnerships_to_choose()
        partnership.label = _(
            "Hoort het project bij een partnerschap? (niet verplicht)"
        )
        partnership.help_text = _(
            "Bijvoorbeeld de stedenband Herent – Nimlaha'kok en Nimlasachal. Het "
            "project verschijnt dan, als het toegekend wordt, op de pagina van het "
            "partnerschap. Niet in de lijst? Zoek het hierboven."
        )
        partnership.empty_label = _("Nee, geen partnerschap")
        self.fields["partnership_search"].initial = search
        offered = integrations.partnerships_to_offer(
            search=search, country=self.instance.country
        )
        self.search, self.found = search, len(offered)
        chosen = [self.instance.partnership]
        if self.is_bound:  # what was sent stays on offer (errors, search)
            sent = str(self.data.get(self.add_prefix("partnership"), ""))
            if sent.isdigit():
                chosen.append(partnership.queryset.filter(pk=sent).first())
        for choice in chosen:
            if choice is not None and choice not in offered:
                offered.insert(0, choice)
        partnership.widget.choices = [("", partnership.empty_label)] + [
            (choice.pk, partnership.label_from_instance(choice)) for choice in offered
        ]
        if not self.partial:
            self.fields["partner_name"].required = True
            country.required = True


class SdgStepForm(PartialMixin, forms.ModelForm):
    sdgs = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Aan welke SDG's draagt uw project bij?"),
        queryset=SDG.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Kies de doelstellingen waar uw project echt op inzet."),
    )

    class Meta:
        model = Application
        fields = ["sdgs", "sdg_explanation"]
        widgets = {"sdg_explanation": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sdgs"].label_from_instance = lambda sdg: (
            f"{sdg.number}. {sdg.name}"
        )
        if not self.partial:
            self.fields["sdgs"].required = True

    def save(self, commit=True):
        raise NotImplementedError("saved by services.application_save_step")


class BudgetForm(PartialMixin, forms.Form):
    requested_amount = MoneyField(
        label=gettext_lazy("Gevraagde subsidie (euro)"),
        min_value=Decimal("0.01"),
    )

    def __init__(self, *args, scheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requested_amount"].help_text = _(
            "Maximum %(max)s en maximum %(share)s van het projectbudget."
        ) % {
            "max": format_eur(scheme.max_amount),
            "share": format_percent(scheme.max_share_percent),
        }
        self.fields["requested_amount"].widget.attrs["data-budget-requested"] = ""


class BudgetLineForm(forms.Form):
    description = forms.CharField(label=gettext_lazy("Omschrijving"), max_length=200)
    amount = MoneyField(label=gettext_lazy("Bedrag (euro)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # "income-2" → "Inkomsten, lijn 3": labels that make sense in the summary.
        kind, _sep, index = (self.prefix or "").partition("-")
        if index.isdigit():
            where = _("%(kind)s, lijn %(number)s") % {
                "kind": LineKind(kind).label if kind in LineKind.values else kind,
                "number": int(index) + 1,
            }
            self.fields["description"].label = _("%(where)s: omschrijving") % {
                "where": where
            }
            self.fields["amount"].label = _("%(where)s: bedrag") % {"where": where}
        self.fields["description"].widget.attrs["class"] = "form-control"
        self.fields["amount"].widget.attrs.update(
            {"class": "form-control text-end", "data-budget-amount": ""}
        )


class BaseBudgetLineFormSet(forms.BaseFormSet):
    def lines(self) -> list[tuple[str, Decimal]]:
        result = []
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form):
                continue
            data = form.cleaned_data
            if data.get("description") and data.get("amount") is not None:
                result.append((data["description"], data["amount"]))
        return result


BudgetLineFormSet = forms.formset_factory(
    BudgetLineForm, formset=BaseBudgetLineFormSet, extra=2, can_delete=True
)


class AttachmentsForm(forms.Form):
    """One upload per attachment the scheme asks for, and "another attachment".

    Each file is checked and stored on its own: a file that is fine is kept even
    when another one is refused.
    """

    other_description = forms.CharField(
        label=gettext_lazy("Omschrijving van de andere bijlage"),
        max_length=200,
        required=False,
    )

    def __init__(self, *args, requirements, **kwargs):
        super().__init__(*args, **kwargs)
        self.requirements = list(requirements)
        for requirement in self.requirements:
            self.fields[f"file_{requirement.pk}"] = UploadField(
                label=requirement.name, required=False
            )
            if requirement.description:
                self.fields[f"file_{requirement.pk}"].help_text = (
                    f"{requirement.description} "
                    + str(self.fields[f"file_{requirement.pk}"].help_text)
                )
        self.fields["file_other"] = UploadField(
            label=_("Andere bijlage (niet verplicht)"), required=False
        )
        self.order_fields(
            [name for name in self.fields if name != "other_description"]
            + ["other_description"]
        )

    def uploads(self):
        """(requirement or None, upload, description) for every file sent."""
        for requirement in self.requirements:
            name = f"file_{requirement.pk}"
            if name not in self.errors and self.files.get(self.add_prefix(name)):
                yield requirement, self.files[self.add_prefix(name)], ""
        if "file_other" not in self.errors and self.files.get(
            self.add_prefix("file_other")
        ):
            description = self.data.get(self.add_prefix("other_description"), "")
            yield (
                None,
                self.files[self.add_prefix("file_other")],
                description.strip()[:200] or _("Andere bijlage"),
            )


YES_NO = [("yes", gettext_lazy("Ja")), ("no", gettext_lazy("Nee"))]


class DeclarationsForm(PartialMixin, forms.ModelForm):
    declares_truthful = forms.BooleanField(
        label=gettext_lazy(
            "Ik verklaar dat de gegevens in deze aanvraag juist en volledig zijn."
        ),
    )
    declares_no_double_funding = forms.BooleanField(
        label=gettext_lazy(
            "Ik verklaar dat we voor dezelfde kosten geen andere subsidie van de "
            "gemeente Herent vragen of krijgen."
        ),
    )
    conflict = forms.ChoiceField(
        label=gettext_lazy(
            "Is een bestuurslid of medewerker van uw organisatie lid van de GROSH, "
            "van de gemeenteraad of van het college, of personeel van de gemeente?"
        ),
        choices=YES_NO,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "Dat is geen bezwaar, maar de GROSH houdt er rekening mee: wie "
            "betrokken is, beraadslaagt niet mee over uw aanvraag."
        ),
    )

    class Meta:
        model = Application
        fields = [
            "declares_truthful",
            "declares_no_double_funding",
            "conflict_of_interest_details",
        ]
        widgets = {"conflict_of_interest_details": forms.Textarea(attrs={"rows": 3})}
        labels = {
            "conflict_of_interest_details": gettext_lazy(
                "Zo ja: wie, en wat is de band met de gemeente of de GROSH?"
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        value = self.instance.has_conflict_of_interest
        if value is not None:
            self.initial["conflict"] = "yes" if value else "no"

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("conflict") == "yes"
            and not cleaned.get("conflict_of_interest_details")
            and not self.partial
        ):
            self.add_error(
                "conflict_of_interest_details",
                _("Licht het mogelijke belangenconflict toe."),
            )
        return cleaned

    def step_data(self) -> dict:
        data = {
            "declares_truthful": self.cleaned_data.get("declares_truthful") or False,
            "declares_no_double_funding": self.cleaned_data.get(
                "declares_no_double_funding"
            )
            or False,
            "conflict_of_interest_details": self.cleaned_data.get(
                "conflict_of_interest_details", ""
            ),
        }
        conflict = self.cleaned_data.get("conflict")
        data["has_conflict_of_interest"] = {"yes": True, "no": False}.get(conflict)
        return data


# --- After submission ---------------------------------------------------------------


class MessageForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Uw bericht"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    attachment = UploadField(
        label=gettext_lazy("Bijlage (niet verplicht)"), required=False
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("body", "").strip() and not cleaned.get("attachment"):
            if "attachment" not in self.errors:
                self.add_error(
                    "body", _("Schrijf een bericht of voeg een bijlage toe.")
                )
        return cleaned


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Waarom trekt u de aanvraag in? (niet verplicht)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ResubmitForm(forms.Form):
    answer = forms.CharField(
        label=gettext_lazy("Uw antwoord aan de dienst"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Zeg kort wat u aangevuld of veranderd hebt."),
    )


class ReportForm(forms.Form):
    report_narrative = forms.CharField(
        label=gettext_lazy("Inhoudelijk verslag"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy(
            "Wat is er gebeurd, wat werd bereikt, wat liep anders dan gepland?"
        ),
    )
    proof = UploadField(label=gettext_lazy("Bewijsstuk toevoegen"), required=False)
    proof_description = forms.CharField(
        label=gettext_lazy("Omschrijving van het bewijsstuk"),
        max_length=200,
        required=False,
    )

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = list(lines)
        for line in self.lines:
            name = f"actual_{line.pk}"
            self.fields[name] = MoneyField(
                label=_("Werkelijk: %(line)s") % {"line": line.description},
                required=False,
                initial=line.actual_amount,
            )
            self.fields[name].widget.attrs["data-budget-amount"] = ""

    def line_fields(self):
        return [(line, self[f"actual_{line.pk}"]) for line in self.lines]

    def actuals(self) -> dict:
        return {
            line.pk: self.cleaned_data.get(f"actual_{line.pk}")
            for line in self.lines
            if f"actual_{line.pk}" not in self.errors
        }


# --- The service's forms in the admin ----------------------------------------------


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reden of toelichting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Komt in de historiek. Bij een vraag, een beslissing, een weigering of "
            "een terugvordering leest de aanvrager ze in zijn dossier (niet in de "
            "e-mail)."
        ),
    )


class RequiredReasonForm(ReasonForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = True


class InformationRequestForm(forms.Form):
    question = forms.CharField(
        label=gettext_lazy("Wat vraagt u aan de aanvrager?"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    steps = forms.MultipleChoiceField(
        label=gettext_lazy("Welke stappen mag de aanvrager aanvullen?"),
        choices=Step.choices,
        widget=forms.CheckboxSelectMultiple,
    )


class AgendaForm(ReasonForm):
    meeting = forms.ChoiceField(
        label=gettext_lazy("Vergadering van de GROSH"), required=False
    )

    def __init__(self, *args, meetings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.meetings = {str(m.pk): m for m in meetings}
        self.fields["meeting"].choices = [("", "—")] + [
            (pk, str(m)) for pk, m in self.meetings.items()
        ]
        if self.meetings:
            self.fields["meeting"].required = True

    def clean_meeting(self):
        value = self.cleaned_data["meeting"]
        return self.meetings.get(value)


class AdviceForm(ReasonForm):
    outcome = forms.ChoiceField(
        label=gettext_lazy("Advies"), choices=AdviceOutcome.choices
    )
    motivation = forms.CharField(
        label=gettext_lazy("Motivering"), widget=forms.Textarea(attrs={"rows": 4})
    )
    advice_date = forms.DateField(
        label=gettext_lazy("Datum van het advies"), widget=DateInput()
    )
    proposed_amount = MoneyField(
        label=gettext_lazy("Voorgesteld bedrag"), required=False
    )


class DecisionForm(ReasonForm):
    decision = forms.ChoiceField(
        label=gettext_lazy("Beslissing"),
        choices=Decision.choices,
        widget=forms.RadioSelect,
    )
    amount = MoneyField(label=gettext_lazy("Toegekend bedrag"), required=False)
    decision_date = forms.DateField(
        label=gettext_lazy("Datum van de beslissing"), widget=DateInput()
    )
    decision_reference = forms.CharField(
        label=gettext_lazy("Referentie van het collegebesluit"), max_length=100
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == Decision.APPROVED and not cleaned.get("amount"):
            self.add_error("amount", _("Vul het toegekende bedrag in."))
        return cleaned


class PaymentForm(forms.Form):
    amount = MoneyField(label=gettext_lazy("Bedrag"), min_value=Decimal("0.01"))
    paid_on = forms.DateField(label=gettext_lazy("Betaald op"), widget=DateInput())
    note = forms.CharField(
        label=gettext_lazy("Kenmerk of opmerking"), max_length=200, required=False
    )


class ReclaimForm(forms.Form):
    amount = MoneyField(
        label=gettext_lazy("Terug te vorderen bedrag"), min_value=Decimal("0.01")
    )
    paid_on = forms.DateField(label=gettext_lazy("Datum"), widget=DateInput())
    reason = forms.CharField(
        label=gettext_lazy("Reden"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ServiceMessageForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Bericht aan de aanvrager"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    attachment = UploadField(
        label=gettext_lazy("Bijlage (niet verplicht)"), required=False
    )


class AccountCloseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "Ik begrijp dat mijn account, mijn concepten en organisaties waarvan ik "
            "het enige lid ben, verdwijnen."
        ),
        required=True,
    )
