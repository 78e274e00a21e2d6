"""The free sections in the admin, and the command that makes up a busy year."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from actions.models import Event, Programme
from rapport.models import AnnualReport


def test_the_list_of_reports_links_each_year_to_its_page_and_pdf(client, direction_user):
    AnnualReport.objects.create(year=2008, highlights="<p>Première année</p>")
    client.force_login(direction_user)
    html = client.get(reverse("admin:rapport_annualreport_changelist")).content.decode()
    assert reverse("admin:rapport_annualreport_report", args=[2008]) in html
    assert reverse("admin:rapport_annualreport_pdf", args=[2008]) in html


def test_one_report_per_year_and_years_in_range(client, direction_user):
    AnnualReport.objects.create(year=2008)
    client.force_login(direction_user)
    url = reverse("admin:rapport_annualreport_add")
    for year, message in [(2008, "existe déjà"), (1999, "2000"), (2101, "2100")]:
        response = client.post(
            url,
            {"year": year, "highlights": "", "assessment": "", "outlook": "", "presentation": ""},
        )
        assert response.status_code == 200, year
        assert message in response.content.decode(), year
    assert AnnualReport.objects.count() == 1


def test_seed_report_year_makes_a_busy_year_once(db):
    out = io.StringIO()
    call_command("seed_report_year", "2013", "--events", "4", "--registrations", "3", stdout=out)
    assert Event.objects.filter(start_date__year=2013).count() == 4
    assert Programme.objects.filter(year=2013).exists()
    with pytest.raises(CommandError):
        call_command("seed_report_year", "2013", stdout=out)
