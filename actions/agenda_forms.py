"""Forms of the agenda: public registration, walk-ins, satisfaction questionnaire."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from actions.models import Rating
from annuaire.models import Organisation
from villecaraibe.forms import HoneypotMixin
from villecaraibe.models import Territory
from villecaraibe.text import normalize_search


def match_organisation(typed):
    """The directory organisation a visitor meant by ``typed`` (name or acronym), or None."""
    typed = (typed or "").strip()
    if not typed:
        return None
    exact = list(Organisation.objects.filter(Q(name__iexact=typed) | Q(acronym__iexact=typed))[:2])
    if len(exact) == 1:
        return exact[0]
    folded = normalize_search(typed)
    candidates = [
        o
        for o in Organisation.objects.search(typed)[:20]
        if folded
        in (normalize_search(o.name), normalize_search(o.acronym), normalize_search(str(o)))
    ]
    return candidates[0] if len(candidates) == 1 else None


class RegistrationForm(HoneypotMixin, forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("The confirmation and the cancellation link are sent to this address."),
    )
    organisation_name = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        help_text=_("Start typing: organisations of the directory are suggested."),
        widget=forms.TextInput(attrs={"list": "organisations-list", "autocomplete": "off"}),
    )
    function = forms.CharField(label=_("Function"), max_length=150, required=False)
    commune = forms.ModelChoiceField(
        label=_("Commune where you work"),
        queryset=Territory.objects.communes(),
        required=False,
        empty_label=_("— choose —"),
    )
    sessions = forms.ModelMultipleChoiceField(
        label=_("Sessions you will attend"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick none to attend every session."),
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wheelchair access, sign-language interpreting, large print…"),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the centre keeps these details to organise the event, print the "
            "attendance sheet and send me the documents and the satisfaction questionnaire."
        ),
        error_messages={
            "required": _("Please tick the consent box: we cannot register you without it.")
        },
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["sessions"].queryset = event.sessions.all()
        self.fields["sessions"].label_from_instance = self._session_label
        if len(self.fields["sessions"].queryset) <= 1:
            del self.fields["sessions"]

    @staticmethod
    def _session_label(session):
        label = str(session)
        if session.theme:
            label += f" — {session.theme}"
        return label

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        cleaned["organisation"] = match_organisation(cleaned.get("organisation_name"))
        if cleaned["organisation"]:
            cleaned["organisation_name"] = ""
        return cleaned


class WalkInForm(RegistrationForm):
    """Someone who turns up without registering: staff add them on the spot."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = False
        self.fields["consent"].required = False
        self.fields["consent"].label = _("The participant agrees that we keep these details.")
        del self.fields[self.HONEYPOT_FIELD]
        self.fields.pop("sessions", None)

    def clean_email(self):
        return (self.cleaned_data.get("email") or "").strip().lower()


class SatisfactionForm(HoneypotMixin, forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Overall, how satisfied are you with this event?"),
        choices=Rating.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose one of the four answers.")},
    )
    comments = forms.CharField(
        label=_("Comments and suggestions"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
