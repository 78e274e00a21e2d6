from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatistiquesConfig(AppConfig):
    name = "statistiques"
    verbose_name = _("Visitor statistics")
