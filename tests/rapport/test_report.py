"""The annual activity report: the 2008 report against the source document, the PDF,
the free sections, empty and bad years, permissions and the query budget."""

import io
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from rapport.busy_year import seed_year
from rapport.models import AnnualReport
from tests.conftest import make_staff

from .conftest import YEAR


def report_url(year):
    return reverse("admin:rapport_annualreport_report", args=[year])


def pdf_url(year):
    return reverse("admin:rapport_annualreport_pdf", args=[year])


def pdf_text(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def squash(text):
    return re.sub(r"\s+", " ", text)


# What the 2008 activity report (shared/seeds/001_…) says of each event: title words,
# date as the report gives it, participants.
SOURCE_2008 = [
    ("Journée d'information collective CLAS", "2 avril 2008", 100),  # "au nombre de 100"
    ("Les enjeux du commerce dans les opérations de renouvellement urbain", "10 avril 2008", 20),
    ("Rencontre « Territoires, outils et acteurs de la politique de la ville »", "16 mai 2008", 61),
    (
        "Cycle de qualification prévention de la délinquance",
        "24 juin",
        30,
    ),  # "une trentaine par jour"
    ("Cycle de qualification sur l'évaluation de la politique de la ville", "22 septembre", 51),
    ("Journée de qualification collective sur la prévention de la récidive", "6 novembre 2008", 30),
]


@pytest.fixture
def demo(vocabulary):
    call_command("load_demo", verbosity=0)


def test_2008_report_lists_the_source_events_with_their_counts(client, direction_user, demo):
    client.force_login(direction_user)
    response = client.get(report_url(2008))
    assert response.status_code == 200
    report = response.context["report"]
    counts = {row.event.title: row.participants for row in report.events}
    assert counts == {title: n for title, _day, n in SOURCE_2008}
    assert report.participants_total == 292
    html = squash(response.content.decode())
    articles = re.findall(r'<article class="report-event".*?</article>', html)
    assert len(articles) == 6
    for title, day, participants in SOURCE_2008:
        [article] = [a for a in articles if title.replace("'", "&#x27;") in a]
        assert day in article, title
        assert f'class="report-participants">{participants}</dd>' in article, title
    # Speakers, venues, partners and satisfaction, as the source tells them.
    assert "F. Kossman (expert ANRU)" in html
    assert "Nicole Chambron" in html and "R. Epstein" in html
    assert "Restaurant New World" in html and "Squash Hôtel" in html
    assert "10 retournés : 7 très satisfaits, 3 assez satisfaits" in html
    # The programme's six actions carried out by these events, all done.
    assert "6 événements tenus, 292 participants au total." in html
    actions = {row.action.number: row for row in report.actions}
    assert actions[5].participants == 51 and actions[5].satisfaction.total == 10
    assert actions[5].downloads == 127  # "127 téléchargements du Compte rendu"
    # Evaluation grids and the budget by funder of the 2008 programme.
    assert "Qualification sur l&#x27;évaluation" in html
    assert "Recettes par financeur" in html


def test_2008_pdf_has_a_table_of_contents_page_numbers_and_the_events(client, direction_user, demo):
    client.force_login(direction_user)
    text = squash(pdf_text(client.get(pdf_url(2008))))
    assert "Rapport d'activités 2008" in text
    assert "Sommaire" in text
    # Each TOC entry ends with the page its section starts on.
    toc = text.split("Sommaire", 1)[1][:2000]
    for title in [
        "Présentation du centre",
        "Les activités ponctuelles réalisées en 2008",
        "Budget",
    ]:
        assert re.search(re.escape(title) + r" ?\.{3,} ?\d+", toc), title
    for title, _day, _n in SOURCE_2008:
        assert title in text, title
    assert "Participants : 61" in text


def test_free_sections_are_sanitised_and_shown_on_the_page_and_in_the_pdf(
    client, direction_user, db
):
    client.force_login(direction_user)
    payload = '<p>Une année <strong>forte</strong></p><script>alert("x")</script><img src=x onerror=alert(1)>'
    response = client.post(
        reverse("admin:rapport_annualreport_add"),
        {
            "year": 2019,
            "highlights": payload,
            "assessment": "",
            "outlook": "<p>Ouvrir un cycle sur l'observation.</p>",
            "presentation": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = AnnualReport.objects.get(year=2019)
    assert "<script" not in saved.highlights and "onerror" not in saved.highlights
    assert "<strong>forte</strong>" in saved.highlights
    assert saved.updated_by == direction_user
    html = client.get(report_url(2019)).content.decode()
    assert "Une année <strong>forte</strong>" in html
    assert "alert(" not in html and "onerror" not in html
    assert "Perspectives 2020" in html and "Ouvrir un cycle sur l'observation." in html
    text = squash(pdf_text(client.get(pdf_url(2019))))
    assert "Une année forte" in text and "alert" not in text
    assert re.search(r"2019 en quelques mots ?\.{3,} ?\d+", text)
    assert "Ouvrir un cycle sur l'observation." in text


def test_free_text_written_outside_the_admin_is_sanitised_on_the_way_out(
    client, direction_user, db
):
    AnnualReport.objects.create(year=2018, highlights="<p>Bien</p><script>alert(1)</script>")
    client.force_login(direction_user)
    html = client.get(report_url(2018)).content.decode()
    assert "<p>Bien</p>" in html and "alert(1)" not in html


def test_an_empty_year_gives_an_honest_empty_report(client, direction_user, db):
    client.force_login(direction_user)
    response = client.get(report_url(2030))
    assert response.status_code == 200
    html = response.content.decode()
    for sentence in [
        "Aucune donnée enregistrée pour 2030",
        "Aucun programme enregistré pour 2030.",
        "Aucun événement tenu en 2030.",
        "Aucun accompagnement enregistré en 2030.",
        "Aucun document ajouté au fonds en 2030.",
        "Aucune demande de documentation en 2030.",
        "Aucune lettre envoyée en 2030.",
        "Aucune grille d'évaluation rédigée pour 2030.",
        "Aucun budget enregistré pour 2030.",
    ]:
        assert sentence in html, sentence
    text = squash(pdf_text(client.get(pdf_url(2030))))
    assert "Aucun événement tenu en 2030." in text and "Sommaire" in text


@pytest.mark.parametrize("year", ["abcd", "0", "99999", "1999", "2101", "-5", "20O8"])
def test_a_bad_year_answers_404(client, direction_user, year):
    client.force_login(direction_user)
    assert client.get(report_url(year)).status_code == 404
    assert client.get(pdf_url(year)).status_code == 404


def test_choosing_a_year_leads_to_its_report_or_explains(client, direction_user):
    client.force_login(direction_user)
    url = reverse("admin:rapport_annualreport_choose")
    response = client.get(url, {"year": "2008"})
    assert response.status_code == 302 and response["Location"] == report_url(2008)
    response = client.get(url, {"year": "deux mille"})
    assert response.status_code == 200
    assert "Saisissez une année, par exemple 2008." in response.content.decode()


def test_anonymous_and_non_staff_are_refused(client, db):
    for url in (report_url(2008), pdf_url(2008)):
        response = client.get(url)
        assert response.status_code == 302 and reverse("admin:login") in response["Location"]
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_user("visiteur", password="x-Long-pw0rd"))
    assert client.get(pdf_url(2008)).status_code == 302
    client.force_login(make_staff("stagiaire"))
    assert client.get(report_url(2008)).status_code == 403
    assert client.get(pdf_url(2008)).status_code == 403


def test_bureau_reads_the_report_but_cannot_write_it(client, bureau_user, secretariat_user, db):
    for user in (bureau_user, secretariat_user):
        client.force_login(user)
        html = client.get(report_url(2008)).content.decode()
        assert "Rédiger les sections libres" not in html
        assert client.get(reverse("admin:rapport_annualreport_add")).status_code == 403


def test_the_direction_is_invited_to_write_the_free_sections(client, direction_user, db):
    client.force_login(direction_user)
    html = client.get(report_url(2008)).content.decode()
    assert f"{reverse('admin:rapport_annualreport_add')}?year=2008" in html
    form = client.get(reverse("admin:rapport_annualreport_add"), {"year": 2008})
    assert form.context["adminform"].form.initial["year"] == 2008


def test_known_year_figures_in_the_report(client, direction_user, known_year):
    client.force_login(direction_user)
    report = client.get(report_url(YEAR)).context["report"]
    assert [(row.event.title, row.participants, row.registered) for row in report.events] == [
        ("Cycle évaluation 2025", 12, 12),
        ("Journée récidive 2025", 5, 6),
    ]
    journee = report.events[1]
    assert journee.satisfaction.total == 3 and journee.satisfaction.mean == Decimal("3.3")
    assert report.support_total == 2
    assert report.downloads_total == 198
    assert [issue.number for issue in report.issues] == [101]
    assert (report.subscribers_end, report.subscribers_new, report.subscribers_left) == (3, 4, 1)


def test_report_queries_do_not_grow_with_a_hundred_events(
    client, direction_user, db, django_assert_max_num_queries
):
    seed_year(2011, events=3, registrations=4)
    seed_year(2012, events=100, registrations=5)
    client.force_login(direction_user)
    with django_assert_max_num_queries(40) as small:
        client.get(report_url(2011))
    with django_assert_max_num_queries(len(small.captured_queries)) as big:
        response = client.get(report_url(2012))
    assert len(response.context["report"].events) == 100
    assert response.context["report"].participants_total == 100 * 4  # four in five came
    assert len(big.captured_queries) <= len(small.captured_queries)  # caches warm up once
