"""Recording a page view: no IP stored, no cookie, robots and private areas left out."""

from datetime import datetime

import pytest
from django.utils import timezone
from freezegun import freeze_time

from statistiques.models import DailySalt, Hit
from statistiques.recording import reset_salt_cache
from tests.statistiques.conftest import BROWSER, VISITOR_IP

pytestmark = pytest.mark.django_db


def test_a_page_view_records_one_hit_without_ip_or_user_agent(visitor):
    response = visitor.get("/", HTTP_REFERER="https://www.google.com/search?q=ville+caraibe")
    assert response.status_code == 200
    hit = Hit.objects.get()
    assert hit.path == "/"
    assert hit.kind == "page"
    assert hit.day == timezone.localdate()
    assert hit.referrer_host == "www.google.com"
    assert len(hit.visitor) == 64
    # Nothing in the row holds the address, the user agent or the search words.
    for field in Hit._meta.concrete_fields:
        value = str(field.value_from_object(hit))
        assert VISITOR_IP not in value, field.name
        assert "203.0.113" not in value, field.name
        assert BROWSER not in value, field.name
        assert "caraibe" not in value, field.name
    # Nor in the salt table.
    for salt in DailySalt.objects.all():
        assert VISITOR_IP not in salt.salt


@pytest.mark.parametrize("path", ["/agenda/", "/liens-utiles/", "/en/agenda/"])
def test_recording_sets_no_cookie(visitor, path):
    # (The home page carries the newsletter form, whose CSRF cookie is not ours.)
    response = visitor.get(path)
    assert Hit.objects.get().path == path
    assert not response.cookies
    assert "Set-Cookie" not in response.headers
    assert not visitor.cookies


def test_the_same_visitor_gets_the_same_hash_within_a_day_and_another_one_differs(visitor, client):
    visitor.get("/")
    visitor.get("/en/")
    visitor.get("/", REMOTE_ADDR="198.51.100.9")
    hashes = list(Hit.objects.order_by("pk").values_list("visitor", flat=True))
    assert hashes[0] == hashes[1]
    assert hashes[2] != hashes[0]


def test_query_string_is_not_stored(visitor):
    visitor.get("/?q=jean.dupont@example.org")
    assert Hit.objects.get().path == "/"


@pytest.mark.parametrize(
    "user_agent",
    [
        "",
        "Googlebot/2.1 (+http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0)",
        "Mozilla/5.0 (compatible; Yahoo! Slurp)",
        "Baiduspider",
        "curl/8.5.0",
        "Wget/1.21",
        "python-requests/2.32",
        "Mozilla/5.0 HeadlessChrome/120.0",
        "SomeCrawler/1.0",
    ],
)
def test_robots_are_not_counted(visitor, user_agent):
    assert visitor.get("/", HTTP_USER_AGENT=user_agent).status_code == 200
    assert not Hit.objects.exists()


def test_admin_static_health_and_errors_are_not_counted(visitor, direction_user):
    visitor.get("/admin/login/")
    visitor.get("/static/css/site.css")
    visitor.get("/sante/")
    visitor.get("/page-qui-n-existe-pas/")  # 404
    visitor.post("/")  # not a GET
    visitor.head("/")
    assert not Hit.objects.exists()


def test_non_html_responses_are_not_counted(visitor):
    response = visitor.get("/documentation/nouveautes/flux.rss")
    assert response.status_code == 200
    assert not Hit.objects.exists()


def test_staff_visits_are_not_counted(visitor, direction_user):
    visitor.force_login(direction_user)
    assert visitor.get("/").status_code == 200
    assert not Hit.objects.exists()


def test_own_site_referrer_is_not_stored_and_bad_referrer_is_harmless(visitor):
    visitor.get("/", HTTP_REFERER="http://testserver/documentation/")
    visitor.get("/", HTTP_REFERER="http://[not-an-address/")
    visitor.get("/", HTTP_REFERER="javascript:alert(1)")
    assert list(Hit.objects.values_list("referrer_host", flat=True)) == ["", "", ""]


def test_the_sites_own_hosts_are_not_referrers(visitor, settings):
    settings.ALLOWED_HOSTS = ["testserver", ".villecaraibe.com", "*"]
    settings.SITE_URL = "https://portail.example.net"
    visitor.get("/", HTTP_REFERER="https://www.villecaraibe.com/agenda/")
    visitor.get("/", HTTP_REFERER="https://portail.example.net/")
    visitor.get("/", HTTP_REFERER="https://WWW.Google.FR/url?q=x")
    hosts = list(Hit.objects.order_by("pk").values_list("referrer_host", flat=True))
    assert hosts == ["", "", "www.google.fr"]


def test_nothing_is_recorded_when_statistics_are_off(visitor, settings):
    settings.STATISTICS_ENABLED = False
    visitor.get("/")
    assert not Hit.objects.exists()


@pytest.mark.parametrize("step", ["prepare", "save"])
def test_a_failing_record_never_breaks_the_page(visitor, monkeypatch, step):
    calls = []

    def broken(*args, **kwargs):
        calls.append(step)
        raise RuntimeError("database gone")

    monkeypatch.setattr(f"statistiques.recording.{step}", broken)
    response = visitor.get("/agenda/")
    assert response.status_code == 200
    assert "Agenda" in response.content.decode()
    assert calls == [step]
    assert not Hit.objects.exists()


def test_the_salt_rotates_each_day_and_the_old_one_is_deleted(visitor):
    tz = timezone.get_current_timezone()
    with freeze_time(datetime(2026, 3, 10, 12, 0, tzinfo=tz)):
        visitor.get("/")
        first_salt = DailySalt.objects.get()
    with freeze_time(datetime(2026, 3, 11, 9, 0, tzinfo=tz)):
        visitor.get("/")
    day1, day2 = Hit.objects.order_by("time")
    assert str(day1.day) == "2026-03-10" and str(day2.day) == "2026-03-11"
    assert day1.visitor != day2.visitor  # same person, two days: not linkable
    salts = list(DailySalt.objects.all())
    assert [str(s.day) for s in salts] == ["2026-03-11"]
    assert salts[0].salt != first_salt.salt


def test_another_process_reads_the_same_salt_of_the_day(visitor):
    visitor.get("/")
    reset_salt_cache()  # as a second worker process would start
    visitor.get("/")
    first, second = Hit.objects.order_by("pk")
    assert first.visitor == second.visitor
    assert DailySalt.objects.count() == 1


def test_the_first_hit_of_a_day_enqueues_the_fold_once(visitor, settings):
    from django_tasks_db.models import DBTaskResult

    settings.STATISTICS_FOLD_ON_NEW_DAY = True
    visitor.get("/")
    visitor.get("/agenda/")
    tasks = DBTaskResult.objects.filter(task_path="statistiques.tasks.fold_statistics")
    assert tasks.count() == 1


def test_a_page_view_costs_one_insert(visitor):
    visitor.get("/")  # warms the salt of the day
    Hit.objects.all().delete()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        visitor.get("/")
    stats_queries = [q["sql"] for q in queries if "statistiques_" in q["sql"]]
    assert len(stats_queries) == 1
    assert stats_queries[0].startswith("INSERT")
