"""The directory: organisations, people, and the positions that link them.

A person appears on the public site only with ``public_consent``; the
``Person.objects.public()`` queryset is the only door the public pages,
feeds, search and exports may use.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from villecaraibe.fields import RichTextField
from villecaraibe.models import Territory, Theme
from villecaraibe.text import normalize_search, unique_slug

phone_validator = RegexValidator(
    r"^\+?[0-9 .()\-]{6,25}$",
    _("Enter a valid phone number, e.g. 0596 68 64 52 or +596 596 68 64 52."),
)


class OrganisationQuerySet(models.QuerySet):
    def search(self, query):
        """Organisations whose name, acronym or commune contain every word of ``query``.

        Case, accents and hyphens are ignored ("fort de france" finds "Fort-de-France").
        """
        qs = self
        for term in normalize_search(query).split():
            qs = qs.filter(search_text__contains=term)
        return qs


class Organisation(models.Model):
    class Kind(models.TextChoices):
        STATE = "etat", _("State service")
        REGION = "region", _("Region")
        DEPARTMENT = "departement", _("Department")
        COMMUNE = "commune", _("Commune")
        INTERCOMMUNALITY = "epci", _("Intercommunal body")
        ASSOCIATION = "association", _("Association")
        SOCIAL_LANDLORD = "bailleur", _("Social landlord")
        PUBLIC_BODY = "etablissement", _("Public body")
        COMPANY = "entreprise", _("Company or chamber")
        RESOURCE_CENTRE = "centre", _("Resource centre")
        OTHER = "autre", _("Other")

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices, default=Kind.OTHER)
    address = models.TextField(_("address"), blank=True, max_length=500)
    commune = models.ForeignKey(
        Territory,
        verbose_name=_("commune"),
        related_name="organisations_based",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to={"kind": Territory.Kind.COMMUNE},
    )
    phone = models.CharField(_("phone"), max_length=25, blank=True, validators=[phone_validator])
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    description = RichTextField(_("description"))
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="organisations"
    )
    territories = models.ManyToManyField(
        Territory,
        verbose_name=_("territories where it acts"),
        blank=True,
        related_name="organisations",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        related_name="children",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def ensure_slug(self):
        if not self.slug:
            self.slug = self._unique_slug()

    def save(self, *args, **kwargs):
        self.ensure_slug()
        self.search_text = normalize_search(
            " ".join(filter(None, [self.name, self.acronym, self._commune_name()]))
        )
        super().save(*args, **kwargs)

    def _commune_name(self):
        """The commune's name, from the loaded relation or by one explicit query."""
        if not self.commune_id:
            return ""
        if Organisation.commune.is_cached(self):
            return self.commune.name
        return (
            Territory.objects.filter(pk=self.commune_id).values_list("name", flat=True).first()
            or ""
        )

    def _unique_slug(self):
        return unique_slug(self, self.acronym or self.name, "organisation", max_length=180)

    def get_absolute_url(self):
        return reverse("annuaire:organisation", kwargs={"slug": self.slug})


class PersonQuerySet(models.QuerySet):
    def public(self):
        """People who agreed to appear in the public directory: the only public door."""
        return self.filter(public_consent=True, erased_at__isnull=True)

    def search(self, query):
        qs = self
        for term in normalize_search(query).split():
            qs = qs.filter(search_text__contains=term)
        return qs


class Person(models.Model):
    class Civility(models.TextChoices):
        MADAME = "mme", _("Ms")
        MONSIEUR = "m", _("Mr")
        NONE = "", _("(none)")

    civility = models.CharField(_("civility"), max_length=3, choices=Civility.choices, blank=True)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=210, unique=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=25, blank=True, validators=[phone_validator])
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="people"
    )
    # Consent to appear in the public directory, with its proof.
    public_consent = models.BooleanField(
        _("agrees to appear in the public directory"), default=False
    )
    consent_date = models.DateTimeField(_("date of consent"), null=True, blank=True)
    consent_text = models.TextField(_("wording of the consent"), blank=True)
    show_email = models.BooleanField(_("e-mail may be shown"), default=False)
    show_phone = models.BooleanField(_("phone may be shown"), default=False)
    # Set when the person's data was erased on request; the row stays only as an
    # anonymous anchor for records that must keep their link (support log, …).
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True, editable=False)
    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PersonQuerySet.as_manager()

    SECRETARIAT_PERMISSIONS = ("export_personal_data",)
    # The wording a person agrees to, recorded verbatim with their consent.
    STANDARD_CONSENT_TEXT = (
        "J'accepte que mon nom, ma fonction et les coordonnées que j'ai cochées figurent dans "
        "l'annuaire public des acteurs de la politique de la ville du Centre de ressources "
        "Ville caraïbe. Je peux retirer ce consentement à tout moment."
    )
    # When duplicates are merged, a consent moves with its proof, as a whole.
    MERGE_FIELD_GROUPS = [
        ("public_consent", "consent_date", "consent_text", "show_email", "show_phone")
    ]

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        permissions = [
            ("export_personal_data", _("Can export everything held about a person")),
            ("erase_personal_data", _("Can erase a person's personal data")),
        ]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="person_unique_email",
                violation_error_message=_("A person with this e-mail address already exists."),
            ),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def ensure_slug(self):
        if not self.slug:
            self.slug = unique_slug(self, self.full_name, "personne", max_length=190)

    def save(self, *args, **kwargs):
        self.ensure_slug()
        # The date proves the consent in force; withdrawing it clears what it allowed.
        if self.public_consent and not self.consent_date:
            self.consent_date = timezone.now()
        elif not self.public_consent:
            self.consent_date = None
            self.consent_text = ""
            self.show_email = self.show_phone = False
        self.search_text = normalize_search(self.full_name)
        super().save(*args, **kwargs)

    def current_positions(self):
        return [p for p in self.positions.all() if p.is_current]

    def get_absolute_url(self):
        return reverse("annuaire:person", kwargs={"slug": self.slug})


class PositionQuerySet(models.QuerySet):
    def current(self):
        """Positions held today: no end date, or an end date still to come."""
        return self.filter(
            models.Q(end_date__isnull=True) | models.Q(end_date__gte=timezone.localdate())
        )


class Position(models.Model):
    """A person's function in an organisation, e.g. chef de projet CUCS at the town of Le Lamentin."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), related_name="positions", on_delete=models.CASCADE
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        related_name="positions",
        on_delete=models.CASCADE,
    )
    function = models.CharField(_("function"), max_length=150)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)

    objects = PositionQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "function"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="position_end_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self):
        return f"{self.person} — {self.function}, {self.organisation}"

    @property
    def is_current(self):
        return self.end_date is None or self.end_date >= timezone.localdate()
