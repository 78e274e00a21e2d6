"""The one-to-one support log and its staff dashboard."""

import datetime

import pytest
from django.utils import timezone

from annuaire.models import SupportEntry
from tests.annuaire.conftest import make_organisation, make_person
from villecaraibe.models import Theme

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/annuaire/supportentry/tableau-de-bord/"
ADD = "/admin/annuaire/supportentry/add/"


@pytest.fixture
def log(vocabulary, direction_user):
    today = timezone.localdate()
    org = make_organisation("Ville du Lamentin")
    person = make_person("Jean-Claude", "Sainte-Rose", organisation=org)
    evaluation = Theme.objects.get(slug="evaluation")
    make = SupportEntry.objects.create
    make(
        person=person,
        kind="methodologie",
        theme=evaluation,
        date=today - datetime.timedelta(days=30),
        follow_up_date=today - datetime.timedelta(days=2),
    )
    make(
        organisation=org,
        kind="methodologie",
        theme=evaluation,
        date=today - datetime.timedelta(days=20),
        follow_up_date=today + datetime.timedelta(days=5),
    )
    make(
        organisation=org,
        kind="documentation",
        date=today - datetime.timedelta(days=10),
        follow_up_date=today - datetime.timedelta(days=1),
        follow_up_done=True,
    )
    make(person=person, kind="mise-en-relation", date=datetime.date(2008, 10, 7))
    return person, org  # fmt: skip


def test_dashboard_lists_follow_ups_and_counts(client, secretariat_user, log):
    client.force_login(secretariat_user)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    assert [e.person.last_name for e in response.context["due"]] == ["Sainte-Rose"]
    assert [e.organisation.name for e in response.context["upcoming"]] == ["Ville du Lamentin"]
    assert response.context["year"] == timezone.localdate().year
    by_kind = dict(response.context["by_kind"])
    # Entries dated 10 to 30 days ago may fall in the previous year in early January.
    if all(
        e.date.year == timezone.localdate().year
        for e in SupportEntry.objects.exclude(date__year=2008)
    ):
        assert by_kind["Conseil méthodologique"] == 2
        assert by_kind["Documentation"] == 1
        assert response.context["total"] == 3
    html = response.content.decode()
    assert "Suivis à faire" in html and "<caption>" in html

    response = client.get(DASHBOARD, {"year": "2008"})
    assert dict(response.context["by_kind"])["Mise en relation"] == 1
    assert response.context["total"] == 1
    assert [r["theme__name"] for r in response.context["by_theme"]] == [None]
    assert "Sans thématique" in response.content.decode()


@pytest.mark.parametrize(
    "year, message",
    [("deux-mille", "Saisissez une année sur quatre chiffres"), ("1999", "créé en 2007")],
)
def test_dashboard_explains_a_bad_year(client, secretariat_user, log, year, message):
    client.force_login(secretariat_user)
    response = client.get(DASHBOARD, {"year": year})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["year"] == timezone.localdate().year


def test_dashboard_needs_staff_permission(client, log, django_user_model):
    assert client.get(DASHBOARD).status_code == 302  # to the login page
    nobody = django_user_model.objects.create_user(
        "stagiaire", password="x-Strong-passw0rd", is_staff=True
    )
    client.force_login(nobody)
    assert client.get(DASHBOARD).status_code == 403


def test_dashboard_query_count_is_flat(
    client, secretariat_user, log, django_assert_max_num_queries
):
    person, org = log
    today = timezone.localdate()
    SupportEntry.objects.bulk_create(
        [SupportEntry(person=person, organisation=org, kind="projet", date=today, follow_up_date=today) for _ in range(500)]
    )  # fmt: skip
    client.force_login(secretariat_user)
    with django_assert_max_num_queries(12):
        response = client.get(DASHBOARD)
    assert len(response.context["due"]) == 501
    with django_assert_max_num_queries(15):
        assert client.get("/admin/annuaire/supportentry/").status_code == 200


def test_adding_an_entry_from_the_admin(client, secretariat_user, log):
    person, org = log
    client.force_login(secretariat_user)
    form = client.get(ADD).context["adminform"].form
    assert form.initial["staff_member"] == secretariat_user.pk
    data = {
        "date": "2026-03-02",
        "kind": "projet",
        "notes": "<script>x</script>",
        "staff_member": secretariat_user.pk,
    }
    # Neither a person nor an organisation: refused with a French message.
    response = client.post(ADD, data)
    assert "Choisissez une personne, une structure, ou les deux." in response.content.decode()
    response = client.post(ADD, {**data, "person": person.pk, "follow_up_date": "2026-03-01"})
    assert "La date de suivi ne peut pas précéder" in response.content.decode()
    response = client.post(ADD, {**data, "person": person.pk, "follow_up_date": "2026-04-01"})
    assert response.status_code == 302
    entry = SupportEntry.objects.get(date=datetime.date(2026, 3, 2))
    assert entry.staff_member == secretariat_user and entry.person == person
