from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from newsletter.models import NewsItem, Subscriber
from villecaraibe.forms import HoneypotMixin


def consent_text():
    return str(
        _(
            "I agree to receive “La cohésion se construit”, the fortnightly letter of the "
            "Centre de ressources Ville caraïbe, at this address. I can unsubscribe at any "
            "time with the link in each letter. My address is used for nothing else."
        )
    )


class SubscribeForm(HoneypotMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        error_messages={
            "required": _("Please enter your e-mail address."),
            "invalid": _("Please enter a valid e-mail address, for example nom@exemple.fr."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    name = forms.CharField(
        label=_("Name (optional)"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    organisation = forms.CharField(
        label=_("Organisation (optional)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    consent = forms.BooleanField(
        label=_("I agree"),
        error_messages={"required": _("Please tick the box to give your consent.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "subscribe-%s")
        super().__init__(*args, **kwargs)
        self.fields["consent"].help_text = consent_text()


class NewsFilterForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("All categories")), *NewsItem.Category.choices],
    )


class TestSendForm(forms.Form):
    email = forms.EmailField(
        label=_("Send a test to"),
        error_messages={"invalid": _("Please enter a valid e-mail address.")},
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("Columns: email (required), name, organisation. UTF-8, comma or semicolon."),
    )
    legal_basis = forms.ChoiceField(
        label=_("Legal basis"),
        choices=[c for c in Subscriber.LegalBasis.choices if c[0] != Subscriber.LegalBasis.CONSENT],
    )
    dry_run = forms.BooleanField(
        label=_("Dry run (show what would happen, change nothing)"), required=False, initial=True
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise ValidationError(_("The file is too large (5 MB at most)."))
        raw = upload.read()
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                continue
        raise ValidationError(_("The file could not be read as text."))


class BounceReportForm(forms.Form):
    file = forms.FileField(
        label=_("Bounce report (CSV)"),
        help_text=_("Columns: email (required), type (hard or soft; hard when absent)."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(_("The file could not be read as UTF-8 text.")) from None


class ScheduleForm(forms.Form):
    send_at = forms.DateTimeField(
        label=_("Send at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        error_messages={"invalid": _("Please enter a date and time.")},
    )
