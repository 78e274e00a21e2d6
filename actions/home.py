"""What the actions app shows on the home page."""

from actions.models import Event


def upcoming_events_block(request):
    """The next five public events (one query)."""
    events = list(Event.objects.public().upcoming()[:5])
    return {"events": events}
