"""The website's monthly table and visits chart, read from the statistiques app."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from statistiques.services import monthly_history

# The "Monthly history" of the 2008 report: month → (unique visitors, visits, pages, hits).
SOURCE_2008 = {
    "Mai 2008": (39, 53, 99, 155),
    "Juin 2008": (92, 122, 191, 380),
    "Juillet 2008": (183, 237, 866, 4004),
    "Novembre 2008": (514, 609, 1400, 5110),
    "Décembre 2008": (157, 178, 376, 1359),
}


@pytest.fixture
def demo(vocabulary):
    call_command("load_demo", verbosity=0)


def test_2008_report_shows_the_source_monthly_visitor_table(client, direction_user, demo):
    client.force_login(direction_user)
    response = client.get(reverse("admin:rapport_annualreport_report", args=[2008]))
    report = response.context["report"]
    total = report.website_total
    assert (total.unique_visitors, total.visits, total.pages, total.hits) == (
        1590,
        1946,
        5145,
        19247,
    )
    html = re.sub(r"\s+", " ", response.content.decode())
    table = html.split('class="report-table report-website"', 1)[1].split("</table>", 1)[0]
    for month, values in SOURCE_2008.items():
        cells = "".join(f'<td class="num">{value}</td>' for value in values)
        assert f'<th scope="row">{month}</th>{cells}<td class="num">—</td>' in table, month
    assert '<td class="num">1590</td><td class="num">1946</td><td class="num">5145</td>' in table
    bars = report.charts["visits"].bars
    assert [bar.value for bar in bars] == [0, 0, 0, 0, 53, 122, 237, 115, 255, 377, 609, 178]
    assert bars[10].label.lower().startswith("nov")
    pdf = client.get(reverse("admin:rapport_annualreport_pdf", args=[2008]))
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Historique mensuel 2008" in text and "1946" in text and "514" in text


def test_dashboard_draws_the_monthly_visits_and_links_the_statistics(client, direction_user, demo):
    client.force_login(direction_user)
    response = client.get(reverse("admin:rapport_dashboard"), {"year": 2008})
    chart = {c.id: c for c in response.context["charts"]}["chart-visits"]
    expected = [row.visits for row in monthly_history(2008)]
    assert [bar.value for bar in chart.bars] == expected
    assert chart.href == reverse("admin:statistiques_monthlytotal_changelist") + "?year=2008"
    assert client.get(chart.href).status_code == 200
    assert "Visites du site par mois, 2008" in response.content.decode()


def test_an_empty_year_says_no_visit(client, direction_user, db):
    client.force_login(direction_user)
    html = client.get(reverse("admin:rapport_annualreport_report", args=[2030])).content.decode()
    assert "Aucune visite du site enregistrée en 2030." in html
