from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionsConfig(AppConfig):
    name = "actions"
    verbose_name = _("Programme and agenda")

    def ready(self):
        # Agenda: the "upcoming events" block of the home page.
        from actions.home import upcoming_events_block
        from villecaraibe.home import register_block

        register_block("agenda", "actions/agenda/home_block.html", upcoming_events_block, order=10)
