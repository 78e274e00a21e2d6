"""Models of the actions app: the programme (programme.py, evaluation.py, budget.py);
the agenda lands in events.py."""

from actions.models.budget import BudgetLine
from actions.models.evaluation import Evaluation
from actions.models.programme import Action, Axis, Orientation, Programme

__all__ = ["Action", "Axis", "BudgetLine", "Evaluation", "Orientation", "Programme"]
