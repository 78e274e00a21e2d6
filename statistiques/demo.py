"""Demo data: the website's monthly history of 2008, as the 2008 activity report gives it.

Source: the "Monthly history" table (AWStats, "statistiques au 8 décembre") of the
2008 report, section 6 "Le site Internet". The site went online in April 2008, so
January to April are zeros. Unique visitors, visits and pages are loaded as they
are; the "Hits" column (every request, images included) goes to ``hits``; the
downloads were not counted then and stay unknown (None), not 0. Bandwidth is not kept.
Idempotent: running it again updates the same twelve rows.
"""

from datetime import date

from statistiques.models import MonthlyTotal

# month: (unique visitors, visits, pages, hits)
MONTHLY_HISTORY_2008 = {
    1: (0, 0, 0, 0),
    2: (0, 0, 0, 0),
    3: (0, 0, 0, 0),
    4: (0, 0, 0, 0),
    5: (39, 53, 99, 155),
    6: (92, 122, 191, 380),
    7: (183, 237, 866, 4004),
    8: (98, 115, 334, 1041),
    9: (204, 255, 797, 2966),
    10: (303, 377, 1082, 4232),
    11: (514, 609, 1400, 5110),
    12: (157, 178, 376, 1359),
}
# The report's total line, checked by the tests against the sum of the months.
TOTAL_2008 = (1590, 1946, 5145, 19247)


def load(stdout):
    for month, (unique_visitors, visits, pages, hits) in MONTHLY_HISTORY_2008.items():
        MonthlyTotal.objects.update_or_create(
            month=date(2008, month, 1),
            defaults={
                "unique_visitors": unique_visitors,
                "visits": visits,
                "pages": pages,
                "hits": hits,
                "downloads": None,
                "source": MonthlyTotal.Source.IMPORTED,
            },
        )
    stdout.write("    statistiques: monthly visitor history of 2008 (12 months)")
