"""Staff mark attendance on the grid, add walk-ins, print sheets and certificates, export."""

import csv
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from actions.models import Attendance, Registration
from actions.services import registrations as service
from annuaire.models import Organisation

from .conftest import registration_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def registered(event, commune):
    org = Organisation.objects.create(
        name="Ville de Fort-de-France", kind="commune", commune=commune
    )
    people = [
        service.register(event, registration_data(email="line@ex.org", consent=True)),
        service.register(
            event,
            {
                **registration_data(email="marc@ex.org", first_name="Marc", last_name="Joseph"),
                "organisation": org,
                "consent": True,
            },
        ),
    ]
    return people


def grid_url(event):
    return f"/admin/actions/event/{event.pk}/presences/"


def pdf_text(content):
    assert content.startswith(b"%PDF")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_staff_mark_attendance_on_the_grid(client, secretariat_user, event, registered):
    client.force_login(secretariat_user)
    first, second = event.sessions.all()
    line, marc = registered
    page = client.get(grid_url(event)).content.decode()
    assert "ÉLOI Line" in page and "JOSEPH Marc" in page
    assert f'value="{line.pk}-{first.pk}"' in page
    response = client.post(
        grid_url(event),
        {"present": [f"{line.pk}-{first.pk}", f"{line.pk}-{second.pk}", f"{marc.pk}-{first.pk}"]},
        follow=True,
    )
    assert "Présences enregistrées : 3 ajoutée(s), 0 retirée(s)" in response.content.decode()
    assert Attendance.objects.count() == 3
    # Unticking removes; junk and another event's pairs are ignored.
    client.post(grid_url(event), {"present": [f"{line.pk}-{first.pk}", "x-y", "999-999"]})
    assert list(Attendance.objects.values_list("registration", "session")) == [(line.pk, first.pk)]


def test_walk_in_is_added_on_the_spot_even_when_full(client, secretariat_user, event, registered):
    event.capacity = 2
    event.save()
    client.force_login(secretariat_user)
    response = client.post(
        grid_url(event),
        {
            "add_walk_in": "1",
            "walkin-first_name": "Rose",
            "walkin-last_name": "Marie",
            "walkin-organisation_name": "Association Bokantaj",
        },
        follow=True,
    )
    assert "Rose Marie a été ajouté(e) à la liste de présence" in response.content.decode()
    walk_in = Registration.objects.get(first_name="Rose")
    assert walk_in.walk_in and walk_in.status == Registration.Status.CONFIRMED


def test_walk_in_with_missing_name_is_refused(client, secretariat_user, event):
    client.force_login(secretariat_user)
    response = client.post(grid_url(event), {"add_walk_in": "1", "walkin-first_name": "Rose"})
    assert "Ce champ est obligatoire" in response.content.decode()
    assert not Registration.objects.exists()


def test_bureau_sees_the_grid_but_cannot_change_it(client, bureau_user, event, registered):
    client.force_login(bureau_user)
    assert client.get(grid_url(event)).status_code == 200
    first = event.sessions.first()
    response = client.post(grid_url(event), {"present": [f"{registered[0].pk}-{first.pk}"]})
    assert response.status_code == 403
    assert not Attendance.objects.exists()


def test_visitors_cannot_reach_staff_pages(client, event, registered):
    response = client.get(grid_url(event))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_attendance_sheet_pdf(client, secretariat_user, event, registered):
    from actions.models import EventSpeaker
    from annuaire.models import Person

    EventSpeaker.objects.create(
        event=event,
        person=Person.objects.create(first_name="Renaud", last_name="Epstein"),
        role="sociologue",
    )
    client.force_login(secretariat_user)
    session = event.sessions.first()
    response = client.get(f"/admin/actions/event/{event.pk}/emargement/{session.pk}.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response.content).split())
    for expected in [
        "Feuille d'émargement",
        event.title,
        "Journée entière",
        "08h30",
        "16h30",
        "CNFPT",
        "Fort-de-France",
        "Renaud Epstein",
        "ÉLOI Line",
        "JOSEPH Marc",
        "Signature",
    ]:
        assert expected in text, expected


def test_certificate_pdf(client, secretariat_user, event, registered):
    line = registered[0]
    Attendance.objects.create(registration=line, session=event.sessions.first())
    client.force_login(secretariat_user)
    response = client.get(f"/admin/actions/event/{event.pk}/attestation/{line.pk}.pdf")
    text = pdf_text(response.content)
    assert "Attestation de présence" in text
    assert "Line Éloi" in text and event.title in text
    other = client.get(f"/admin/actions/event/{event.pk + 1}/attestation/{line.pk}.pdf")
    assert other.status_code == 404


def test_csv_and_xlsx_exports(client, secretariat_user, event, registered):
    Attendance.objects.create(registration=registered[1], session=event.sessions.first())
    Registration.objects.filter(pk=registered[0].pk).update(function='=HYPERLINK("x")')
    client.force_login(secretariat_user)
    response = client.get(f"/admin/actions/event/{event.pk}/participants.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Nom", "Prénom", "Courriel"]
    assert len(rows) == 3
    marc = next(r for r in rows if r[0] == "Joseph")
    assert marc[3] == "Ville de Fort-de-France" and marc[4] == "Commune"
    assert marc[10] == "oui"
    line = next(r for r in rows if r[0] == "Éloi")
    assert line[5].startswith("'=")  # no formula injection
    response = client.get(f"/admin/actions/event/{event.pk}/participants.xlsx")
    sheet = load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    ).active
    assert sheet.max_row == 3
    assert sheet["A1"].value == "Nom"


def test_figures_per_event(client, secretariat_user, event, registered):
    first, second = event.sessions.all()
    Attendance.objects.create(registration=registered[0], session=first)
    Attendance.objects.create(registration=registered[1], session=first)
    Attendance.objects.create(registration=registered[1], session=second)
    from actions.services.attendance import figures

    data = figures(event)
    assert data["registered"] == 2
    assert [n for _s, n in data["present_per_session"]] == [2, 1]
    assert data["average_per_day"] == 1.5
    assert dict(data["by_kind"]) == {"Commune": 1, "hors annuaire": 1}
    assert dict(data["by_territory"])["Fort-de-France"] == 1


def test_all_certificates_in_one_pdf(client, secretariat_user, event, registered):
    first, second = event.sessions.all()
    Attendance.objects.create(registration=registered[0], session=first)
    Attendance.objects.create(registration=registered[1], session=second)
    client.force_login(secretariat_user)
    response = client.get(f"/admin/actions/event/{event.pk}/attestations.pdf")
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 2
    pages = [page.extract_text() for page in reader.pages]
    assert sorted("Line Éloi" in text for text in pages) == [False, True]
    assert sorted("Marc Joseph" in text for text in pages) == [False, True]
    assert client.get(f"/admin/actions/event/{event.pk}/participants.exe").status_code == 404


def test_grid_query_budget_with_hundreds_of_registrants(
    client, secretariat_user, event, commune, django_assert_max_num_queries
):
    org = Organisation.objects.create(
        name="Ville de Fort-de-France", kind="commune", commune=commune
    )
    registrations = Registration.objects.bulk_create(
        [
            Registration(
                event=event,
                first_name="P",
                last_name=f"N{i:03}",
                email=f"{i}@ex.org",
                organisation=org if i % 2 else None,
            )
            for i in range(300)
        ]
    )
    first = event.sessions.first()
    Attendance.objects.bulk_create(
        [Attendance(registration=r, session=first) for r in registrations[::3]]
    )
    client.force_login(secretariat_user)
    with django_assert_max_num_queries(20):
        response = client.get(grid_url(event))
    assert response.content.decode().count('name="present"') == 600
    with django_assert_max_num_queries(8):
        client.get(f"/admin/actions/event/{event.pk}/participants.csv")
