"""Charts drawn on the server as SVG: bars for a list of labelled values, columns for months.

The geometry is computed here; ``rapport/_chart.html`` draws it with SVG presentation
attributes (no inline style: the CSP forbids it) and adds the data table every chart
carries for people who cannot see it. The same markup goes into the PDF.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

# Colours with at least 4.5:1 contrast on white (the bars carry their value as text too).
BAR_FILL = "#0b5563"
ALT_FILL = "#9c3d10"


@dataclass
class Bar:
    label: str
    value: int
    href: str = ""
    x: int = 0
    y: int = 0
    width: int = 0
    height: int = 0
    text_x: int = 0
    text_y: int = 0
    label_x: int = 0
    label_y: int = 0

    @property
    def short_label(self):
        return self.label if len(self.label) <= 38 else self.label[:36].rstrip() + "…"


@dataclass
class Chart:
    """One chart: a title, a description for screen readers, bars and their geometry."""

    id: str
    title: str
    value_label: str
    label_heading: str
    kind: str = "bars"  # "bars" (horizontal, labels on the left) or "columns" (months)
    bars: list = field(default_factory=list)
    width: int = 720
    height: int = 0
    href: str = ""  # the changelist behind the whole chart
    fill: str = BAR_FILL
    axis_y: int = 0

    @property
    def total(self):
        return sum(bar.value for bar in self.bars)

    @property
    def is_empty(self):
        return not any(bar.value for bar in self.bars)

    @property
    def description(self):
        """What a sighted reader takes from the picture, in one sentence."""
        if self.is_empty:
            return _("No data to show.")
        top = max(self.bars, key=lambda bar: bar.value)
        return _("%(count)d values, total %(total)d; highest: %(label)s (%(value)d).") % {
            "count": len(self.bars),
            "total": self.total,
            "label": top.label,
            "value": top.value,
        }


LABEL_WIDTH = 290
ROW = 24
BAR_HEIGHT = 16
VALUE_ROOM = 60


def bar_chart(chart_id, title, rows, *, value_label, label_heading, href="", fill=BAR_FILL):
    """Horizontal bars, one per (label, value, href) row, longest scaled to the width."""
    chart = Chart(
        id=chart_id,
        title=title,
        value_label=value_label,
        label_heading=label_heading,
        href=href,
        fill=fill,
    )
    room = chart.width - LABEL_WIDTH - VALUE_ROOM
    top = max((value for _label, value, _href in rows), default=0) or 1
    for index, (label, value, bar_href) in enumerate(rows):
        y = 8 + index * ROW
        width = round(value * room / top)
        chart.bars.append(
            Bar(
                label=str(label),
                value=value,
                href=bar_href,
                x=LABEL_WIDTH,
                y=y,
                width=max(width, 1 if value else 0),
                height=BAR_HEIGHT,
                text_x=LABEL_WIDTH + width + 6,
                text_y=y + 13,
                label_x=LABEL_WIDTH - 8,
                label_y=y + 13,
            )
        )
    chart.height = 16 + max(len(rows), 1) * ROW
    return chart


COLUMN_AREA = 170
TOP = 24


def column_chart(chart_id, title, rows, *, value_label, label_heading, href="", fill=BAR_FILL):
    """Vertical columns (twelve months, typically), labels under the axis."""
    chart = Chart(
        id=chart_id,
        title=title,
        value_label=value_label,
        label_heading=label_heading,
        kind="columns",
        href=href,
        fill=fill,
    )
    count = max(len(rows), 1)
    slot = (chart.width - 40) // count
    top = max((value for _label, value, _href in rows), default=0) or 1
    chart.axis_y = TOP + COLUMN_AREA
    for index, (label, value, bar_href) in enumerate(rows):
        height = round(value * COLUMN_AREA / top)
        x = 20 + index * slot + slot // 6
        width = slot - slot // 3
        chart.bars.append(
            Bar(
                label=str(label),
                value=value,
                href=bar_href,
                x=x,
                y=chart.axis_y - height,
                width=width,
                height=height,
                text_x=x + width // 2,
                text_y=chart.axis_y - height - 5,
                label_x=x + width // 2,
                label_y=chart.axis_y + 16,
            )
        )
    chart.height = chart.axis_y + 26
    return chart
