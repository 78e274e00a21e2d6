"""The agenda: events (journées, cycles, rencontres…), their sessions, venues and speakers.

An event serves an action of the programme and is documented by documents of the
library; a multi-day cycle is one event with one session per day.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from annuaire.models import Organisation, Person
from documentation.models import Document
from villecaraibe.audit import audit_history
from villecaraibe.fields import RichTextField
from villecaraibe.models import Territory, Theme
from villecaraibe.text import unique_slug

from .programme import Action


class Venue(models.Model):
    """A place where sessions are held: name, address and commune."""

    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    commune = models.ForeignKey(
        Territory,
        verbose_name=_("commune"),
        related_name="venues",
        on_delete=models.PROTECT,
        limit_choices_to={"kind": Territory.Kind.COMMUNE},
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        constraints = [
            models.UniqueConstraint(
                fields=["name", "commune"],
                name="venue_unique_name_commune",
                violation_error_message=_("This commune already has a venue with this name."),
            ),
        ]

    def __str__(self):
        return f"{self.name}, {self.commune.name}" if self.commune_id else self.name


class EventQuerySet(models.QuerySet):
    def public(self):
        """Events visitors may see: published ones and those cancelled after publication."""
        return self.filter(status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED])

    def upcoming(self, today=None):
        today = today or timezone.localdate()
        return self.filter(end_date__gte=today).order_by("start_date", "title")

    def past(self, today=None):
        today = today or timezone.localdate()
        return self.filter(end_date__lt=today).order_by("-start_date", "title")

    def with_counts(self):
        """Annotate ``confirmed_count`` and ``waitlist_count`` in one query."""
        return self.annotate(
            confirmed_count=Count(
                "registrations", filter=Q(registrations__status="confirmed"), distinct=True
            ),
            waitlist_count=Count(
                "registrations", filter=Q(registrations__status="waitlisted"), distinct=True
            ),
        )


class Event(models.Model):
    """A gathering of professionals organised by the centre."""

    class Kind(models.TextChoices):
        INFORMATION_DAY = "information_day", _("information day")
        QUALIFICATION_DAY = "qualification_day", _("qualification day")
        QUALIFICATION_CYCLE = "qualification_cycle", _("qualification cycle")
        ACTION_TRAINING = "action_training", _("action training")
        MEETING = "meeting", _("meeting of actors")
        SEMINAR = "seminar", _("seminar")
        FORUM = "forum", _("forum")
        PRACTICE_WORKSHOP = "practice_workshop", _("practice-sharing workshop")
        WORKING_GROUP = "working_group", _("working group")
        BOKANTAJ = "bokantaj", _("Bokantaj café-debate")
        NETWORK_MEETING = "network_meeting", _("network meeting")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        CANCELLED = "cancelled", _("cancelled")

    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, blank=True)
    kind = models.CharField(_("kind"), max_length=25, choices=Kind.choices)
    action = models.ForeignKey(
        Action,
        verbose_name=_("programme action"),
        related_name="events",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    summary = models.CharField(_("summary"), max_length=400, blank=True)
    description = RichTextField(_("description"))
    audience = models.CharField(_("audience"), max_length=300, blank=True)
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="events"
    )
    territories = models.ManyToManyField(
        Territory, verbose_name=_("territories"), blank=True, related_name="events"
    )
    partners = models.ManyToManyField(
        Organisation, verbose_name=_("partner organisations"), blank=True, related_name="events"
    )
    documents = models.ManyToManyField(
        Document,
        verbose_name=_("documents"),
        through="EventDocument",
        blank=True,
        related_name="events",
    )
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    registration_deadline = models.DateField(
        _("registration deadline"),
        null=True,
        blank=True,
        help_text=_("Last day on which visitors may register online."),
    )
    registration_open = models.BooleanField(_("online registration"), default=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    staff_days = models.DecimalField(
        _("staff days spent"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    reported_participants = models.PositiveIntegerField(
        _("participants (reported total)"),
        null=True,
        blank=True,
        help_text=_("For events held before online registration: the count from the report."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = EventQuerySet.as_manager()
    history = audit_history()

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["status", "end_date"], name="event_status_end")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="event_end_after_start",
                violation_error_message=_("The last day cannot be before the first day."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=0),
                name="event_capacity_not_negative",
                violation_error_message=_("The capacity cannot be negative."),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(
                self, f"{self.title} {self.start_date:%Y}", "evenement", max_length=110
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("actions:event", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if (
            self.registration_deadline
            and self.end_date
            and self.registration_deadline > self.end_date
        ):
            raise ValidationError(
                {"registration_deadline": _("The registration deadline cannot be after the event.")}
            )

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    def is_past(self, today=None):
        return self.end_date < (today or timezone.localdate())

    @property
    def period_label(self):
        if self.start_date == self.end_date:
            return date_format(self.start_date, "l j F Y")
        return _("from %(start)s to %(end)s") % {
            "start": date_format(self.start_date, "j F"),
            "end": date_format(self.end_date, "j F Y"),
        }

    def registration_closed_reason(self, today=None):
        """Why a visitor cannot register now, or ``None`` when registration is open."""
        today = today or timezone.localdate()
        if self.status == self.Status.CANCELLED:
            return _("This event has been cancelled: registration is closed.")
        if self.status != self.Status.PUBLISHED:
            return _("This event is not published yet.")
        if not self.registration_open:
            return _("Online registration is not offered for this event.")
        if self.end_date < today:
            return _("This event is over: registration is closed.")
        if self.start_date < today:
            return _("This event has already started: registration is closed.")
        if self.registration_deadline and self.registration_deadline < today:
            return _("Registration closed on %(date)s.") % {
                "date": date_format(self.registration_deadline, "j F Y")
            }
        return None

    def is_open_for_registration(self, today=None):
        return self.registration_closed_reason(today) is None

    def confirmed_registrations(self):
        return self.registrations.filter(status="confirmed")

    def seats_left(self, confirmed=None):
        """Seats still free, or ``None`` when the event has no capacity limit."""
        if self.capacity is None:
            return None
        if confirmed is None:
            confirmed = getattr(self, "confirmed_count", None)
        if confirmed is None:
            confirmed = self.confirmed_registrations().count()
        return max(self.capacity - confirmed, 0)

    @property
    def is_full(self):
        left = self.seats_left()
        return left is not None and left == 0

    def ical_uid(self):
        """A UID that never changes for this event, whatever is edited."""
        host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "villecaraibe"
        return f"event-{self.pk}@{host}"


class Session(models.Model):
    """One day (or half-day) of an event, with its hours, venue and theme of the day."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), related_name="sessions", on_delete=models.CASCADE
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    theme = models.CharField(_("theme of the day"), max_length=300, blank=True)
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("venue"),
        related_name="sessions",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    reported_attendance = models.PositiveIntegerField(
        _("attendance (reported)"),
        null=True,
        blank=True,
        help_text=_("For sessions held before online registration: the count from the report."),
    )

    history = audit_history()

    class Meta:
        ordering = ["date", "start_time"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")),
                name="session_end_after_start",
                violation_error_message=_("A session must end after it starts."),
            ),
        ]

    def __str__(self):
        return f"{date_format(self.date, 'l j F Y')}, {self.start_time:%H}h{self.start_time:%M}–{self.end_time:%H}h{self.end_time:%M}"

    def clean(self):
        super().clean()
        event = getattr(self, "event", None)
        dated = event is not None and self.date and event.start_date and event.end_date
        if dated and not event.start_date <= self.date <= event.end_date:
            raise ValidationError(
                {
                    "date": _(
                        "This session is on %(date)s, outside the dates of its event "
                        "(%(start)s – %(end)s). Change the date of the session or the "
                        "dates of the event."
                    )
                    % {
                        "date": date_format(self.date, "j F Y"),
                        "start": date_format(event.start_date, "j F Y"),
                        "end": date_format(event.end_date, "j F Y"),
                    }
                }
            )

    @property
    def half_day(self):
        """Morning, afternoon, evening or full day, from the hours."""
        noon, evening = datetime.time(12, 30), datetime.time(17, 0)
        if self.end_time <= noon:
            return _("morning")
        if self.start_time >= evening:
            return _("evening")
        if self.start_time >= datetime.time(12, 0):
            return _("afternoon")
        return _("full day")

    @property
    def spans_two_half_days(self):
        """A full day is signed twice on the sheet: morning and afternoon."""
        return self.start_time < datetime.time(12, 0) and self.end_time > datetime.time(14, 0)

    def starts_at(self):
        return timezone.make_aware(datetime.datetime.combine(self.date, self.start_time))

    def ends_at(self):
        return timezone.make_aware(datetime.datetime.combine(self.date, self.end_time))


class EventSpeaker(models.Model):
    """A person speaking at an event, with their role (intervenant, co-animatrice…)."""

    event = models.ForeignKey(Event, related_name="speakers", on_delete=models.CASCADE)
    person = models.ForeignKey(
        Person, verbose_name=_("person"), related_name="events_spoken", on_delete=models.PROTECT
    )
    role = models.CharField(_("role"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="speaker_unique_per_event"),
        ]

    def __str__(self):
        return f"{self.person} ({self.role})" if self.role else str(self.person)


class EventDocument(models.Model):
    """A document of the library attached to an event (programme, compte rendu, slides…)."""

    event = models.ForeignKey(Event, related_name="event_documents", on_delete=models.CASCADE)
    document = models.ForeignKey(
        Document, verbose_name=_("document"), related_name="event_links", on_delete=models.CASCADE
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("document of the event")
        verbose_name_plural = _("documents of the event")
        constraints = [
            models.UniqueConstraint(fields=["event", "document"], name="event_document_unique"),
        ]

    def __str__(self):
        return str(self.document)

    @property
    def url(self):
        """The document's page in the library, when the library offers one."""
        try:
            return self.document.get_absolute_url()
        except NoReverseMatch:
            return ""
