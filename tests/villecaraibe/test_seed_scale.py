"""seed_scale: a proportional, realistic dataset; refuses a filled database; picks up apps."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from actions.models import Event, Registration
from annuaire.models import Organisation, Person
from documentation.models import Document, DocumentAuthor
from newsletter.models import Subscriber

pytestmark = pytest.mark.django_db

FACTOR = 0.005  # 500 documents, 25 organisations, 100 people, 25 events…


def seed(factor=FACTOR, *args):
    out = io.StringIO()
    call_command("seed_scale", "--factor", str(factor), *args, stdout=out)
    return out.getvalue()


def counts():
    return {
        "documents": Document.objects.count(),
        "organisations": Organisation.objects.count(),
        "people": Person.objects.count(),
        "events": Event.objects.count(),
        "registrations": Registration.objects.count(),
        "subscribers": Subscriber.objects.count(),
    }


def test_counts_are_proportional_to_the_factor():
    output = seed()
    assert counts() == {
        "documents": 500,
        "organisations": 25,
        "people": 100,
        "events": 25,
        "registrations": 500,
        "subscribers": 250,
    }
    assert "Scale dataset created" in output
    # Realistic French text, indexed under thesaurus descriptors, with authors.
    titles = " ".join(Document.objects.values_list("title", flat=True))
    assert "é" in titles and "délinquance" in titles
    assert Document.descriptors.through.objects.count() >= 500
    assert DocumentAuthor.objects.filter(person__isnull=False).exists()
    assert not Document.objects.published().filter(published_at__isnull=True).exists()
    assert Subscriber.objects.filter(email__regex=r"[A-Z]").count() == 0


def test_seeded_documents_are_searchable_like_any_other(client):
    seed()
    url = reverse("documentation:index")
    response = client.get(url, {"q": "prevention delinquance"})
    rows = response.context["rows"]
    assert rows and response.context["result"].total > 10
    first, _excerpt = rows[0]
    search_text = type(first).objects.values_list("search_text", flat=True).get(pk=first.pk)
    assert "prevention" in search_text and "delinquance" in search_text
    assert "délinquance" in response.content.decode()
    # A synonym (CLSPD) finds documents indexed under "Prévention de la délinquance".
    assert client.get(url, {"q": "CLSPD"}).context["result"].total > 10


def test_refuses_a_filled_database_unless_forced():
    seed()
    before = counts()
    with pytest.raises(CommandError, match="already holds rows"):
        seed()
    assert counts() == before
    seed(FACTOR, "--force")  # a second dataset on top: fresh slugs and addresses
    assert counts() == {name: 2 * n for name, n in before.items()}


def test_refuses_a_silly_factor():
    with pytest.raises(CommandError, match="factor"):
        seed(0)
    assert Document.objects.count() == 0


def test_runs_every_app_scale_module_in_dependency_order(settings, tmp_path, monkeypatch):
    """An app added later (visit statistics…) only needs a scale.py with seed(factor, stdout)."""
    package = tmp_path / "statsfake"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "scale.py").write_text(
        "def seed(factor, stdout):\n    stdout.write(f'statsfake seeded at {factor}')\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    settings.PROJECT_APPS = [*settings.PROJECT_APPS, "statsfake"]
    output = seed()
    assert "statsfake seeded at 0.005" in output
    assert output.index("documentation:") < output.index("newsletter:") < output.index("statsfake")


@pytest.mark.postgres
def test_bulk_search_vectors_equal_those_reindex_builds():
    if connection.vendor != "postgresql":
        pytest.skip("search vectors exist on PostgreSQL only")
    from documentation.services.indexing import reindex

    seed(0.002)
    ids = list(Document.objects.order_by("pk").values_list("pk", flat=True)[:40])
    bulk = dict(Document.objects.filter(pk__in=ids).values_list("pk", "search_vector"))
    reindex(ids)
    again = dict(Document.objects.filter(pk__in=ids).values_list("pk", "search_vector"))
    assert bulk == again
    assert all(bulk.values())
