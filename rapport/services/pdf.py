"""The activity report as a PDF (WeasyPrint), with its table of contents and page numbers."""

import logging

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

# WeasyPrint logs every rendering step at INFO level.
logging.getLogger("weasyprint").setLevel(logging.WARNING)
logging.getLogger("fontTools").setLevel(logging.WARNING)


def report_pdf(report):
    """The PDF bytes of ``report`` (a ``rapport.services.report.Report``)."""
    from weasyprint import CSS, HTML  # heavy: imported only when a PDF is made

    html = render_to_string(
        "rapport/report/pdf.html", {"report": report, "centre": settings.CENTRE}
    )
    stylesheet = CSS(filename=finders.find("rapport/report_pdf.css"))
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(stylesheets=[stylesheet])
