"""The statistics page in the admin: view-only for staff, closed to anonymous visitors."""

import pytest
from django.contrib.auth.models import Group

from statistiques import demo
from statistiques.models import DailyTotal, Hit, MonthlyTotal
from villecaraibe.roles import BUREAU, DIRECTION, SECRETARIAT

pytestmark = pytest.mark.django_db

URL = "/admin/statistiques/monthlytotal/"


class Out:
    def write(self, text):
        pass


def test_direction_sees_the_2008_monthly_history(
    client, direction_user, django_assert_max_num_queries
):
    demo.load(Out())
    client.force_login(direction_user)
    with django_assert_max_num_queries(15):
        response = client.get(URL, {"year": 2008})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Historique mensuel, 2008" in html
    assert "Novembre 2008" in html
    assert "<td>514</td><td>609</td><td>1400</td>" in html
    assert "<td>1590</td><td>1946</td><td>5145</td>" in html
    assert "Importé" in html or "importé" in html


def test_secretariat_sees_it_too_and_an_empty_year_says_so(client, secretariat_user):
    client.force_login(secretariat_user)
    response = client.get(URL, {"year": 2011})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Aucun chiffre de fréquentation pour 2011." in html
    assert html.count("<td>0</td><td>0</td><td>0</td>") == 13  # 12 months and the total


@pytest.mark.parametrize("bad", ["abc", "99999", "<script>alert(1)</script>", "-5"])
def test_a_bad_year_falls_back_to_this_year_with_a_french_message(client, direction_user, bad):
    client.force_login(direction_user)
    response = client.get(URL, {"year": bad})
    assert response.status_code == 200
    from django.utils import timezone

    assert response.context["year"] == timezone.localdate().year
    html = response.content.decode()
    assert 'class="errornote"' in html
    assert "Saisissez une année" in html or "Choisissez" in html
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_staff_without_permission_is_refused(client, django_user_model):
    user = django_user_model.objects.create_user("stagiaire", password="x" * 12, is_staff=True)
    client.force_login(user)
    assert client.get(URL).status_code == 403


def test_groups_hold_only_the_view_permission():
    for name in (DIRECTION, SECRETARIAT, BUREAU):
        codenames = set(
            Group.objects.get(name=name)
            .permissions.filter(content_type__app_label="statistiques")
            .values_list("codename", flat=True)
        )
        assert codenames == {
            "view_hit",
            "view_dailytotal",
            "view_dailypath",
            "view_dailyreferrer",
            "view_monthlytotal",
        }, name


def test_nothing_can_be_added_changed_or_deleted(client, direction_user):
    demo.load(Out())
    client.force_login(direction_user)
    month = MonthlyTotal.objects.first()
    assert client.get("/admin/statistiques/monthlytotal/add/").status_code == 403
    assert client.post(f"/admin/statistiques/monthlytotal/{month.pk}/delete/").status_code == 403
    assert MonthlyTotal.objects.count() == 12


def test_the_page_folds_pending_days_and_lists_tops(client, direction_user):
    from datetime import datetime, timedelta

    from django.utils import timezone

    yesterday = timezone.localdate() - timedelta(days=1)
    moment = timezone.make_aware(datetime.combine(yesterday, datetime.min.time()))
    Hit.objects.create(
        day=yesterday,
        time=moment,
        path="/agenda/",
        visitor="a" * 64,
        referrer_host="www.google.com",
    )
    client.force_login(direction_user)
    response = client.get(URL, {"year": yesterday.year})
    html = response.content.decode()
    assert not Hit.objects.exists()
    assert DailyTotal.objects.get(day=yesterday).pages == 1
    assert "/agenda/" in html and "www.google.com" in html
    assert client.get("/admin/statistiques/dailytotal/").status_code == 200
