import pytest
from django.db import DatabaseError

pytestmark = pytest.mark.django_db


def test_health_reports_ok(client):
    response = client.get("/sante/")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "migrations": "ok", "status": "ok"}
    assert "no-cache" in response.headers["Cache-Control"]


def test_health_reports_pending_migrations(client, monkeypatch):
    from django.db.migrations.executor import MigrationExecutor

    monkeypatch.setattr(
        MigrationExecutor, "migration_plan", lambda self, targets: [("fake", False)]
    )
    response = client.get("/sante/")
    assert response.status_code == 503
    assert response.json()["migrations"] == "pending: 1"


def test_health_reports_unreachable_database(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def broken(self, sql, params=None):
        raise DatabaseError("down")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    response = client.get("/sante/")
    assert response.status_code == 503
    assert response.json()["database"] == "error: DatabaseError"


def test_health_refuses_post(client):
    assert client.post("/sante/").status_code == 405
