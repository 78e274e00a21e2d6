"""The document library. The documentation issue grows this module (thesaurus, holdings,
search, downloads); the core Document lives here so other apps can point to it."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from villecaraibe.fields import RichTextField
from villecaraibe.models import Territory, Theme


class DocumentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Document.Status.PUBLISHED)

    def public(self):
        """Published and open to everyone (not members only)."""
        return self.published().filter(access=Document.Access.PUBLIC)

    def added_since(self, moment):
        return self.filter(published_at__gt=moment)


class Document(models.Model):
    class Kind(models.TextChoices):
        GUIDE = "guide", _("methodological guide")
        EXPERIENCE = "fiche", _("experience sheet")
        REPORT = "rapport", _("report")
        EVALUATION = "evaluation", _("evaluation")
        MINUTES = "compte_rendu", _("minutes")
        PARTICIPANTS_PACK = "dossier_participants", _("participants' pack")
        PROCEEDINGS = "actes", _("proceedings")
        SUMMARY_NOTE = "note", _("summary note")
        THEMATIC_FILE = "dossier", _("thematic file")
        TOOL = "outil", _("methodological tool")
        REGULATION = "texte", _("regulatory text")
        NEWSLETTER = "lettre", _("newsletter")
        OTHER = "autre", _("other")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    class Access(models.TextChoices):
        PUBLIC = "public", _("public")
        MEMBERS = "members", _("members only")

    title = models.CharField(_("title"), max_length=300)
    subtitle = models.CharField(_("subtitle"), max_length=300, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=25, choices=Kind.choices, default=Kind.OTHER)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    date = models.DateField(_("exact date"), null=True, blank=True)
    abstract = RichTextField(_("abstract"))
    language = models.CharField(_("language"), max_length=8, default="fr")
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="documents"
    )
    territories = models.ManyToManyField(
        Territory, verbose_name=_("territories"), blank=True, related_name="documents"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    access = models.CharField(
        _("access"), max_length=10, choices=Access.choices, default=Access.PUBLIC
    )
    published_at = models.DateTimeField(_("published on"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            base = slugify(self.title)[:100] or "document"
            slug, n = base, 2
            while Document.objects.filter(slug=slug).exclude(pk=self.pk).exists():
                slug, n = f"{base}-{n}", n + 1
            self.slug = slug
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("documentation:document", kwargs={"slug": self.slug})
