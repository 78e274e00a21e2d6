"""Models of the actions app: the programme (programme.py); the agenda lands in events.py."""

from actions.models.programme import Action, Axis, Orientation, Programme

__all__ = ["Action", "Axis", "Orientation", "Programme"]
