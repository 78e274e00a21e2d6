"""Background work of the statistics (django.tasks)."""

from django.tasks import task


@task
def fold_statistics():
    """Fold yesterday's (and any earlier) raw hits; enqueued by the first hit of a day."""
    from statistiques.services import fold

    result = fold()
    return {"days": result.days, "hits": result.hits, "purged": result.purged}
