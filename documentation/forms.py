from django import forms
from django.utils.translation import gettext_lazy as _

from documentation.models import Document, DocumentationRequest
from villecaraibe.forms import HoneypotMixin


class DocumentSearchForm(forms.Form):
    SORT_CHOICES = [
        ("", _("relevance (or newest)")),
        ("recent", _("newest additions")),
        ("year", _("most recent year")),
        ("oldest", _("oldest year")),
        ("title", _("title (A to Z)")),
    ]

    q = forms.CharField(label=_("Words to search"), max_length=200, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("all"))] + list(Document.Kind.choices), required=False
    )
    theme = forms.SlugField(label=_("Theme"), required=False, max_length=120)
    territory = forms.SlugField(label=_("Territory"), required=False, max_length=150)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1800, max_value=2200)
    holding = forms.ChoiceField(
        label=_("Holding"),
        choices=[("", _("all"))] + list(Document.Holding.choices),
        required=False,
    )
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORT_CHOICES, required=False)

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())


class DocumentationRequestForm(HoneypotMixin, forms.ModelForm):
    class Meta:
        model = DocumentationRequest
        fields = ["name", "email", "organisation", "subject", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 6})}

    def clean_subject(self):
        subject = " ".join(self.cleaned_data["subject"].split())
        if len(subject) < 3:
            raise forms.ValidationError(_("Say in a few words what you are looking for."))
        return subject

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if len(message) < 10:
            raise forms.ValidationError(
                _("Describe your request in at least a sentence (10 characters or more).")
            )
        return message
