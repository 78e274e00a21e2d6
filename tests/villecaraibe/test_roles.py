"""The three staff groups: what each can and cannot do, proved through the admin."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group

from villecaraibe.demo import load_pages
from villecaraibe.models import Page, Theme
from villecaraibe.roles import (
    BUREAU,
    DIRECTION,
    GROUPS,
    SECRETARIAT,
    codenames_for,
    staff_models,
    sync_group_permissions,
)

pytestmark = pytest.mark.django_db


def test_groups_exist_after_migrate():
    assert set(Group.objects.values_list("name", flat=True)) >= set(GROUPS)


@pytest.mark.parametrize("model", list(staff_models()), ids=lambda m: m._meta.label)
def test_permissions_per_model(model, direction_user, secretariat_user, bureau_user):
    opts = model._meta
    for action in ["view", "add", "change", "delete"]:
        perm = f"{opts.app_label}.{action}_{opts.model_name}"
        if action not in opts.default_permissions:  # read-only models (statistics)
            assert not any(u.has_perm(perm) for u in (direction_user, secretariat_user)), perm
            continue
        assert direction_user.has_perm(perm), perm
        assert bureau_user.has_perm(perm) is (action == "view"), perm
        programme = getattr(model, "STAFF_SCOPE", None) == "programme"
        assert secretariat_user.has_perm(perm) is (action == "view" or not programme), perm


def test_programme_scoped_models_are_read_only_for_secretariat(monkeypatch):
    monkeypatch.setattr(Theme, "STAFF_SCOPE", "programme", raising=False)
    wanted = codenames_for(SECRETARIAT)
    assert ("villecaraibe", "view_theme") in wanted
    assert ("villecaraibe", "change_theme") not in wanted
    assert ("villecaraibe", "change_territory") in wanted
    assert ("villecaraibe", "change_theme") in codenames_for(DIRECTION)


def test_sync_is_idempotent_and_repairs_drift():
    bureau = Group.objects.get(name=BUREAU)
    before = set(bureau.permissions.values_list("codename", flat=True))
    bureau.permissions.clear()
    sync_group_permissions()
    sync_group_permissions()
    assert set(bureau.permissions.values_list("codename", flat=True)) == before
    assert all(c.startswith("view_") for c in before)


def test_bureau_sees_but_cannot_change_a_page(client, bureau_user):
    load_pages()
    page = Page.objects.get(slug="presentation")
    client.force_login(bureau_user)
    assert client.get("/admin/villecaraibe/page/").status_code == 200
    url = f"/admin/villecaraibe/page/{page.pk}/change/"
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="_save"' not in response.content.decode()
    response = client.post(url, {"slug": "presentation", "title": "Piraté", "body": "<p>x</p>"})
    assert response.status_code == 403
    assert Page.objects.get(pk=page.pk).title != "Piraté"
    assert client.get("/admin/villecaraibe/page/add/").status_code == 403
    assert (
        client.post(f"/admin/villecaraibe/page/{page.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert Page.objects.filter(pk=page.pk).exists()


def test_secretariat_edits_directory_and_pages(client, secretariat_user, vocabulary):
    client.force_login(secretariat_user)
    response = client.post(
        "/admin/annuaire/organisation/add/",
        {
            "name": "Association Les Jardins de Volga",
            "acronym": "",
            "slug": "jardins-volga",
            "kind": "association",
            "positions-TOTAL_FORMS": "0",
            "positions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    Organisation = apps.get_model("annuaire", "Organisation")
    assert Organisation.objects.filter(slug="jardins-volga").exists()


def test_direction_can_delete(client, direction_user):
    load_pages()
    page = Page.objects.get(slug="mentions-legales")
    client.force_login(direction_user)
    response = client.post(f"/admin/villecaraibe/page/{page.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Page.objects.filter(pk=page.pk).exists()


def test_staff_without_group_sees_nothing(client, db):
    from tests.conftest import make_staff

    user = make_staff("stagiaire")
    client.force_login(user)
    assert client.get("/admin/villecaraibe/page/").status_code == 403
