"""Who was there, and what they thought of it: presence per session, satisfaction."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from villecaraibe.audit import audit_history

from .events import Event, Session
from .registrations import Registration


class Attendance(models.Model):
    """A registrant's presence at one session (a signed line of the attendance sheet)."""

    registration = models.ForeignKey(
        Registration, related_name="attendances", on_delete=models.CASCADE
    )
    session = models.ForeignKey(Session, related_name="attendances", on_delete=models.CASCADE)
    marked_at = models.DateTimeField(_("marked on"), auto_now_add=True)

    history = audit_history()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "session"], name="attendance_unique_per_session"
            ),
        ]

    def __str__(self):
        return f"{self.registration.full_name} — {self.session}"


class Rating(models.IntegerChoices):
    VERY_SATISFIED = 4, _("very satisfied")
    FAIRLY_SATISFIED = 3, _("fairly satisfied")
    NOT_VERY_SATISFIED = 2, _("not very satisfied")
    NOT_SATISFIED = 1, _("not satisfied at all")


class SatisfactionResponse(models.Model):
    """A questionnaire answered online through the signed link sent after the event."""

    event = models.ForeignKey(
        Event, related_name="satisfaction_responses", on_delete=models.CASCADE
    )
    registration = models.OneToOneField(
        Registration,
        related_name="satisfaction",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    rating = models.PositiveSmallIntegerField(_("overall satisfaction"), choices=Rating.choices)
    comments = models.TextField(_("comments"), blank=True, max_length=3000)
    created_at = models.DateTimeField(_("answered on"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("satisfaction questionnaire")
        verbose_name_plural = _("satisfaction questionnaires")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=4), name="satisfaction_rating_range"
            ),
        ]

    def __str__(self):
        return f"{self.event} — {self.get_rating_display()}"


class PaperSatisfactionCount(models.Model):
    """Paper questionnaires typed in as counts: how many answered each level."""

    event = models.ForeignKey(Event, related_name="paper_satisfaction", on_delete=models.CASCADE)
    rating = models.PositiveSmallIntegerField(_("level"), choices=Rating.choices)
    count = models.PositiveIntegerField(_("questionnaires"))

    class Meta:
        ordering = ["-rating"]
        verbose_name = _("paper questionnaires")
        verbose_name_plural = _("paper questionnaires")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "rating"],
                name="paper_satisfaction_unique_level",
                violation_error_message=_("This level is already counted for this event."),
            ),
            models.CheckConstraint(
                condition=models.Q(count__gte=0), name="paper_satisfaction_count_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.get_rating_display()}: {self.count}"
