"""Experience sheets (capitalisation), useful links, documentation requests."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documentation.models.documents import sanitize_rich_text
from villecaraibe.fields import RichTextField
from villecaraibe.models import Territory, Theme
from villecaraibe.text import unique_slug


class ExperienceSheetQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ExperienceSheet.Status.PUBLISHED)


class ExperienceSheet(models.Model):
    """A fiche d'expérience: one local project told for others to learn from."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("territory"),
        related_name="experience_sheets",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="experience_sheets"
    )
    period = models.CharField(_("period"), max_length=100, blank=True)
    actors = models.TextField(_("actors"), help_text=_("Project leader and partners."))
    context = RichTextField(_("context"))
    actions = RichTextField(_("actions carried out"))
    results = RichTextField(_("results"))
    contact = models.TextField(_("contact"), blank=True)
    document = models.ForeignKey(
        "documentation.Document",
        verbose_name=_("sheet in the library"),
        related_name="experience_sheets",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published on"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ExperienceSheetQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "title"]
        verbose_name = _("experience sheet")
        verbose_name_plural = _("experience sheets")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title, "fiche", max_length=100)
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        sanitize_rich_text(self)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("documentation:experience", kwargs={"slug": self.slug})


class LinkCategory(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("link category")
        verbose_name_plural = _("link categories")

    def __str__(self):
        return self.name


class UsefulLink(models.Model):
    category = models.ForeignKey(
        LinkCategory, verbose_name=_("category"), related_name="links", on_delete=models.PROTECT
    )
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("address"), max_length=500, unique=True)
    description = models.TextField(_("description"), blank=True, max_length=1000)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_published = models.BooleanField(_("published"), default=True)
    last_checked_at = models.DateTimeField(_("last checked"), null=True, blank=True)
    last_status = models.PositiveSmallIntegerField(_("last HTTP status"), null=True, blank=True)
    is_dead = models.BooleanField(_("dead link"), default=False)
    check_error = models.CharField(_("check error"), max_length=300, blank=True)

    class Meta:
        ordering = ["category", "position", "title"]
        verbose_name = _("useful link")
        verbose_name_plural = _("useful links")

    def __str__(self):
        return self.title


class DocumentationRequest(models.Model):
    """An actor asks for a document or for documentation on a topic."""

    class Status(models.TextChoices):
        NEW = "new", _("new")
        IN_PROGRESS = "in_progress", _("in progress")
        ANSWERED = "answered", _("answered")

    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("your request"), max_length=5000)
    document = models.ForeignKey(
        "documentation.Document",
        verbose_name=_("document asked for"),
        related_name="requests",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NEW
    )
    reply = models.TextField(_("reply"), blank=True)
    replied_at = models.DateTimeField(_("replied on"), null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("replied by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("documentation request")
        verbose_name_plural = _("documentation requests")

    def __str__(self):
        return f"{self.subject} ({self.name})"
