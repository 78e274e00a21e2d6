"""News items (actualités) and the fortnightly letter "La cohésion se construit".

- ``NewsItem``: what the centre publishes at /actualites/ (calls for projects carry a
  deadline, enforced by a check constraint).
- ``Subscriber``: one address, its status and the proof of its consent.
- ``Issue``: one letter; its content is gathered from news, events and documents and
  frozen (``html_snapshot``/``text_snapshot``) when sending starts, so every reader,
  every worker and the archive see the very same letter.
- ``Delivery``: one row per (issue, subscriber), created up front; the sending workers
  claim, send and mark these rows — the guarantee "nobody twice, nobody skipped" rests
  on them (see ``newsletter/services/sending.py``).
"""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from villecaraibe.audit import audit_history
from villecaraibe.fields import RichTextField
from villecaraibe.text import unique_slug


class NewsItemQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True, published_at__lte=timezone.now())

    def calls_for_projects(self):
        return self.filter(category=NewsItem.Category.CALL_FOR_PROJECTS)

    def open_calls(self, on=None):
        """Published calls for projects whose deadline is ``on`` (today) or later."""
        on = on or timezone.localdate()
        return self.published().calls_for_projects().filter(deadline__gte=on)


class NewsItem(models.Model):
    """An actualité: regulatory watch, a new text, a call for projects, local news…"""

    class Category(models.TextChoices):
        REGULATORY_WATCH = "veille", _("regulatory watch")
        NEW_TEXTS = "textes", _("new texts")
        CALL_FOR_PROJECTS = "appels", _("calls for projects")
        AGENDA = "agenda", _("agenda")
        LOCAL = "locale", _("local news")
        NATIONAL = "nationale", _("national news")
        CENTRE = "centre", _("life of the centre")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, blank=True)
    category = models.CharField(_("category"), max_length=12, choices=Category.choices)
    summary = models.CharField(
        _("summary"), max_length=300, blank=True, help_text=_("Shown in lists and in the letter.")
    )
    body = RichTextField(_("body"))
    image = models.ImageField(_("image"), upload_to="actualites/%Y/", blank=True)
    image_alt = models.CharField(
        _("image description"),
        max_length=200,
        blank=True,
        help_text=_("Text alternative for readers who cannot see the image."),
    )
    deadline = models.DateField(
        _("deadline"), null=True, blank=True, help_text=_("Required for calls for projects.")
    )
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("publication date"), default=timezone.now, db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = NewsItemQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        constraints = [
            models.CheckConstraint(
                condition=~Q(category="appels") | Q(deadline__isnull=False),
                name="newsitem_call_has_deadline",
                violation_error_message=_("A call for projects needs a deadline."),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title, "actualite", max_length=100)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("newsletter:news_item", kwargs={"slug": self.slug})

    @property
    def is_call_open(self):
        return (
            self.category == self.Category.CALL_FOR_PROJECTS
            and self.deadline is not None
            and self.deadline >= timezone.localdate()
        )


class NewsLink(models.Model):
    """A link offered with a news item (the text itself, the call's page…)."""

    item = models.ForeignKey(NewsItem, related_name="links", on_delete=models.CASCADE)
    label = models.CharField(_("label"), max_length=200)
    url = models.URLField(_("address"), max_length=500)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("link")
        verbose_name_plural = _("links")

    def __str__(self):
        return self.label


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Subscriber.Status.CONFIRMED)

    def unconfirmed_older_than(self, moment):
        """Pending addresses never confirmed, signed up before ``moment``."""
        return self.filter(
            status=Subscriber.Status.PENDING, confirmed_at__isnull=True, created_at__lt=moment
        )


class Subscriber(models.Model):
    """One address on the list, with the proof of its consent."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending confirmation")
        CONFIRMED = "confirmed", _("confirmed")
        UNSUBSCRIBED = "unsubscribed", _("unsubscribed")
        BOUNCED = "bounced", _("bounced")

    class Source(models.TextChoices):
        FORM = "form", _("sign-up form")
        IMPORT = "import", _("import")
        ADMIN = "admin", _("added by staff")

    class LegalBasis(models.TextChoices):
        CONSENT = "consent", _("consent (double opt-in)")
        PRIOR_CONSENT = "prior_consent", _("consent collected before (paper form, event)")
        LEGITIMATE_INTEREST = "legitimate_interest", _("legitimate interest (professional)")

    email = models.EmailField(_("e-mail"), max_length=254, unique=True)
    name = models.CharField(_("name"), max_length=150, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    source = models.CharField(_("source"), max_length=8, choices=Source.choices)
    legal_basis = models.CharField(
        _("legal basis"), max_length=20, choices=LegalBasis.choices, default=LegalBasis.CONSENT
    )
    # Proof of consent: when, from where, on which page, and the exact words shown.
    consent_at = models.DateTimeField(_("consent given on"), null=True, blank=True)
    consent_ip = models.GenericIPAddressField(_("consent IP address"), null=True, blank=True)
    consent_page = models.CharField(_("consent page"), max_length=300, blank=True)
    consent_text = models.TextField(_("consent text shown"), blank=True)
    confirmation_sent_at = models.DateTimeField(_("confirmation sent on"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed on"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed on"), null=True, blank=True)
    unsubscribed_from = models.ForeignKey(
        "Issue",
        verbose_name=_("unsubscribed from issue"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="unsubscriptions",
    )
    hard_bounces = models.PositiveSmallIntegerField(_("hard bounces"), default=0)
    bounced_at = models.DateTimeField(_("marked bounced on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SubscriberQuerySet.as_manager()
    history = audit_history()

    SECRETARIAT_PERMISSIONS = ("import_subscribers",)

    class Meta:
        ordering = ["email"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        permissions = [("import_subscribers", _("Can import subscribers and bounce reports"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(email=models.functions.Lower("email")),
                name="subscriber_email_lowercase",
            ),
        ]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


class IssueQuerySet(models.QuerySet):
    def sent(self):
        return self.filter(status=Issue.Status.SENT)

    def due(self, now=None):
        """Scheduled issues whose sending time has come."""
        return self.filter(status=Issue.Status.SCHEDULED, scheduled_at__lte=now or timezone.now())


class Issue(models.Model):
    """One fortnightly letter."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SCHEDULED = "scheduled", _("scheduled")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")

    number = models.PositiveIntegerField(_("number"), unique=True)
    date = models.DateField(_("date"))
    subject = models.CharField(_("subject"), max_length=200)
    introduction = RichTextField(_("introduction"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    news_items = models.ManyToManyField(
        NewsItem, verbose_name=_("news items"), blank=True, related_name="issues"
    )
    scheduled_at = models.DateTimeField(_("send at"), null=True, blank=True)
    started_at = models.DateTimeField(_("sending started"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sending finished"), null=True, blank=True)
    recipients_count = models.PositiveIntegerField(_("recipients"), default=0)
    # Frozen when sending starts: what readers got, with the unsubscribe URL as a marker.
    html_snapshot = models.TextField(editable=False, blank=True)
    text_snapshot = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = IssueQuerySet.as_manager()

    SECRETARIAT_PERMISSIONS = ("send_issue",)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("issue")
        verbose_name_plural = _("issues")
        permissions = [("send_issue", _("Can send an issue to the subscribers"))]

    def __str__(self):
        return f"n° {self.number} — {self.subject}"

    def get_absolute_url(self):
        return reverse("newsletter:issue", kwargs={"number": self.number})

    @property
    def is_editable(self):
        return self.status in (self.Status.DRAFT, self.Status.SCHEDULED)

    def previous(self):
        return Issue.objects.filter(number__lt=self.number).order_by("-number").first()

    def progress(self):
        """Counts of this issue's deliveries per state, in one query."""
        counts = Delivery.objects.filter(issue=self).aggregate(
            total=Count("id"),
            sent=Count("id", filter=Q(status=Delivery.Status.SENT)),
            failed=Count("id", filter=Q(status=Delivery.Status.FAILED)),
            skipped=Count("id", filter=Q(status=Delivery.Status.SKIPPED)),
            bounced=Count("id", filter=Q(bounced=True)),
            retrying=Count("id", filter=Q(status=Delivery.Status.QUEUED, attempts__gt=0)),
        )
        counts["done"] = counts["sent"] + counts["failed"] + counts["skipped"]
        counts["percent"] = round(100 * counts["done"] / counts["total"]) if counts["total"] else 0
        return counts


class Delivery(models.Model):
    """The letter ``issue`` for one ``subscriber``: claimed, sent, or failed, exactly once."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        SKIPPED = "skipped", _("skipped (no longer subscribed)")

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=80, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    smtp_code = models.PositiveSmallIntegerField(null=True, blank=True)
    smtp_answer = models.CharField(max_length=500, blank=True)
    bounced = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="delivery_once"),
        ]
        indexes = [models.Index(fields=["issue", "status"], name="delivery_issue_status")]

    def __str__(self):
        return f"{self.issue_id}/{self.subscriber_id} {self.status}"


def newsletter_setting(name):
    """The newsletter's settings, each with its default (see the README)."""
    defaults = {
        "NEWSLETTER_BATCH_SIZE": 100,
        "NEWSLETTER_RATE_LIMIT": 0,  # messages per second per worker, 0 = as fast as possible
        "NEWSLETTER_MAX_ATTEMPTS": 5,
        "NEWSLETTER_RETRY_DELAY": 300,  # seconds before a temporary failure is retried
        "NEWSLETTER_STALE_CLAIM_SECONDS": 600,
        "NEWSLETTER_BOUNCE_LIMIT": 3,
        "NEWSLETTER_CONFIRM_MAX_AGE": 7 * 24 * 3600,
        "NEWSLETTER_PURGE_AFTER_DAYS": 30,
        "NEWSLETTER_JOURNAL_DIR": str(settings.BASE_DIR / "var" / "newsletter-journal"),
        "NEWSLETTER_FROM_EMAIL": settings.DEFAULT_FROM_EMAIL,
        "NEWSLETTER_WORKERS": 1,
    }
    return getattr(settings, name, defaults[name])
