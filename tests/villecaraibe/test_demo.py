import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from villecaraibe.models import Page, Territory, Theme

pytestmark = pytest.mark.django_db


def counts():
    from django.apps import apps
    from django.conf import settings

    return {
        model._meta.label: model._default_manager.count()
        for app in settings.PROJECT_APPS
        for model in apps.get_app_config(app).get_models()
        # The audit trail records each re-save of the demo: not a change of data.
        if not model.__name__.startswith("Historical")
    }


def test_load_demo_is_idempotent(settings):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    first = counts()
    call_command("load_demo", verbosity=0)
    assert counts() == first
    assert get_user_model().objects.filter(username="admin").count() == 1


def test_territorial_tree_of_martinique(vocabulary):
    martinique = Territory.objects.get(slug="martinique")
    epcis = martinique.children.all()
    assert {t.slug for t in epcis} == {"cacem", "caesm", "ccnm"}
    assert Territory.objects.communes().count() == 34
    assert Territory.objects.get(name="Fort-de-France").parent.slug == "cacem"
    assert Territory.objects.get(name="Le Robert").parent.slug == "ccnm"
    volga = Territory.objects.get(name="Volga-Plage")
    assert volga.parent.name == "Fort-de-France"
    assert volga.zonings == ["CUCS", "ZUS", "QPV"]
    assert Theme.objects.filter(name="Prévention de la délinquance").exists()


def test_demo_admin_only_in_debug(settings, client):
    settings.DEBUG = False
    call_command("load_demo", verbosity=0)
    assert not get_user_model().objects.filter(username="admin").exists()
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    assert client.login(username="admin", password="villecaraibe-demo")
    assert client.get("/admin/").status_code == 200


def test_demo_does_not_overwrite_staff_edits(settings):
    call_command("load_demo", verbosity=0)
    Page.objects.filter(slug="presentation").update(title="Édité par l'équipe")
    call_command("load_demo", verbosity=0)
    assert Page.objects.get(slug="presentation").title == "Édité par l'équipe"
