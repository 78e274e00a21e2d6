from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnuaireConfig(AppConfig):
    name = "annuaire"
    verbose_name = _("Directory")

    def ready(self):
        # The annuaire's own personal-data exporters and erasers register on import.
        from annuaire.services import personal_data  # noqa: F401
