"""Background work of the directory (Django's tasks framework)."""

from django.tasks import task

from annuaire.services.personal_data import run_purges


@task()
def purge_personal_data_task():
    """Every scheduled personal-data purge of every app (see ``purge_personal_data``)."""
    return run_purges()
