from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RapportConfig(AppConfig):
    name = "rapport"
    verbose_name = _("Dashboard and activity report")

    def ready(self):
        # The admin index gets links to the dashboard and the report; the template
        # extends the stock one, so the model list stays as it is.
        from django.contrib import admin

        admin.site.index_template = "rapport/admin/index.html"
