import pytest
from django.core.management import call_command
from django.urls import reverse

from documentation.models import Descriptor
from documentation.services import skos
from tests.documentation.conftest import make_descriptor, make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def thesaurus():
    root = make_descriptor("Politique de la ville", alt=["Développement social urbain"])
    evaluation = make_descriptor("Évaluation", alt=["Bilan", "Appréciation"], broader=root)
    prevention = make_descriptor("Prévention de la délinquance", alt=["Sécurité"], broader=root)
    evaluation.related.add(prevention)
    evaluation.scope_note = "Démarche d'appréciation des effets d'une politique."
    evaluation.save()
    return root, evaluation, prevention


@pytest.mark.parametrize("fmt", ["ttl", "rdf", "csv"])
def test_export_then_import_round_trips(thesaurus, fmt):
    content, _type = skos.export(fmt)
    assert "Évaluation" in content
    Descriptor.objects.update(broader=None)
    Descriptor.objects.all().delete()
    assert skos.import_(content, fmt) == 3
    evaluation = Descriptor.objects.get(pref_label="Évaluation")
    assert sorted(evaluation.alt_label_list) == ["Appréciation", "Bilan"]
    assert evaluation.broader.pref_label == "Politique de la ville"
    assert [d.pref_label for d in evaluation.related.all()] == ["Prévention de la délinquance"]
    assert evaluation.scope_note.startswith("Démarche")
    # Importing again changes nothing.
    assert skos.import_(content, fmt) == 3
    assert Descriptor.objects.count() == 3


def test_turtle_uses_skos(thesaurus):
    content, content_type = skos.export("ttl")
    assert content_type.startswith("text/turtle")
    assert "skos:prefLabel" in content and "skos:broader" in content and "@fr" in content


def test_public_tree_and_exports(client, thesaurus, tmp_path):
    root, evaluation, _prevention = thesaurus
    make_document("Évaluation des CUCS", descriptors=[evaluation])
    body = client.get(reverse("documentation:thesaurus")).content.decode()
    assert body.index("Politique de la ville") < body.index("Évaluation")
    assert "Bilan" in body
    page = client.get(evaluation.get_absolute_url())
    assert "Évaluation des CUCS" in page.content.decode()
    response = client.get(reverse("documentation:thesaurus_export", args=["rdf"]))
    assert response["Content-Type"].startswith("application/rdf+xml")
    assert client.get(reverse("documentation:thesaurus_export", args=["exe"])).status_code == 404
    path = tmp_path / "t.csv"
    path.write_text(skos.export("csv")[0], encoding="utf-8")
    call_command("import_thesaurus", str(path), stdout=__import__("io").StringIO())


def test_admin_tree_and_changelist(client, secretariat_user, thesaurus):
    client.force_login(secretariat_user)
    response = client.get(reverse("admin:documentation_descriptor_tree"))
    assert (
        response.status_code == 200 and "Prévention de la délinquance" in response.content.decode()
    )
    assert client.get(reverse("admin:documentation_descriptor_changelist")).status_code == 200


def test_synonym_equal_to_preferred_label_is_refused():
    descriptor = Descriptor(pref_label="Évaluation", slug="evaluation", alt_labels="evaluation")
    with pytest.raises(Exception) as excinfo:
        descriptor.full_clean()
    assert "terme préférentiel" in str(excinfo.value)


def test_admin_imports_a_thesaurus_file(client, secretariat_user, thesaurus):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(secretariat_user)
    url = reverse("admin:documentation_descriptor_import")
    response = client.post(url, {"file": SimpleUploadedFile("t.exe", b"x")})
    assert "Envoyez un fichier" in response.content.decode()
    response = client.post(url, {"file": SimpleUploadedFile("t.ttl", b"@prefix broken")})
    assert "pas pu être lu" in response.content.decode()
    csv = "pref_label,alt_labels,broader,related,scope_note\nCLAS,Aide aux devoirs,Évaluation,,\n"
    response = client.post(url, {"file": SimpleUploadedFile("t.csv", csv.encode())})
    assert response.status_code == 302
    assert Descriptor.objects.get(pref_label="CLAS").broader.pref_label == "Évaluation"
