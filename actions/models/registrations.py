"""Registrations to events: confirmed seats, the waitlist, cancellations and walk-ins."""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from annuaire.models import Organisation
from villecaraibe.audit import audit_history
from villecaraibe.models import Territory

from .events import Event, Session


class RegistrationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waitlisted(self):
        return self.filter(status=Registration.Status.WAITLISTED).order_by("created_at", "pk")

    def active(self):
        return self.exclude(status=Registration.Status.CANCELLED)


class Registration(models.Model):
    """A person's registration to an event; a visitor needs no account."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed")
        WAITLISTED = "waitlisted", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), related_name="registrations", on_delete=models.CASCADE
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation (directory)"),
        related_name="event_registrations",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    function = models.CharField(_("function"), max_length=150, blank=True)
    commune = models.ForeignKey(
        Territory,
        verbose_name=_("commune of work"),
        related_name="event_registrations",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        limit_choices_to={"kind": Territory.Kind.COMMUNE},
    )
    sessions = models.ManyToManyField(
        Session, verbose_name=_("sessions attended"), blank=True, related_name="registrations"
    )
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True, max_length=1000)
    consent = models.BooleanField(_("consent to the processing of data"), default=False)
    consent_at = models.DateTimeField(_("consent given on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.CONFIRMED
    )
    walk_in = models.BooleanField(_("walk-in (registered on the spot)"), default=False)
    created_at = models.DateTimeField(_("registered on"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled on"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("moved off the waiting list on"), null=True, blank=True)
    reminder_queued_at = models.DateTimeField(_("reminder queued on"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent on"), null=True, blank=True)
    satisfaction_sent_at = models.DateTimeField(_("questionnaire sent on"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()
    history = audit_history()

    class Meta:
        ordering = ["last_name", "first_name", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        indexes = [
            models.Index(fields=["event", "status", "created_at"], name="registration_queue")
        ]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "event",
                condition=~Q(email="") & ~Q(status="cancelled"),
                name="registration_unique_email_per_event",
                violation_error_message=_("This e-mail address is already registered."),
            ),
        ]

    def __str__(self):
        return f"{self.full_name} — {self.event}"

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def organisation_label(self):
        if self.organisation_id:
            return str(self.organisation)
        return self.organisation_name

    @property
    def organisation_kind_label(self):
        if self.organisation_id:
            return self.organisation.get_kind_display()
        return ""
