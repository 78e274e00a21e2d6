"""The three staff groups and what each may do.

The groups are created by a data migration; their permissions are synced after
every ``migrate`` (a ``post_migrate`` handler), so that models added later by
any app are covered without another migration.

- "Direction": every permission on every model of the portal.
- "Documentation et secrétariat": documents, directory, newsletter, events,
  registrations and attendance; not the programme, its evaluations or budgets.
  A model opts out by setting ``STAFF_SCOPE = "programme"`` on its class.
- "Bureau": view only, everywhere.

A model whose ``default_permissions`` leave out add/change/delete (the visitor
statistics: ``("view",)``) is read-only for every group.
"""

from django.apps import apps

DIRECTION = "Direction"
SECRETARIAT = "Documentation et secrétariat"
BUREAU = "Bureau"
GROUPS = [DIRECTION, SECRETARIAT, BUREAU]

PROGRAMME_SCOPE = "programme"

# Models of these apps are what the staff groups work on.
STAFF_APPS = [
    "villecaraibe",
    "statistiques",
    "annuaire",
    "documentation",
    "actions",
    "newsletter",
    "rapport",
]


def staff_models():
    for app_label in STAFF_APPS:
        try:
            config = apps.get_app_config(app_label)
        except LookupError:
            continue
        yield from config.get_models()


def codenames_for(group_name):
    """Return the set of (app_label, codename) a group should hold."""
    wanted = set()
    for model in staff_models():
        opts = model._meta
        actions = ["view"] if group_name == BUREAU else ["view", "add", "change", "delete"]
        if group_name == SECRETARIAT and getattr(model, "STAFF_SCOPE", None) == PROGRAMME_SCOPE:
            actions = ["view"]
        for action in actions:
            if action in opts.default_permissions:
                wanted.add((opts.app_label, f"{action}_{opts.model_name}"))
        # Custom permissions (send an issue, validate a programme, …): all for
        # Direction; for the secretariat, those the model lists in SECRETARIAT_PERMISSIONS.
        in_programme = getattr(model, "STAFF_SCOPE", None) == PROGRAMME_SCOPE
        allowed = getattr(model, "SECRETARIAT_PERMISSIONS", ())
        for codename, _name in opts.permissions:
            if group_name == DIRECTION or (
                group_name == SECRETARIAT and not in_programme and codename in allowed
            ):
                wanted.add((opts.app_label, codename))
    return wanted


def sync_group_permissions(**kwargs):
    """Give each staff group exactly the permissions it should have (idempotent)."""
    from django.contrib.auth.models import Group, Permission

    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        wanted = codenames_for(name)
        perms = [
            p
            for p in Permission.objects.filter(
                content_type__app_label__in=STAFF_APPS
            ).select_related("content_type")
            if (p.content_type.app_label, p.codename) in wanted
        ]
        group.permissions.set(perms)
