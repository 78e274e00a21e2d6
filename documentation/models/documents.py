"""Documents of the library, their authors, paper holdings and download counts."""

import datetime
from pathlib import PurePath

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from annuaire.models import Organisation, Person
from documentation.models.thesaurus import Descriptor
from documentation.services.uploads import validate_upload
from documentation.storage import document_upload_to, get_private_storage
from documentation.validators import validate_isbn, validate_issn
from villecaraibe.audit import audit_history
from villecaraibe.fields import RichTextField
from villecaraibe.models import Territory, Theme


def sanitize_rich_text(instance):
    """Clean rich-text fields on every save, not only through forms (imports, shell, demo)."""
    for field in instance._meta.concrete_fields:
        sanitize = getattr(field, "sanitize", None)
        if callable(sanitize):
            value = getattr(instance, field.attname)
            if value:
                setattr(instance, field.attname, sanitize(value))


# Addresses under /documentation/ that are pages, not documents.
RESERVED_SLUGS = {
    "oai",
    "nouveautes",
    "les-plus-telecharges",
    "thesaurus",
    "demande",
    "connexion",
    "deconnexion",
}


class DocumentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Document.Status.PUBLISHED)

    def public(self):
        """Published and open to everyone (not members only)."""
        return self.published().filter(access=Document.Access.PUBLIC)

    def added_since(self, moment):
        return self.filter(published_at__gt=moment)

    def with_file(self):
        return self.exclude(file="")

    def for_listing(self):
        """What a list row shows, in a fixed number of queries."""
        return self.prefetch_related(
            models.Prefetch(
                "authors",
                queryset=DocumentAuthor.objects.select_related("organisation", "person"),
            ),
            "themes",
        )


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

    class Holding(models.TextChoices):
        PAPER = "paper", _("paper copy")
        FILE = "file", _("digital file")
        LINK = "link", _("online link")

    title = models.CharField(_("title"), max_length=300)
    subtitle = models.CharField(_("subtitle"), max_length=300, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=25, choices=Kind.choices, default=Kind.OTHER)
    publisher = models.ForeignKey(
        Organisation,
        verbose_name=_("publisher (directory)"),
        related_name="published_documents",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    publisher_name = models.CharField(
        _("publisher (free text)"),
        max_length=200,
        blank=True,
        help_text=_("When the publisher is not in the directory."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2200)],
        help_text=_("A year alone is enough when the exact date is unknown."),
    )
    date = models.DateField(_("exact date"), null=True, blank=True)
    abstract = RichTextField(_("abstract"))
    language = models.CharField(
        _("language"),
        max_length=8,
        default="fr",
        help_text=_("ISO 639-1 code: fr, en, es, ht…"),
    )
    pages = models.PositiveIntegerField(
        _("number of pages"), null=True, blank=True, validators=[MaxValueValidator(100_000)]
    )
    isbn = models.CharField(_("ISBN"), max_length=20, blank=True, validators=[validate_isbn])
    issn = models.CharField(_("ISSN"), max_length=9, blank=True, validators=[validate_issn])
    descriptors = models.ManyToManyField(
        Descriptor, verbose_name=_("descriptors"), blank=True, related_name="documents"
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="documents"
    )
    territories = models.ManyToManyField(
        Territory, verbose_name=_("territories"), blank=True, related_name="documents"
    )
    # Holdings: any mix of paper copies (PaperCopy rows), a file and a link.
    file = models.FileField(
        _("digital file"),
        storage=get_private_storage,
        upload_to=document_upload_to,
        max_length=200,
        blank=True,
        validators=[validate_upload],
        help_text=_("PDF, OpenDocument, Office or image file."),
    )
    file_name = models.CharField(_("original file name"), max_length=200, blank=True)
    file_size = models.PositiveBigIntegerField(_("file size"), null=True, blank=True)
    file_type = models.CharField(_("file type"), max_length=120, blank=True)
    file_text = models.TextField(_("text extracted from the file"), blank=True, editable=False)
    external_url = models.URLField(_("external link"), max_length=500, blank=True)
    has_paper_copy = models.BooleanField(_("paper copy held"), default=False, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    access = models.CharField(
        _("access"), max_length=10, choices=Access.choices, default=Access.PUBLIC
    )
    published_at = models.DateTimeField(_("published on"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)
    # Search, rebuilt by documentation.services.indexing.reindex().
    search_text = models.TextField(editable=False, blank=True)
    abstract_plain = models.TextField(editable=False, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = DocumentQuerySet.as_manager()
    # Who changed what and when; the derived search columns are left out.
    history = audit_history(
        excluded_fields=["search_text", "abstract_plain", "search_vector", "file_text"]
    )

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [
            models.Index(fields=["status", "access"], name="document_status_access"),
            models.Index(fields=["year"], name="document_year"),
            models.Index(fields=["kind"], name="document_kind"),
            # The catalogue's default order ("newest additions").
            models.Index(fields=["-published_at", "-id"], name="document_newest"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__isnull=True) | Q(year__gte=1800, year__lte=2200),
                name="document_year_plausible",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.date:
            if self.year and self.year != self.date.year:
                raise ValidationError(
                    {
                        "year": _("The year must be the year of the exact date (%(year)s).")
                        % {"year": self.date.year}
                    }
                )
            self.year = self.date.year
        if self.publisher_id and self.publisher_name:
            raise ValidationError(
                {"publisher_name": _("Choose the publisher in the directory or type it, not both.")}
            )
        self.isbn = self.isbn.strip()
        self.issn = self.issn.strip().upper()
        self.language = self.language.strip().lower()

    def save(self, *args, **kwargs):
        if not self.slug:
            base = slugify(self.title)[:100] or "document"
            slug, n = base, 2
            while (
                slug in RESERVED_SLUGS
                or Document.objects.filter(slug=slug).exclude(pk=self.pk).exists()
            ):
                slug, n = f"{base}-{n}", n + 1
            self.slug = slug
        sanitize_rich_text(self)
        if self.date and not self.year:
            self.year = self.date.year
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        if self.file and not getattr(self.file, "_committed", True):
            self._file_changed = True
            upload = self.file.file
            self.file_name = PurePath(getattr(upload, "name", "") or "").name[:200]
            self.file_size = upload.size
            content_type = getattr(upload, "content_type", "") or ""
            self.file_type = content_type[:120]
        elif not self.file:
            self.file_name, self.file_size, self.file_type = "", None, ""
            self.file_text = ""
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("documentation:document", kwargs={"slug": self.slug})

    def get_download_url(self):
        return reverse("documentation:download", kwargs={"slug": self.slug})

    # What the pages show --------------------------------------------------------

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED and self.access == self.Access.PUBLIC

    @property
    def members_only(self):
        return self.access == self.Access.MEMBERS

    @property
    def publisher_label(self):
        return str(self.publisher) if self.publisher_id else self.publisher_name

    @property
    def date_label(self):
        if self.date:
            return self.date.isoformat()
        return str(self.year) if self.year else ""

    @property
    def abstract_text(self):
        return " ".join(strip_tags(self.abstract or "").split())

    @property
    def file_extension(self):
        return PurePath(self.file.name).suffix.lower().lstrip(".") if self.file else ""

    def author_names(self):
        """Authors in order, as shown publicly (people without consent hidden)."""
        return [a.display_name for a in self.authors.all() if a.display_name]

    def holding_types(self):
        kinds = []
        if self.has_paper_copy:
            kinds.append(self.Holding.PAPER)
        if self.file:
            kinds.append(self.Holding.FILE)
        if self.external_url:
            kinds.append(self.Holding.LINK)
        return kinds


class DocumentAuthor(models.Model):
    """One author of a document, in order: an organisation, a person or a free-text name."""

    class Role(models.TextChoices):
        AUTHOR = "author", _("author")
        EDITOR = "editor", _("editor")
        CONTRIBUTOR = "contributor", _("contributor")

    document = models.ForeignKey(
        Document, verbose_name=_("document"), related_name="authors", on_delete=models.CASCADE
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        related_name="authored_documents",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        related_name="authored_documents",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    name = models.CharField(_("name (free text)"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.AUTHOR)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(organisation__isnull=False, person__isnull=True, name="")
                    | Q(organisation__isnull=True, person__isnull=False, name="")
                    | (Q(organisation__isnull=True, person__isnull=True) & ~Q(name=""))
                ),
                name="document_author_exactly_one_kind",
            ),
        ]

    def __str__(self):
        # Staff-facing: the person's name even without public consent.
        if self.person_id:
            return self.person.full_name
        return self.display_name

    def clean(self):
        filled = sum([bool(self.organisation_id), bool(self.person_id), bool(self.name.strip())])
        if filled != 1:
            raise ValidationError(
                _("Give exactly one author: an organisation, a person or a name typed in.")
            )

    @property
    def display_name(self):
        if self.organisation_id:
            return str(self.organisation)
        if self.person_id:
            # The directory's consent rule holds here too.
            return self.person.full_name if self.person.public_consent else ""
        return self.name


class PaperCopy(models.Model):
    """Paper copies of a document held on the centre's shelves."""

    document = models.ForeignKey(
        Document, verbose_name=_("document"), related_name="paper_copies", on_delete=models.CASCADE
    )
    call_number = models.CharField(_("call number"), max_length=50)
    location = models.CharField(_("location"), max_length=120, blank=True)
    copies = models.PositiveSmallIntegerField(
        _("number of copies"), default=1, validators=[MinValueValidator(1)]
    )
    loanable = models.BooleanField(_("can be borrowed"), default=True)

    class Meta:
        ordering = ["call_number"]
        verbose_name = _("paper copy")
        verbose_name_plural = _("paper copies")
        constraints = [
            models.CheckConstraint(condition=Q(copies__gte=1), name="paper_copy_at_least_one"),
        ]

    def __str__(self):
        return self.call_number


class DownloadCount(models.Model):
    """Downloads of one document during one month (bots excluded)."""

    document = models.ForeignKey(
        Document,
        verbose_name=_("document"),
        related_name="download_counts",
        on_delete=models.CASCADE,
    )
    month = models.DateField(_("month"))
    count = models.PositiveIntegerField(_("downloads"), default=0)

    class Meta:
        ordering = ["-month"]
        verbose_name = _("monthly downloads")
        verbose_name_plural = _("monthly downloads")
        constraints = [
            models.UniqueConstraint(fields=["document", "month"], name="download_count_per_month"),
        ]

    def __str__(self):
        return f"{self.document} — {self.month:%Y-%m}: {self.count}"

    @staticmethod
    def month_of(moment=None):
        moment = timezone.localdate(moment) if moment else timezone.localdate()
        return datetime.date(moment.year, moment.month, 1)


def citation(document, authors=None):
    """A bibliographic reference, French usage: AUTHORS. Title : subtitle. Publisher, year, N p."""
    names = authors if authors is not None else document.author_names()
    parts = []
    if names:
        parts.append(", ".join(names) + ".")
    title = document.title + (f" : {document.subtitle}" if document.subtitle else "")
    parts.append(title + ".")
    tail = [t for t in [document.publisher_label, str(document.year or "")] if t]
    if document.pages:
        tail.append(f"{document.pages} p")
    if tail:
        parts.append(", ".join(tail) + ".")
    if document.isbn:
        parts.append(f"ISBN {document.isbn}.")
    if document.issn:
        parts.append(f"ISSN {document.issn}.")
    return " ".join(parts)
