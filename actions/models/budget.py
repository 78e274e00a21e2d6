"""The budget of a programme: income by funder, expenses by category.

Amounts are stored; shares in percent are computed (``actions.services.programme.
budget_summary``) against the programme's declared total, which both sides must
reach exactly when it is given.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from actions.models.programme import Programme, programme_history
from annuaire.models import Organisation
from villecaraibe.roles import PROGRAMME_SCOPE


class BudgetLine(models.Model):
    STAFF_SCOPE = PROGRAMME_SCOPE

    class Kind(models.TextChoices):
        INCOME = "income", _("income (funder)")
        EXPENSE = "expense", _("expense")

    class Category(models.TextChoices):
        STAFF = "staff", _("staff")
        EXTERNAL_SERVICES = "external", _("external services")
        OPERATIONS = "operations", _("operations")
        ACTIONS = "actions", _("actions")
        OTHER = "other", _("other")

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        related_name="budget_lines",
        on_delete=models.CASCADE,
    )
    kind = models.CharField(_("kind"), max_length=7, choices=Kind.choices)
    funder = models.ForeignKey(
        Organisation,
        verbose_name=_("funder"),
        related_name="budget_lines",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    category = models.CharField(_("category"), max_length=10, choices=Category.choices, blank=True)
    label = models.CharField(
        _("label"),
        max_length=200,
        blank=True,
        help_text=_("Shown instead of the funder's or category's name when given."),
    )
    amount = models.DecimalField(_("amount (€)"), max_digits=12, decimal_places=2)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = programme_history()

    class Meta:
        ordering = ["programme", "kind", "position", "pk"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0),
                name="budgetline_amount_positive",
                violation_error_message=_("An amount cannot be negative."),
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="income")
                | models.Q(funder__isnull=False)
                | ~models.Q(label=""),
                name="budgetline_income_has_funder",
                violation_error_message=_("Name the funder of this income."),
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="expense") | ~models.Q(category=""),
                name="budgetline_expense_has_category",
                violation_error_message=_("Choose the category of this expense."),
            ),
        ]

    def __str__(self):
        return f"{self.name} — {self.amount} €"

    @property
    def name(self):
        if self.label:
            return self.label
        if self.kind == self.Kind.INCOME and self.funder_id:
            return str(self.funder)
        return self.get_category_display()
