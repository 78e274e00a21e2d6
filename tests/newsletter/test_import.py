"""CSV import of the existing list, and bounce reports."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from newsletter.models import Subscriber
from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.django_db

CSV = (
    "email;name;organisation\n"
    "Marie@Example.org;Marie Joseph;CACEM\n"
    "pas-une-adresse;Faux;\n"
    "marie@example.org;;Ville du Lamentin\n"
    "connu@example.org;Connu;CAF\n"
    "parti@example.org;Parti;\n"
    "nouveau@example.org;<b>Nouveau</b>;PLIE\n"
)


def upload(client, text, **data):
    return client.post(
        reverse("admin:newsletter_subscriber_import"),
        {
            "file": SimpleUploadedFile("liste.csv", text.encode()),
            "legal_basis": "prior_consent",
            **data,
        },
    )


@pytest.fixture
def staff(client, secretariat_user):
    client.login(username=secretariat_user.username, password=STAFF_PASSWORD)
    Subscriber.objects.create(email="connu@example.org", status="confirmed", source="form")
    Subscriber.objects.create(email="parti@example.org", status="unsubscribed", source="form")
    return client


def test_dry_run_reports_and_changes_nothing(staff):
    response = upload(staff, CSV, dry_run="on")
    assert response.status_code == 200
    assert "Simulation" in response.text
    assert "ligne 3 : « pas-une-adresse »" in response.text
    report = response.context["report"]
    assert report.created == ["marie@example.org", "nouveau@example.org"]
    assert report.merged == ["marie@example.org"]
    assert Subscriber.objects.count() == 2


def test_import_merges_duplicates_records_legal_basis_and_never_resubscribes(staff):
    response = upload(staff, CSV)
    assert response.status_code == 200
    marie = Subscriber.objects.get(email="marie@example.org")
    assert marie.status == "confirmed" and marie.source == "import"
    assert marie.legal_basis == "prior_consent" and marie.organisation == "CACEM"
    assert Subscriber.objects.get(email="parti@example.org").status == "unsubscribed"
    assert Subscriber.objects.get(email="connu@example.org").name == "Connu"
    assert Subscriber.objects.count() == 4
    # HTML in a name comes back escaped in the admin list.
    listing = staff.get(reverse("admin:newsletter_subscriber_changelist"))
    assert "&lt;b&gt;Nouveau&lt;/b&gt;" in listing.text


def test_import_is_all_or_nothing(staff, monkeypatch):
    from newsletter.models import Subscriber as S

    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(S.objects, "bulk_update", broken)
    with pytest.raises(RuntimeError):
        upload(staff, CSV)
    assert Subscriber.objects.count() == 2  # the created rows were rolled back too


def test_file_without_email_column_is_refused(staff):
    response = upload(staff, "nom;structure\nMarie;CACEM\n")
    assert "colonne « email »" in response.text
    assert Subscriber.objects.count() == 2


def test_bureau_cannot_import(client, bureau_user):
    client.login(username=bureau_user.username, password=STAFF_PASSWORD)
    assert upload(client, CSV).status_code == 403


def test_bounce_report_marks_after_the_limit(staff, settings):
    settings.NEWSLETTER_BOUNCE_LIMIT = 2
    report = "email,type\nconnu@example.org,hard\nconnu@example.org,hard\nparti@example.org,soft\ninconnu@example.org,hard\nxx,hard\n"
    response = staff.post(
        reverse("admin:newsletter_subscriber_bounces"),
        {"file": SimpleUploadedFile("bounces.csv", report.encode())},
    )
    assert response.status_code == 200
    result = response.context["result"]
    assert result["counted"] == 2 and result["soft"] == 1 and result["marked"] == 1
    assert result["unknown"] == ["inconnu@example.org"] and result["invalid"] == [6]
    connu = Subscriber.objects.get(email="connu@example.org")
    assert connu.status == "bounced" and connu.hard_bounces == 2


def test_admin_add_subscriber_folds_case_and_refuses_duplicates(staff):
    url = reverse("admin:newsletter_subscriber_add")
    data = {
        "email": "Connu@Example.org",
        "status": "confirmed",
        "source": "admin",
        "legal_basis": "legitimate_interest",
        "hard_bounces": 0,
    }
    response = staff.post(url, {**data, "created_at_0": "2008-11-01", "created_at_1": "10:00"})
    assert response.status_code == 200
    assert "déjà sur la liste" in response.text
    response = staff.post(
        url,
        {
            **data,
            "email": "Nouvelle@Example.org",
            "created_at_0": "2008-11-01",
            "created_at_1": "10:00",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Subscriber.objects.get(email="nouvelle@example.org").source == "admin"


def test_provider_webhook_events(settings):
    from anymail.signals import AnymailTrackingEvent, tracking

    settings.NEWSLETTER_BOUNCE_LIMIT = 2
    Subscriber.objects.create(email="rebond@example.org", status="confirmed", source="form")
    Subscriber.objects.create(email="plainte@example.org", status="confirmed", source="form")

    def send(kind, email):
        event = AnymailTrackingEvent(event_type=kind, recipient=email)
        tracking.send(sender=object, event=event, esp_name="Brevo")

    send("bounced", "Rebond@Example.org")
    assert Subscriber.objects.get(email="rebond@example.org").status == "confirmed"
    send("bounced", "rebond@example.org")
    assert Subscriber.objects.get(email="rebond@example.org").status == "bounced"
    send("opened", "plainte@example.org")  # ignored: no per-person tracking
    send("complained", "plainte@example.org")
    assert Subscriber.objects.get(email="plainte@example.org").status == "unsubscribed"
    send("bounced", "inconnu@example.org")  # not on the list: nothing happens
