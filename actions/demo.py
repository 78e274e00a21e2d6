"""Demo data of the actions app: the programmes (demo_programme.py), then the events
(demo_events.py), which link to the programme's actions."""

from actions.demo_events import load_events
from actions.demo_programme import load_programmes


def load(stdout):
    load_programmes(stdout)
    load_events(stdout)
