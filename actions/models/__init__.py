"""Models of the actions app: the programme (programme.py); the agenda (events.py,
registrations.py, attendance.py)."""

from actions.models.attendance import (
    Attendance,
    PaperSatisfactionCount,
    Rating,
    SatisfactionResponse,
)

# Agenda
from actions.models.events import Event, EventDocument, EventSpeaker, Session, Venue  # noqa: I001
from actions.models.programme import Action, Axis, Orientation, Programme
from actions.models.registrations import Registration

__all__ = ["Action", "Axis", "Orientation", "Programme"]
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
