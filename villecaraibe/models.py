"""The vocabulary every app shares: themes and territories, and the editorial pages.

Themes (thématiques) and territories (Martinique → intercommunal bodies →
communes → neighbourhoods) are defined here once; the directory, the library,
the programme, the agenda and the newsletter all point to these tables.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from villecaraibe.fields import RichTextField
from villecaraibe.text import normalize_search


class Theme(models.Model):
    """A theme of urban policy (emploi, prévention de la délinquance, …)."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name


class TerritoryQuerySet(models.QuerySet):
    def communes(self):
        return self.filter(kind=Territory.Kind.COMMUNE)

    def intercommunalities(self):
        return self.filter(kind=Territory.Kind.INTERCOMMUNALITY)

    def neighbourhoods(self):
        return self.filter(kind=Territory.Kind.NEIGHBOURHOOD)

    def matching(self, text):
        """Territories whose folded name contains the folded ``text``."""
        return self.filter(search_name__contains=normalize_search(text))


class Territory(models.Model):
    """A place: the island, an intercommunal body, a commune or a neighbourhood."""

    class Kind(models.TextChoices):
        REGION = "region", _("region")
        INTERCOMMUNALITY = "epci", _("intercommunal body")
        COMMUNE = "commune", _("commune")
        NEIGHBOURHOOD = "quartier", _("neighbourhood")

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        related_name="children",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    insee_code = models.CharField(_("INSEE code"), max_length=5, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)
    is_cucs_site = models.BooleanField(_("CUCS site"), default=False)
    is_zus = models.BooleanField(_("ZUS"), default=False)
    is_qpv = models.BooleanField(_("QPV"), default=False)
    search_name = models.CharField(max_length=150, editable=False, db_index=True)

    objects = TerritoryQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("territory")
        verbose_name_plural = _("territories")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "name", "parent"], name="territory_unique_name"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = normalize_search(self.name)
        super().save(*args, **kwargs)

    @property
    def zonings(self):
        """The priority-area labels of a neighbourhood, e.g. ["CUCS", "ZUS"]."""
        labels = []
        if self.is_cucs_site:
            labels.append("CUCS")
        if self.is_zus:
            labels.append("ZUS")
        if self.is_qpv:
            labels.append("QPV")
        return labels


class Page(models.Model):
    """An editorial page written by staff: Présentation, Mentions légales, …"""

    class Slot(models.TextChoices):
        PRESENTATION = "presentation", _("About the centre")
        LEGAL = "mentions-legales", _("Legal notice")
        ACCESSIBILITY = "accessibilite", _("Accessibility statement")
        PRIVACY = "donnees-personnelles", _("Personal data")

    slug = models.SlugField(_("address"), max_length=60, unique=True, choices=Slot.choices)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = RichTextField(_("body"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("page", kwargs={"slug": self.slug})
