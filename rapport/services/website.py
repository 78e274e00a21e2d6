"""The website's visitor figures, read from the ``statistiques`` app when it is installed.

``statistiques`` is a base app built beside this one; until it lands, the dashboard and
the report say the figures are not available instead of failing.
"""

from django.apps import apps


def is_available():
    return apps.is_installed("statistiques")


def monthly_history(year):
    """Twelve month rows (month, unique_visitors, visits, pages, downloads) and the total
    row, or ``None`` when visitor statistics are not installed."""
    if not is_available():
        return None
    from statistiques.services import monthly_history as history

    rows = list(history(year))
    months = [row for row in rows if getattr(row, "month", None) is not None]
    return months, _total(rows, months)


def _total(rows, months):
    extra = [row for row in rows if getattr(row, "month", None) is None]
    if extra:
        return extra[0]
    return {
        name: sum(getattr(row, name) for row in months)
        for name in ("unique_visitors", "visits", "pages", "downloads")
    }
