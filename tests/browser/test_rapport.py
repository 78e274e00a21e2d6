"""The dashboard and the activity report in a real browser: axe-core finds no serious
or critical fault in the charts and tables, and the CSP refuses nothing."""

import pytest
from django.core.management import call_command

from tests.browser.conftest import WIDTHS, open_page, run_axe, screenshot
from tests.conftest import STAFF_PASSWORD, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = {
    "dashboard-2008": "/admin/rapport/annualreport/tableau-de-bord/?year=2008",
    "report-2008": "/admin/rapport/annualreport/annee/2008/",
    "report-empty-2030": "/admin/rapport/annualreport/annee/2030/",
}


@pytest.fixture
def bureau(db):
    from villecaraibe.roles import BUREAU

    call_command("load_demo", verbosity=0)
    return make_staff("membre-du-bureau", BUREAU)


def log_in(page, base_url, username):
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", STAFF_PASSWORD)
    page.click("input[type=submit]")


@pytest.mark.parametrize("name", list(PAGES))
def test_staff_pages_have_no_serious_accessibility_violation(browser, live_server, bureau, name):
    for width_name in WIDTHS:
        page = open_page(browser, width_name)
        log_in(page, live_server.url, bureau.username)
        response = page.goto(live_server.url + PAGES[name])
        assert response.status == 200
        violations = run_axe(page)
        screenshot(page, name)
        page.context.close()
        assert violations == [], (width_name, violations)
        assert page.csp_violations == [], width_name
