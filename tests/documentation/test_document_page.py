import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.urls import reverse

from documentation.models import Document, DownloadCount
from tests.documentation.conftest import _pdf_bytes, make_descriptor, make_document

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"


def with_file(document):
    document.file.save("rapport.pdf", ContentFile(_pdf_bytes(), name="rapport.pdf"))
    return document


def test_document_page_shows_citation_dublin_core_and_related(client):
    descriptor = make_descriptor("Évaluation")
    document = make_document(
        "Évaluation des CUCS", year=2008, publisher_name="Ville caraïbe", descriptors=[descriptor]
    )
    make_document("Guide de l'évaluation", descriptors=[descriptor])
    make_document("Sans rapport")
    response = client.get(document.get_absolute_url())
    body = response.content.decode()
    assert '<meta name="DC.title" content="Évaluation des CUCS">' in body
    assert '<meta name="DC.date" content="2008">' in body
    assert '<meta name="DC.subject" content="Évaluation">' in body
    assert "Évaluation des CUCS. Ville caraïbe, 2008." in body
    assert [d.title for d in response.context["related"]] == ["Guide de l'évaluation"]


def test_drafts_are_hidden_from_the_public(client, superuser):
    document = make_document("Brouillon", status=Document.Status.DRAFT)
    assert client.get(document.get_absolute_url()).status_code == 404
    client.force_login(superuser)
    assert client.get(document.get_absolute_url()).status_code == 200


def test_download_is_counted_per_month_and_bots_are_not(client):
    document = with_file(make_document("Compte rendu"))
    for _ in range(2):
        response = client.get(document.get_download_url(), headers={"user-agent": BROWSER})
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert response["Content-Disposition"].startswith('attachment; filename="compte-rendu.pdf"')
    assert response["X-Content-Type-Options"] == "nosniff"
    client.get(document.get_download_url(), headers={"user-agent": "Googlebot/2.1"})
    client.get(document.get_download_url())  # no user agent at all
    counter = DownloadCount.objects.get(document=document)
    assert counter.count == 2
    assert counter.month == DownloadCount.month_of()


def test_members_only_file_is_refused_to_anonymous_visitors(client):
    document = with_file(make_document("Dossier réservé", access=Document.Access.MEMBERS))
    response = client.get(document.get_download_url(), headers={"user-agent": BROWSER})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("documentation:login"))
    page = client.get(document.get_absolute_url()).content.decode()
    assert "réservé aux membres" in page
    assert document.get_download_url() not in page
    assert not DownloadCount.objects.exists()
    get_user_model().objects.create_user("membre", password="x-Secret-123456")
    login = client.get(response["Location"])
    assert "Connexion des membres" in login.content.decode()
    response = client.post(
        reverse("documentation:login"),
        {"username": "membre", "password": "mauvais", "next": document.get_absolute_url()},
    )
    assert response.status_code == 200
    assert "Saisissez un nom d’utilisateur et un mot de passe valides" in response.content.decode()
    response = client.post(
        reverse("documentation:login"),
        {"username": "membre", "password": "x-Secret-123456", "next": document.get_absolute_url()},
    )
    assert response["Location"] == document.get_absolute_url()
    assert document.get_download_url() in client.get(document.get_absolute_url()).content.decode()
    response = client.get(document.get_download_url(), headers={"user-agent": BROWSER})
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_x_accel_redirect_hands_the_file_to_nginx(client, settings):
    settings.DOCUMENTATION_X_ACCEL_PREFIX = "/protected/"
    document = with_file(make_document("Compte rendu"))
    response = client.get(document.get_download_url(), headers={"user-agent": BROWSER})
    assert response["X-Accel-Redirect"] == f"/protected/{document.file.name}"
    assert response.content == b""


def test_files_have_no_public_url(client):
    document = with_file(make_document("Compte rendu"))
    with pytest.raises(ValueError):
        document.file.url  # noqa: B018
    assert client.get("/media/" + document.file.name).status_code == 404


def test_new_acquisitions_most_downloaded_and_feed(client, django_assert_max_num_queries):
    documents = [make_document(f"Document {i}") for i in range(3)]
    DownloadCount.objects.create(document=documents[0], month=DownloadCount.month_of(), count=5)
    DownloadCount.objects.create(document=documents[2], month=DownloadCount.month_of(), count=9)
    response = client.get(reverse("documentation:popular"))
    assert [d.title for d in response.context["documents"]] == ["Document 2", "Document 0"]
    assert "9 téléchargements" in response.content.decode()
    response = client.get(reverse("documentation:new"))
    assert [d.title for d in response.context["documents"]][:1] == ["Document 2"]
    feed = client.get(reverse("documentation:feed"))
    assert feed["Content-Type"].startswith("application/rss+xml")
    assert b"<title>Document 1</title>" in feed.content


def test_lists_keep_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    documents = Document.objects.bulk_create(
        Document(title=f"D{i}", slug=f"d{i}", status="published") for i in range(300)
    )
    DownloadCount.objects.bulk_create(
        DownloadCount(document=d, month=DownloadCount.month_of(), count=i + 1)
        for i, d in enumerate(documents)
    )
    with django_assert_max_num_queries(6):
        client.get(reverse("documentation:popular"))
    with django_assert_max_num_queries(6):
        client.get(reverse("documentation:new"))
    with django_assert_max_num_queries(6):
        client.get(reverse("home"))


def test_home_block_lists_latest_public_documents(client):
    make_document("Lettre d'information n°1")
    make_document("Réservé", access=Document.Access.MEMBERS)
    body = client.get(reverse("home")).content.decode()
    assert "Derniers documents" in body and "Lettre d&#x27;information n°1" in body
    assert "Réservé" not in body


def test_detail_page_has_a_fixed_number_of_queries(
    client, vocabulary, django_assert_max_num_queries
):
    from documentation.models import DocumentAuthor, PaperCopy
    from villecaraibe.models import Theme

    theme = Theme.objects.get(slug="evaluation")
    descriptors = [make_descriptor(f"Terme {i}") for i in range(20)]
    document = make_document("Cible", themes=[theme], descriptors=descriptors)
    for i in range(30):
        DocumentAuthor.objects.create(document=document, position=i, name=f"Auteur {i}")
        PaperCopy.objects.create(document=document, call_number=f"C {i}")
    others = Document.objects.bulk_create(
        Document(title=f"Autre {i}", slug=f"autre-{i}", status="published") for i in range(200)
    )
    Document.descriptors.through.objects.bulk_create(
        Document.descriptors.through(document=d, descriptor=descriptors[i % 20])
        for i, d in enumerate(others)
    )
    with django_assert_max_num_queries(9):
        response = client.get(document.get_absolute_url())
    assert len(response.context["related"]) == 5
    with django_assert_max_num_queries(8):
        client.get(descriptors[0].get_absolute_url())


def test_admin_changelist_has_a_fixed_number_of_queries(
    client, superuser, django_assert_max_num_queries
):
    Document.objects.bulk_create(
        Document(title=f"D{i}", slug=f"d{i}", status="published") for i in range(300)
    )
    client.force_login(superuser)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("admin:documentation_document_changelist"))
    assert response.status_code == 200
