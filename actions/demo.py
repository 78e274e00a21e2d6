"""Demo data of the actions app (``load_demo``)."""

from actions.demo_events import load_events


def load(stdout):
    load_events(stdout)
