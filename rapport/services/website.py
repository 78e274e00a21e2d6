"""The website's visitor figures, read from the ``statistiques`` app when it is installed.

``statistiques`` is a base app built beside this one; until it lands, the dashboard and
the report say the figures are not available instead of failing.
"""

from django.apps import apps


def is_available():
    return apps.is_installed("statistiques")


def monthly_history(year):
    """(twelve ``MonthRow``, their total ``MonthRow``), or ``None`` when the visitor
    statistics are not installed. ``downloads`` and ``hits`` may be ``None`` (unknown,
    e.g. in the 2008 history imported from the old site's AWStats)."""
    if not is_available():
        return None
    from statistiques.services import monthly_history as history

    months = history(year)
    return list(months), months.total


def admin_url(year):
    """The statistics page of ``year`` in the admin."""
    from django.urls import reverse

    return f"{reverse('admin:statistiques_monthlytotal_changelist')}?year={year}"


def tops(year, limit=10):
    """(most viewed pages, most frequent referring sites) of ``year``; empty lists when
    the statistics are not installed or hold no detail for that year."""
    if not is_available():
        return [], []
    from datetime import date

    from statistiques.services import top_pages, top_referrers

    start, end = date(year, 1, 1), date(year, 12, 31)
    return top_pages(start, end, limit=limit), top_referrers(start, end, limit=limit)
