from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionsConfig(AppConfig):
    name = "actions"
    verbose_name = _("Programme and agenda")

    def ready(self):
        # Personal data held by this app: export, erasure, register, purges.
        from actions import personal_data

        personal_data.setup()

        # Agenda: the "upcoming events" block of the home page.
        from actions.home import upcoming_events_block
        from villecaraibe.home import register_block

        register_block("agenda", "actions/agenda/home_block.html", upcoming_events_block, order=10)
