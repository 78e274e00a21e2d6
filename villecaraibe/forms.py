"""What every public form shares: a honeypot and bounded lengths, with French messages."""

from django import forms
from django.utils.translation import gettext_lazy as _


class HoneypotMixin(forms.Form):
    """A field people never see nor fill; robots that fill it are refused.

    The field is hidden by CSS (``.honeypot``) and from assistive technology
    (``aria-hidden`` on its wrapper in ``includes/honeypot.html``), and skipped
    by the keyboard (tabindex -1).
    """

    HONEYPOT_FIELD = "website_url"

    website_url = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean(self):
        # A form-wide error: the field itself is hidden, so its own errors would be too.
        cleaned = super().clean()
        if cleaned.get(self.HONEYPOT_FIELD):
            raise forms.ValidationError(
                _("Your submission could not be accepted."), code="honeypot"
            )
        return cleaned
