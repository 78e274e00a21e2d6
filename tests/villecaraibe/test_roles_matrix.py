"""Every staff group, every model, every action: what each may do, proved through the admin.

- The permission matrix per model (view/add/change/delete) and per custom action
  (send an issue, validate a programme, import subscribers, export and erase
  personal data).
- "Bureau" changes nothing anywhere: a walk over every model registered in the
  admin tries add, change, delete and the bulk delete as Bureau; each answers 403
  (or offers no such action) and the database is unchanged.
"""

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.utils import quote
from django.core.management import call_command
from django.urls import NoReverseMatch, reverse

from villecaraibe.roles import staff_models

pytestmark = pytest.mark.django_db

# Custom actions: (permission, Direction, Secretariat, Bureau).
CUSTOM_ACTIONS = [
    ("newsletter.send_issue", True, True, False),
    ("newsletter.import_subscribers", True, True, False),
    ("actions.validate_programme", True, False, False),
    ("annuaire.export_personal_data", True, True, False),
    ("annuaire.erase_personal_data", True, False, False),
]


@pytest.mark.parametrize(("perm", "direction", "secretariat", "bureau"), CUSTOM_ACTIONS)
def test_custom_action_permissions(
    perm, direction, secretariat, bureau, direction_user, secretariat_user, bureau_user
):
    assert direction_user.has_perm(perm) is direction
    assert secretariat_user.has_perm(perm) is secretariat
    assert bureau_user.has_perm(perm) is bureau


def test_every_custom_permission_is_in_the_matrix():
    declared = {
        f"{m._meta.app_label}.{codename}"
        for m in staff_models()
        for codename, _ in m._meta.permissions
    }
    assert declared == {perm for perm, *_ in CUSTOM_ACTIONS}


@pytest.mark.parametrize("model", list(staff_models()), ids=lambda m: m._meta.label)
def test_secretariat_and_bureau_per_model(model, secretariat_user, bureau_user):
    opts = model._meta
    programme = getattr(model, "STAFF_SCOPE", None) == "programme"
    for action in ("add", "change", "delete"):
        perm = f"{opts.app_label}.{action}_{opts.model_name}"
        assert not bureau_user.has_perm(perm)
        if action not in opts.default_permissions:
            # Read-only models (the visitor statistics) have no such permission at all.
            assert not secretariat_user.has_perm(perm)
            continue
        assert secretariat_user.has_perm(perm) is not programme


# ----- The custom actions through the admin -----------------------------------------


@pytest.fixture
def issue(db):
    from datetime import date

    from newsletter.models import Issue

    return Issue.objects.create(number=90, date=date(2026, 1, 5), subject="Lettre n° 90")


@pytest.mark.parametrize(
    ("user_fixture", "allowed"),
    [("direction_user", True), ("secretariat_user", True), ("bureau_user", False)],
)
def test_sending_an_issue(client, request, issue, user_fixture, allowed):
    client.force_login(request.getfixturevalue(user_fixture))
    for view in ("send", "schedule"):
        url = reverse(f"admin:newsletter_issue_{view}", args=[issue.pk])
        assert client.get(url).status_code == (200 if allowed else 403)
    if not allowed:
        response = client.post(reverse("admin:newsletter_issue_send", args=[issue.pk]))
        assert response.status_code == 403
        issue.refresh_from_db()
        assert issue.status == issue.Status.DRAFT and issue.started_at is None


@pytest.mark.parametrize(
    ("user_fixture", "allowed"),
    [("direction_user", True), ("secretariat_user", False), ("bureau_user", False)],
)
def test_validating_a_programme(client, request, user_fixture, allowed):
    from actions.models import Programme
    from tests.actions.programme_factories import make_programme

    programme = make_programme(2014, status=Programme.Status.DRAFT)
    client.force_login(request.getfixturevalue(user_fixture))
    url = reverse("admin:actions_programme_validate", args=[programme.pk])
    assert client.get(url).status_code == (200 if allowed else 403)
    if not allowed:
        assert client.post(url, {"board_date": "2014-03-01"}).status_code == 403
        programme.refresh_from_db()
        assert programme.status == Programme.Status.DRAFT


@pytest.mark.parametrize(
    ("user_fixture", "allowed"),
    [("direction_user", True), ("secretariat_user", True), ("bureau_user", False)],
)
def test_importing_subscribers(client, request, user_fixture, allowed):
    client.force_login(request.getfixturevalue(user_fixture))
    url = reverse("admin:newsletter_subscriber_import")
    assert client.get(url).status_code == (200 if allowed else 403)


@pytest.mark.parametrize(
    ("user_fixture", "allowed"),
    [("direction_user", True), ("secretariat_user", True), ("bureau_user", False)],
)
def test_personal_data_register_page(client, request, user_fixture, allowed):
    client.force_login(request.getfixturevalue(user_fixture))
    response = client.get(reverse("admin:personal_data_register"))
    assert response.status_code == (200 if allowed else 403)


def test_only_direction_erases(client, secretariat_user, direction_user, vocabulary):
    from annuaire.models import Person
    from tests.annuaire.conftest import make_person

    person = make_person("Lucien", "Marie-Sainte", email="lucien@example.org")
    data = {"action": "erase_personal_data", ACTION_CHECKBOX_NAME: [person.pk], "confirm": "yes"}
    client.force_login(secretariat_user)
    client.post("/admin/annuaire/person/", data)
    assert Person.objects.filter(pk=person.pk, email="lucien@example.org").exists()
    client.force_login(direction_user)
    client.post("/admin/annuaire/person/", data)
    assert not Person.objects.filter(email="lucien@example.org").exists()


# ----- Bureau changes nothing anywhere ------------------------------------------------


def _snapshot():
    from django.apps import apps

    return {m._meta.label: m._base_manager.count() for m in apps.get_models()}


@pytest.fixture
def everything(settings):
    """Every app's demo data: at least one row of most models."""
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)


@pytest.mark.allow_lazy_fetch  # only status codes matter here; pages are budgeted elsewhere
def test_bureau_changes_nothing_anywhere(client, bureau_user, everything):
    client.force_login(bureau_user)
    before = _snapshot()
    walked, with_rows = [], 0
    for model in list(admin.site._registry):
        opts = model._meta
        prefix = f"admin:{opts.app_label}_{opts.model_name}"
        walked.append(opts.label)
        try:
            add_url = reverse(f"{prefix}_add")
        except NoReverseMatch:
            add_url = None
        if add_url:
            assert client.get(add_url).status_code == 403, opts.label
            assert client.post(add_url, {}).status_code == 403, opts.label
        obj = model._default_manager.order_by("pk").first()
        if obj is None:
            continue
        with_rows += 1
        pk = quote(obj.pk)
        change_url = reverse(f"{prefix}_change", args=[pk])
        response = client.post(change_url, {})
        assert response.status_code == 403, opts.label
        delete_url = reverse(f"{prefix}_delete", args=[pk])
        assert client.get(delete_url).status_code == 403, opts.label
        assert client.post(delete_url, {"post": "yes"}).status_code == 403, opts.label
        # The bulk delete is not even offered.
        changelist = reverse(f"{prefix}_changelist")
        client.post(
            changelist, {"action": "delete_selected", ACTION_CHECKBOX_NAME: [obj.pk], "post": "yes"}
        )
        assert model._base_manager.filter(pk=obj.pk).exists(), opts.label
    assert _snapshot() == before
    # The walk really covered the portal: every app's models, most of them with rows.
    for label in ["annuaire.Person", "actions.Programme", "actions.Event", "newsletter.Issue",
                  "documentation.Document", "villecaraibe.Page", "auth.User"]:  # fmt: skip
        assert label in walked
    assert with_rows >= 20


def test_bureau_cannot_revert_history(client, bureau_user, direction_user, vocabulary):
    """The audit trail is readable by Bureau, but reverting a version is a change."""
    from datetime import date

    from actions.models import Event

    event = Event.objects.create(
        title="Journée", kind="information_day", start_date=date(2026, 3, 2), end_date=date(2026, 3, 2),
        description="<p>x</p>",
    )  # fmt: skip
    event.title = "Journée modifiée"
    event.save()
    first = event.history.order_by("history_id").first()
    client.force_login(bureau_user)
    url = reverse("admin:actions_event_simple_history", args=[event.pk, first.history_id])
    assert client.post(url, {"title": "Journée"}).status_code == 403
    event.refresh_from_db()
    assert event.title == "Journée modifiée"
    assert client.get(reverse("admin:actions_event_history", args=[event.pk])).status_code == 200
