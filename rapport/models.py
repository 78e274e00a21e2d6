"""The free sections staff write into the annual activity report before exporting it.

Every figure of the report is computed from the other apps' records
(``rapport.services.report``); only these texts are typed by hand.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from villecaraibe.fields import RichTextField
from villecaraibe.roles import PROGRAMME_SCOPE

YEAR_MIN = 2000
YEAR_MAX = 2100


class AnnualReport(models.Model):
    """The hand-written parts of one year's activity report (one per year)."""

    STAFF_SCOPE = PROGRAMME_SCOPE

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    presentation = RichTextField(
        _("presentation of the centre"),
        help_text=_("Leave empty to use the text of the “About the centre” page."),
    )
    highlights = RichTextField(_("the year in a few words"))
    assessment = RichTextField(_("assessment of the year"))
    outlook = RichTextField(_("outlook for next year"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    FREE_SECTIONS = ["presentation", "highlights", "assessment", "outlook"]

    class Meta:
        ordering = ["-year"]
        verbose_name = _("activity report")
        verbose_name_plural = _("activity reports")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__gte=YEAR_MIN, year__lte=YEAR_MAX),
                name="annualreport_year_range",
                violation_error_message=_("Choose a year between 2000 and 2100."),
            ),
        ]

    def __str__(self):
        return str(_("Activity report %(year)s") % {"year": self.year})

    def get_absolute_url(self):
        return reverse("admin:rapport_annualreport_report", kwargs={"year": self.year})
