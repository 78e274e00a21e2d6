"""Visitor statistics: raw hits of the day, the daily salt, and the folded counts.

Nothing personal is stored (see the package docstring): ``Hit.visitor`` is a
hash salted with a secret that is deleted the next day; no IP address, user
agent or cookie is kept. Every model is view-only for staff (``default_permissions``):
the figures are written by the middleware and ``fold_statistics``, not by hand.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    PAGE = "page", _("page view")
    DOWNLOAD = "download", _("download")


class DailySalt(models.Model):
    """The random salt of one day; only the current day's row exists."""

    day = models.DateField(_("day"), unique=True)
    salt = models.CharField(_("salt"), max_length=64)

    class Meta:
        verbose_name = _("daily salt")
        verbose_name_plural = _("daily salts")
        default_permissions = ()

    def __str__(self):
        return str(self.day)


class Hit(models.Model):
    """One recorded page view or download, waiting to be folded (one INSERT per hit)."""

    day = models.DateField(_("day"), db_index=True)
    time = models.DateTimeField(_("time"))
    path = models.CharField(_("path"), max_length=500)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PAGE)
    visitor = models.CharField(_("visitor hash"), max_length=64)
    referrer_host = models.CharField(_("referrer host"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("raw hit")
        verbose_name_plural = _("raw hits")
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.day} {self.path}"


class DailyTotal(models.Model):
    """The counts of one day (unique visitors and visits are estimates, see services)."""

    day = models.DateField(_("day"), unique=True)
    unique_visitors = models.PositiveIntegerField(_("unique visitors"), default=0)
    visits = models.PositiveIntegerField(_("visits"), default=0)
    pages = models.PositiveIntegerField(_("pages"), default=0)
    downloads = models.PositiveIntegerField(_("downloads"), default=0)

    class Meta:
        verbose_name = _("daily total")
        verbose_name_plural = _("daily totals")
        ordering = ["-day"]
        default_permissions = ("view",)

    def __str__(self):
        return str(self.day)


class DailyPath(models.Model):
    """Views (or downloads) of one path on one day."""

    day = models.DateField(_("day"))
    path = models.CharField(_("path"), max_length=500)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PAGE)
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("views of a path")
        verbose_name_plural = _("views by path")
        default_permissions = ("view",)
        constraints = [
            models.UniqueConstraint(fields=["day", "path", "kind"], name="stats_dailypath_unique")
        ]
        indexes = [models.Index(fields=["day", "kind"], name="stats_dailypath_day_kind")]

    def __str__(self):
        return f"{self.day} {self.path}"


class DailyReferrer(models.Model):
    """Arrivals from one external site (host only) on one day."""

    day = models.DateField(_("day"))
    host = models.CharField(_("referrer host"), max_length=255)
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("referrer of a day")
        verbose_name_plural = _("referrers by day")
        default_permissions = ("view",)
        constraints = [
            models.UniqueConstraint(fields=["day", "host"], name="stats_dailyreferrer_unique")
        ]

    def __str__(self):
        return f"{self.day} {self.host}"


class MonthlyTotal(models.Model):
    """The counts of one month: what the monthly history and the annual report show.

    Folded months are recomputed from their ``DailyTotal`` rows (unique visitors =
    sum of the daily unique visitors, since the hashes change every day).
    Imported months (``source = imported``, e.g. the 2008 AWStats table) are set
    directly and never overwritten by folding. Monthly rows hold four counts and no
    path or hash; they are kept beyond the 25 months of the daily detail so that
    annual reports of past years stay possible.
    """

    class Source(models.TextChoices):
        FOLDED = "folded", _("folded from the daily counts")
        IMPORTED = "imported", _("imported (earlier statistics tool)")

    month = models.DateField(_("month"), unique=True, help_text=_("The first day of the month."))
    unique_visitors = models.PositiveIntegerField(_("unique visitors"), default=0)
    visits = models.PositiveIntegerField(_("visits"), default=0)
    pages = models.PositiveIntegerField(_("pages"), default=0)
    downloads = models.PositiveIntegerField(_("downloads"), null=True, blank=True)
    hits = models.PositiveIntegerField(
        _("hits"),
        null=True,
        blank=True,
        help_text=_("Every request, images included, as the earlier tool counted them."),
    )
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.FOLDED
    )

    class Meta:
        verbose_name = _("monthly statistics")
        verbose_name_plural = _("monthly statistics")
        ordering = ["-month"]
        default_permissions = ("view",)

    def __str__(self):
        return self.month.strftime("%Y-%m")
