"""The annual action programme: Programme → orientations → axes → numbered actions."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from annuaire.models import Organisation
from villecaraibe.fields import RichTextField
from villecaraibe.models import Territory, Theme
from villecaraibe.roles import PROGRAMME_SCOPE


class ProgrammeQuerySet(models.QuerySet):
    def validated(self):
        return self.filter(status=Programme.Status.VALIDATED)


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
    introduction = RichTextField(_("introduction"))

    objects = ProgrammeQuerySet.as_manager()

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

    class Mode(models.TextChoices):
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

    programme = models.ForeignKey(Programme, related_name="actions", on_delete=models.CASCADE)
    axis = models.ForeignKey(
        Axis, related_name="actions", on_delete=models.PROTECT, null=True, blank=True
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=400)
    description = RichTextField(_("description"))
    start_month = models.PositiveSmallIntegerField(_("from month"), null=True, blank=True)
    end_month = models.PositiveSmallIntegerField(_("to month"), null=True, blank=True)
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
    modes = models.JSONField(_("modes of work"), default=list, blank=True)
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
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return reverse(
            "actions:action", kwargs={"year": self.programme.year, "number": self.number}
        )
