"""The evaluation grid: one per action, or per objective of a programme.

Each grid holds the judgement staff write (enjeux, objectifs, effectivité, …); the
figures it is read beside (events held, participants, satisfaction, downloads) are
never typed here: ``actions.services.programme.action_figures`` computes them from
the records linked to the action.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from actions.models.programme import Action, Programme, programme_history
from villecaraibe.roles import PROGRAMME_SCOPE


class Evaluation(models.Model):
    STAFF_SCOPE = PROGRAMME_SCOPE

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        related_name="evaluations",
        on_delete=models.CASCADE,
    )
    action = models.OneToOneField(
        Action,
        verbose_name=_("action"),
        related_name="evaluation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    objective = models.CharField(
        _("objective evaluated"),
        max_length=300,
        blank=True,
        help_text=_("The programme objective, when the grid evaluates more than one action."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    stakes = models.TextField(_("stakes"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    effectiveness = models.TextField(_("effectiveness"), blank=True)
    indicators = models.TextField(_("performance indicators and impacts"), blank=True)
    limits = models.TextField(_("limits and weak points"), blank=True)
    strengths = models.TextField(_("positive aspects"), blank=True)
    opportunities = models.TextField(_("opportunities"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = programme_history()

    GRID = [
        "stakes",
        "objectives",
        "effectiveness",
        "indicators",
        "limits",
        "strengths",
        "opportunities",
    ]

    class Meta:
        ordering = ["programme", "position", "pk"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__isnull=False) | ~models.Q(objective=""),
                name="evaluation_action_or_objective",
                violation_error_message=_("Choose the action evaluated or name the objective."),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def title(self):
        if self.objective:
            return self.objective
        return str(self.action) if self.action_id else ""

    def clean(self):
        super().clean()
        if not self.action_id and not self.objective.strip():
            raise ValidationError(
                {"objective": _("Choose the action evaluated or name the objective.")}
            )
        if self.action_id and self.programme_id and self.action.programme_id != self.programme_id:
            raise ValidationError({"action": _("This action belongs to another programme.")})

    def grid(self):
        """The filled-in headings, in the order of the grid, as (label, text)."""
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in self.GRID
            if getattr(self, name).strip()
        ]
