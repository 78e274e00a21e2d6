from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentationConfig(AppConfig):
    name = "documentation"
    verbose_name = _("Documentation")

    def ready(self):
        # Personal data held by this app: export, erasure, register, purges.
        from documentation import personal_data

        personal_data.setup()

        from documentation import signals  # noqa: F401
        from documentation.home import latest_documents_context
        from villecaraibe.home import register_block

        register_block(
            "documents", "documentation/home_block.html", latest_documents_context, order=30
        )
