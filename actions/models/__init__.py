"""Models of the actions app: the programme (programme.py, evaluation.py, budget.py);
the agenda (events.py, registrations.py, attendance.py)."""

from actions.models.attendance import (
    Attendance,
    PaperSatisfactionCount,
    Rating,
    SatisfactionResponse,
)
from actions.models.budget import BudgetLine
from actions.models.evaluation import Evaluation

# Agenda
from actions.models.events import Event, EventDocument, EventSpeaker, Session, Venue  # noqa: I001
from actions.models.programme import Action, Axis, Orientation, Programme
from actions.models.registrations import Registration

__all__ = ["Action", "Axis", "BudgetLine", "Evaluation", "Orientation", "Programme"]
__all__ += [
    "Attendance",
    "Event",
    "EventDocument",
    "EventSpeaker",
    "PaperSatisfactionCount",
    "Rating",
    "Registration",
    "SatisfactionResponse",
    "Session",
    "Venue",
]
