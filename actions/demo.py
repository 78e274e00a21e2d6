"""Demo data of the actions app: the programmes (demo_programme.py); the agenda adds its
own loader here the same way."""

from actions.demo_programme import load_programmes


def load(stdout):
    load_programmes(stdout)
