"""The support log: one-to-one support (*accompagnement individualisé*) given by the staff."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from annuaire.models.directory import Organisation, Person
from villecaraibe.models import Theme


class SupportEntryQuerySet(models.QuerySet):
    def follow_ups_due(self, on=None):
        """Entries whose follow-up date has come (on or before ``on``, today by default)."""
        on = on or timezone.localdate()
        return self.filter(follow_up_date__lte=on, follow_up_done=False)

    def upcoming_follow_ups(self, on=None, days=14):
        on = on or timezone.localdate()
        return self.filter(
            follow_up_date__gt=on,
            follow_up_date__lte=on + timezone.timedelta(days=days),
            follow_up_done=False,
        )

    def of_year(self, year):
        return self.filter(date__year=year)


class SupportEntry(models.Model):
    """One act of *accompagnement individualisé*: advice, a referral, documents, project support."""

    class Kind(models.TextChoices):
        METHODOLOGY = "methodologie", _("Methodological advice")
        REFERRAL = "mise-en-relation", _("Referral to contacts")
        DOCUMENTATION = "documentation", _("Documentation")
        PROJECT = "projet", _("Project support")

    date = models.DateField(_("date"), default=timezone.localdate)
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        related_name="support_entries",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        related_name="support_entries",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    kind = models.CharField(_("kind of support"), max_length=20, choices=Kind.choices)
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("theme"),
        related_name="support_entries",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    notes = models.TextField(_("notes"), blank=True, max_length=10000)
    follow_up_date = models.DateField(_("follow-up date"), null=True, blank=True)
    follow_up_done = models.BooleanField(_("follow-up done"), default=False)
    staff_member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        related_name="support_entries",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        limit_choices_to={"is_staff": True},
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = SupportEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("support log entry")
        verbose_name_plural = _("support log")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | models.Q(organisation__isnull=False),
                name="support_entry_has_beneficiary",
                violation_error_message=_("Choose a person, an organisation or both."),
            ),
            models.CheckConstraint(
                condition=models.Q(follow_up_date__isnull=True)
                | models.Q(follow_up_date__gte=models.F("date")),
                name="support_entry_follow_up_after_date",
                violation_error_message=_("The follow-up date cannot be before the date."),
            ),
        ]
        indexes = [models.Index(fields=["follow_up_date", "follow_up_done"])]

    def __str__(self):
        who = self.person or self.organisation
        return f"{self.date:%d/%m/%Y} — {self.get_kind_display()} — {who}"
