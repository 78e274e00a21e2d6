"""Demo data of the actions app: the programmes (demo_programme.py), then the events
(demo_events.py), then the links between the 2008 events and the 2008 actions they
carried out — so that the evaluation figures of 2008 come from the events."""

from actions.demo_events import load_events
from actions.demo_programme import load_programmes
from actions.models import Action, Event

# 2008 event (slug) → number of the 2008 action it carried out.
EVENTS_OF_2008_ACTIONS = {
    "journee-information-clas-2008": 1,
    "commerce-renouvellement-urbain-2008": 2,
    "rencontre-territoires-outils-acteurs-2008": 3,
    "cycle-prevention-delinquance-2008": 4,
    "cycle-evaluation-2008": 5,
    "prevention-recidive-2008": 6,
}


def link_2008_events():
    actions = {a.number: a for a in Action.objects.filter(programme__year=2008)}
    for slug, number in EVENTS_OF_2008_ACTIONS.items():
        if number in actions:
            Event.objects.filter(slug=slug, action__isnull=True).update(action=actions[number])


def load(stdout):
    load_programmes(stdout)
    load_events(stdout)
    link_2008_events()
