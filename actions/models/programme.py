"""The annual action programme: Programme → orientations → axes → numbered actions."""

import calendar
from datetime import date

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from annuaire.models import Organisation
from villecaraibe.fields import RichTextField
from villecaraibe.models import Territory, Theme
from villecaraibe.roles import PROGRAMME_SCOPE


class ProgrammeScopedHistory(models.Model):
    """Base of the historical tables: the history is programme work too (read-only for
    the secretariat, see villecaraibe.roles)."""

    STAFF_SCOPE = PROGRAMME_SCOPE

    class Meta:
        abstract = True


def programme_history(**kwargs):
    """History of changes (django-simple-history), kept for the programme's models."""
    return HistoricalRecords(bases=[ProgrammeScopedHistory], **kwargs)


class ProgrammeQuerySet(models.QuerySet):
    def validated(self):
        return self.filter(status=Programme.Status.VALIDATED)

    def visible_to(self, user):
        """Validated programmes for everyone; drafts too for staff, who prepare them."""
        if user.is_authenticated and user.is_staff:
            return self
        return self.validated()

    def current(self, year):
        """The programme of ``year`` if there is one, else the latest before it, else the
        latest of all (the queryset decides which programmes are candidates)."""
        return (
            self.filter(year=year).first()
            or self.filter(year__lt=year).order_by("-year").first()
            or self.order_by("-year").first()
        )


class ModeOfWork(models.TextChoices):
    WORKING_GROUP = "working_group", _("working group")
    QUALIFICATION_DAY = "qualification_day", _("qualification day")
    CYCLE = "cycle", _("qualification cycle")
    FORUM = "forum", _("forum")
    SEMINAR = "seminar", _("seminar")
    WORKSHOP = "workshop", _("workshop")
    CAFE_DEBATE = "cafe_debate", _("café-debate")
    INDIVIDUAL_SUPPORT = "individual_support", _("individual support")
    PUBLICATION = "publication", _("publication")
    NETWORK_MEETING = "network_meeting", _("network meeting")


class ModesOfWorkField(models.JSONField):
    """A list of ``ModeOfWork`` values, edited as check boxes.

    A JSON list rather than a table: the vocabulary is fixed by the centre's methods and
    travels with the action when a programme is copied; the admin filters on it with
    ``modes__icontains='"forum"'``, which works on SQLite and PostgreSQL alike.
    """

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=ModeOfWork.choices,
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
        )


MONTHS = [
    (1, _("january")),
    (2, _("february")),
    (3, _("march")),
    (4, _("april")),
    (5, _("may")),
    (6, _("june")),
    (7, _("july")),
    (8, _("august")),
    (9, _("september")),
    (10, _("october")),
    (11, _("november")),
    (12, _("december")),
]


class Programme(models.Model):
    """The year's planned programme (programme prévisionnel d'actions), validated by the board."""

    STAFF_SCOPE = PROGRAMME_SCOPE

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        VALIDATED = "validated", _("validated")

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    validated_on = models.DateField(_("validated by the board on"), null=True, blank=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("validation recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    validation_recorded_at = models.DateTimeField(
        _("validation recorded at"), null=True, blank=True, editable=False
    )
    introduction = RichTextField(_("introduction"))
    total_budget = models.DecimalField(
        _("declared total budget (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "When given, the funders' shares and the expense categories must each add "
            "up to this total (100 %)."
        ),
    )

    objects = ProgrammeQuerySet.as_manager()
    history = programme_history()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        permissions = [
            ("validate_programme", _("Can record the board's validation of a programme"))
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__gte=2000, year__lte=2100), name="programme_year_range"
            ),
        ]

    def __str__(self):
        return self.title or str(self.year)

    def get_absolute_url(self):
        return reverse("actions:programme_year", kwargs={"year": self.year})

    @property
    def is_validated(self):
        return self.status == self.Status.VALIDATED


class Orientation(models.Model):
    """A strategic orientation of a programme, in order."""

    STAFF_SCOPE = PROGRAMME_SCOPE

    programme = models.ForeignKey(Programme, related_name="orientations", on_delete=models.CASCADE)
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["programme", "number"]
        verbose_name = _("strategic orientation")
        verbose_name_plural = _("strategic orientations")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "number"], name="orientation_unique_number"
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class Axis(models.Model):
    """An axis of a programme, grouping numbered actions."""

    STAFF_SCOPE = PROGRAMME_SCOPE

    programme = models.ForeignKey(Programme, related_name="axes", on_delete=models.CASCADE)
    orientation = models.ForeignKey(
        Orientation, related_name="axes", on_delete=models.SET_NULL, null=True, blank=True
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=400)

    class Meta:
        ordering = ["programme", "number"]
        verbose_name = _("axis")
        verbose_name_plural = _("axes")
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="axis_unique_number"),
        ]

    def __str__(self):
        return f"{_('Axis')} {self.number} — {self.title}"


class Action(models.Model):
    """A numbered action of the programme, with its period, partners and status."""

    STAFF_SCOPE = PROGRAMME_SCOPE

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        POSTPONED = "postponed", _("postponed")
        CANCELLED = "cancelled", _("cancelled")

    Mode = ModeOfWork

    programme = models.ForeignKey(Programme, related_name="actions", on_delete=models.CASCADE)
    axis = models.ForeignKey(
        Axis, related_name="actions", on_delete=models.PROTECT, null=True, blank=True
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=400)
    description = RichTextField(_("description"))
    start_month = models.PositiveSmallIntegerField(
        _("from month"), null=True, blank=True, choices=MONTHS
    )
    end_month = models.PositiveSmallIntegerField(
        _("to month"), null=True, blank=True, choices=MONTHS
    )
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("to"), null=True, blank=True)
    territories = models.ManyToManyField(
        Territory, verbose_name=_("territories"), blank=True, related_name="actions"
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="actions"
    )
    partners = models.ManyToManyField(
        Organisation, verbose_name=_("partners"), blank=True, related_name="programme_actions"
    )
    lead = models.CharField(_("lead"), max_length=200, blank=True)
    modes = ModesOfWorkField(_("modes of work"), default=list, blank=True)
    deliverables = models.TextField(_("planned deliverables"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    planned_budget = models.DecimalField(
        _("planned budget (€)"), max_digits=10, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["programme", "number"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "number"],
                name="action_unique_number",
                violation_error_message=_("This programme already has an action with this number."),
            ),
            models.CheckConstraint(
                condition=models.Q(start_month__isnull=True)
                | models.Q(start_month__gte=1, start_month__lte=12),
                name="action_start_month_range",
            ),
            models.CheckConstraint(
                condition=models.Q(end_month__isnull=True)
                | models.Q(end_month__gte=1, end_month__lte=12),
                name="action_end_month_range",
            ),
            models.CheckConstraint(
                condition=models.Q(end_month__isnull=True)
                | models.Q(start_month__isnull=True)
                | models.Q(end_month__gte=models.F("start_month")),
                name="action_months_in_order",
                violation_error_message=_("The period cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="action_dates_in_order",
                violation_error_message=_("The period cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=models.Q(start_month__isnull=True, end_month__isnull=True)
                | models.Q(start_date__isnull=True, end_date__isnull=True),
                name="action_one_kind_of_period",
                violation_error_message=_(
                    "Give the period either in months or as exact dates, not both."
                ),
            ),
        ]

    history = programme_history(excluded_fields=["description"])

    def __str__(self):
        return f"{self.number}. {self.title}"

    def clean(self):
        super().clean()
        errors = {}
        uses_months = self.start_month is not None or self.end_month is not None
        uses_dates = self.start_date is not None or self.end_date is not None
        if uses_months and uses_dates:
            errors["start_date"] = _(
                "Give the period either in months or as exact dates, not both."
            )
        if self.end_month is not None and self.start_month is None:
            errors["start_month"] = _("Give the month the period starts.")
        if self.end_date is not None and self.start_date is None:
            errors["start_date"] = _("Give the date the period starts.")
        if (
            self.start_month is not None
            and self.end_month is not None
            and self.end_month < self.start_month
        ):
            errors["end_month"] = _("The period cannot end before it starts.")
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The period cannot end before it starts.")
        programme = self._programme_or_none()
        if programme is not None:
            year = programme.year
            for field in ("start_date", "end_date"):
                value = getattr(self, field)
                if value and value.year != year and field not in errors:
                    errors[field] = ValidationError(
                        _(
                            "An action of the %(year)s programme must take place in "
                            "%(year)s; %(date)s is outside that year."
                        ),
                        params={"year": year, "date": formats.date_format(value)},
                    )
            if self.axis_id is not None and self.axis.programme_id != programme.pk:
                errors["axis"] = _("This axis belongs to another programme.")
        unknown = sorted(set(self.modes or []) - set(ModeOfWork.values))
        if unknown:
            errors["modes"] = _("Unknown mode of work: %(modes)s.") % {
                "modes": ", ".join(map(str, unknown))
            }
        if errors:
            raise ValidationError(errors)

    def _programme_or_none(self):
        # In an inline of a programme being created, the programme has no pk yet.
        try:
            return self.programme
        except Programme.DoesNotExist:
            return None

    @property
    def month_span(self):
        """(first month, last month) of the period within the year, or None if unknown."""
        if self.start_month:
            return self.start_month, self.end_month or self.start_month
        if self.start_date:
            return self.start_date.month, (self.end_date or self.start_date).month
        return None

    @property
    def period_label(self):
        """The period as people write it: "janvier – juin", "du 2 avril au 4 avril"."""
        if self.start_month:
            first = month_name(self.start_month)
            if not self.end_month or self.end_month == self.start_month:
                return first.capitalize()
            if self.start_month == 1 and self.end_month == 12:
                return gettext("All year")
            return f"{first.capitalize()} – {month_name(self.end_month)}"
        if self.start_date:
            if not self.end_date or self.end_date == self.start_date:
                return formats.date_format(self.start_date)
            return gettext("from %(start)s to %(end)s") % {
                "start": formats.date_format(self.start_date),
                "end": formats.date_format(self.end_date),
            }
        return gettext("Period to be set")

    def get_modes_display(self):
        labels = dict(ModeOfWork.choices)
        return [labels[mode] for mode in self.modes or [] if mode in labels]

    def starts_on(self):
        """First day of the period (for sorting and for the timeline), or None."""
        if self.start_date:
            return self.start_date
        if self.start_month and self.programme_id:
            return date(self.programme.year, self.start_month, 1)
        return None

    def get_absolute_url(self):
        return reverse(
            "actions:action", kwargs={"year": self.programme.year, "number": self.number}
        )


def month_name(number):
    return str(MONTHS[number - 1][1])


def last_day(year, month):
    return date(year, month, calendar.monthrange(year, month)[1])
