import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from documentation.models import DocumentationRequest, ExperienceSheet, LinkCategory, UsefulLink
from tests.documentation.conftest import make_document

pytestmark = pytest.mark.django_db


class _Handler(BaseHTTPRequestHandler):
    def do_HEAD(self):  # noqa: N802
        if self.path == "/no-head":
            self.send_response(405)
        else:
            self.send_response(200 if self.path in {"/ok", "/redirected"} else 404)
            if self.path == "/moved":
                pass
        self.end_headers()

    def do_GET(self):  # noqa: N802
        self.send_response(200 if self.path in {"/ok", "/no-head"} else 404)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def local_site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_check_links_flags_dead_links_and_hides_them(client, local_site):
    category = LinkCategory.objects.create(name="Réseau national")
    alive = UsefulLink.objects.create(category=category, title="Vivant", url=f"{local_site}/ok")
    head_refused = UsefulLink.objects.create(
        category=category, title="Sans HEAD", url=f"{local_site}/no-head"
    )
    gone = UsefulLink.objects.create(category=category, title="Disparu", url=f"{local_site}/gone")
    closed = UsefulLink.objects.create(category=category, title="Fermé", url="http://127.0.0.1:9/")
    call_command("check_links", timeout=2, stdout=__import__("io").StringIO())
    for link in (alive, head_refused, gone, closed):
        link.refresh_from_db()
    assert (alive.is_dead, alive.last_status) == (False, 200)
    assert (head_refused.is_dead, head_refused.last_status) == (False, 200)
    assert (gone.is_dead, gone.last_status) == (True, 404)
    assert closed.is_dead and closed.last_status is None and closed.check_error
    body = client.get(reverse("documentation:links")).content.decode()
    assert "Vivant" in body and "Sans HEAD" in body
    assert "Disparu" not in body and "Fermé" not in body


def test_capitalisation_lists_published_sheets(client, vocabulary, django_assert_max_num_queries):
    from villecaraibe.models import Territory

    lamentin = Territory.objects.get(name="Le Lamentin")
    ExperienceSheet.objects.bulk_create(
        ExperienceSheet(
            title=f"Fiche {i}",
            slug=f"fiche-{i}",
            territory=lamentin,
            actors="CAF",
            status="published",
        )
        for i in range(60)
    )
    ExperienceSheet.objects.create(title="Brouillon", actors="x")
    with django_assert_max_num_queries(6):
        response = client.get(reverse("documentation:capitalisation"))
    body = response.content.decode()
    assert "Fiche 1" in body and "Brouillon" not in body and "Le Lamentin" in body
    sheet = ExperienceSheet.objects.get(slug="fiche-1")
    sheet.context = "<p>Contexte <script>x</script></p>"
    sheet.save()
    detail = client.get(sheet.get_absolute_url()).content.decode()
    assert "Contexte" in detail and "<script>x" not in detail
    assert (
        client.get(ExperienceSheet.objects.get(title="Brouillon").get_absolute_url()).status_code
        == 404
    )


def test_documentation_request_form(client):
    document = make_document("Guide CLAS")
    url = reverse("documentation:request")
    response = client.get(url, {"document": document.slug})
    assert "Guide CLAS" in response.content.decode()
    response = client.post(
        url, {"name": "", "email": "pas-un-courriel", "subject": "x", "message": "court"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Saisissez une adresse de courriel valide" in body
    assert "au moins" in body and "quelques mots" in body
    assert not DocumentationRequest.objects.exists()
    response = client.post(
        url,
        {
            "name": "Marie <b>Joseph</b>",
            "email": "marie@example.org",
            "organisation": "CUCS du Lamentin",
            "subject": "Fiches CLAS",
            "message": "Je cherche des fiches d'expérience sur des projets CLAS.",
            "document_slug": document.slug,
        },
        follow=True,
    )
    assert "votre demande a bien été reçue" in response.content.decode()
    request = DocumentationRequest.objects.get()
    assert request.status == "new" and request.document == document
    assert len(mail.outbox) == 1 and "Fiches CLAS" in mail.outbox[0].subject


def test_honeypot_blocks_bots(client):
    client.post(
        reverse("documentation:request"),
        {
            "name": "Bot",
            "email": "b@example.org",
            "subject": "Spam",
            "message": "Buy things now!!",
            "website_url": "x",
        },
    )
    assert not DocumentationRequest.objects.exists()


def test_staff_reply_by_email_from_the_admin(client, secretariat_user):
    request = DocumentationRequest.objects.create(
        name="Marie", email="marie@example.org", subject="Fiches CLAS", message="Je cherche…"
    )
    client.force_login(secretariat_user)
    url = reverse("admin:documentation_documentationrequest_change", args=[request.pk])
    response = client.post(url, {"status": "in_progress", "reply": "", "send_reply": "on"})
    assert response.status_code == 200
    assert "Rédigez la réponse" in response.content.decode()
    response = client.post(
        url, {"status": "in_progress", "reply": "Voici trois fiches CLAS.", "send_reply": "on"}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "answered" and request.replied_by == secretariat_user
    assert request.reply == "Voici trois fiches CLAS."
    assert mail.outbox[-1].to == ["marie@example.org"]
    assert "Voici trois fiches CLAS." in mail.outbox[-1].body
    changelist = client.get(reverse("admin:documentation_documentationrequest_changelist"))
    assert changelist.status_code == 200
