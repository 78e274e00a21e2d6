from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class VillecaraibeConfig(AppConfig):
    name = "villecaraibe"
    verbose_name = _("Site and shared vocabulary")

    def ready(self):
        from villecaraibe.roles import sync_group_permissions

        # After every migrate (and after the test database is built), every
        # app's permissions exist: give the staff groups theirs.
        post_migrate.connect(sync_group_permissions, dispatch_uid="villecaraibe_roles")

        from villecaraibe.pagecache import connect_invalidation

        connect_invalidation()

        # Rich text is sanitised whatever saves it (fields.py).
        from django.db.models.signals import pre_save

        from villecaraibe.fields import sanitize_rich_text_on_save

        pre_save.connect(sanitize_rich_text_on_save, dispatch_uid="villecaraibe_rich_text")

        # Two-factor authentication: forget the cached "has a device" on any change.
        from villecaraibe.twofactor import connect_signals

        connect_signals()
