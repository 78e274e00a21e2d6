"""The app sits at the base: it imports only villecaraibe, and load_demo runs it early."""

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from statistiques.models import MonthlyTotal

APP = Path(__file__).resolve().parents[2] / "statistiques"
UPPER_APPS = {"annuaire", "documentation", "actions", "newsletter", "rapport"}


def imported_modules(path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_statistiques_imports_no_other_app_of_the_portal():
    files = [p for p in APP.rglob("*.py") if "migrations" not in p.parts]
    assert files
    for path in files:
        for module in imported_modules(path):
            assert module.split(".")[0] not in UPPER_APPS, f"{path.name} imports {module}"


def test_it_comes_right_after_villecaraibe_in_project_apps():
    assert settings.PROJECT_APPS[:2] == ["villecaraibe", "statistiques"]
    assert "statistiques.recording.StatisticsMiddleware" in settings.MIDDLEWARE


@pytest.mark.django_db
def test_load_demo_loads_the_2008_history(capsys):
    call_command("load_demo")
    assert "statistiques: demo data loaded" in capsys.readouterr().out
    assert MonthlyTotal.objects.filter(month__year=2008).count() == 12
