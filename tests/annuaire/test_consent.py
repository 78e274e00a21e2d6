"""A person who did not consent never appears anywhere public."""

import pytest
from django.urls import reverse

from annuaire.models import Person
from tests.annuaire.conftest import make_organisation, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def town(vocabulary):
    return make_organisation("Ville du Lamentin", "Le Lamentin", kind="commune")


@pytest.fixture
def people(town):
    public = make_person(
        "Jean-Claude", "Sainte-Rose", consent=True, organisation=town,
        function="Coordinateur CLSPD", phone="0596 60 00 02", show_phone=True,
        email="jc@example.org",
    )  # fmt: skip
    private = make_person(
        "Paulette", "Rosier", consent=False, organisation=town,
        function="Adulte relais", email="paulette@example.org", phone="0696 10 20 30",
    )  # fmt: skip
    return public, private


def test_person_page_shows_only_what_was_agreed(client, people):
    public, _private = people
    html = client.get(public.get_absolute_url()).content.decode()
    assert "Jean-Claude Sainte-Rose" in html
    assert "Coordinateur CLSPD" in html
    assert "0596 60 00 02" in html  # show_phone
    assert "jc@example.org" not in html  # show_email is off


def test_non_consenting_person_page_and_vcard_are_404(client, people):
    _public, private = people
    assert client.get(reverse("annuaire:person", args=[private.slug])).status_code == 404
    assert client.get(reverse("annuaire:person_vcard", args=[private.slug])).status_code == 404


def test_non_consenting_person_absent_from_search_and_organisation_page(client, people, town):
    _public, private = people
    for query in ["rosier", "paulette", "adulte relais", "lamentin"]:
        response = client.get(reverse("annuaire:index"), {"q": query})
        html = response.content.decode()
        assert "Rosier" not in html
        assert private not in response.context["people"]
    html = client.get(town.get_absolute_url()).content.decode()
    assert "Sainte-Rose" in html
    assert "Rosier" not in html and "Adulte relais" not in html


def test_withdrawn_consent_takes_effect_at_once(client, people):
    public, _private = people
    url = public.get_absolute_url()
    assert client.get(url).status_code == 200
    Person.objects.filter(pk=public.pk).update(public_consent=False)
    assert client.get(url).status_code == 404
    assert client.get(reverse("annuaire:person_vcard", args=[public.slug])).status_code == 404
    response = client.get(reverse("annuaire:index"), {"q": "sainte rose"})
    assert list(response.context["people"]) == []


def test_vcard_holds_only_consented_fields(client, people):
    public, _private = people
    response = client.get(reverse("annuaire:person_vcard", args=[public.slug]))
    assert response["Content-Type"].startswith("text/vcard")
    card = response.content.decode()
    assert card.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n")
    assert "FN:Jean-Claude Sainte-Rose" in card
    assert "TITLE:Coordinateur CLSPD" in card
    assert "TEL;TYPE=WORK,VOICE:0596 60 00 02" in card
    assert "EMAIL" not in card and "jc@example.org" not in card


def test_vcard_escapes_special_characters(client, town):
    person = make_person(
        "Anne", "Dupont; Durand", consent=True, organisation=town, function="Élue, déléguée"
    )
    card = client.get(reverse("annuaire:person_vcard", args=[person.slug])).content.decode()
    assert "N:Dupont\\; Durand;Anne;;;" in card
    assert "TITLE:Élue\\, déléguée" in card


def test_erased_person_is_not_public_even_with_consent_left(client, people):
    public, _private = people
    from django.utils import timezone

    Person.objects.filter(pk=public.pk).update(erased_at=timezone.now())
    assert client.get(public.get_absolute_url()).status_code == 404


def test_consent_date_is_recorded(people):
    public, private = people
    assert public.consent_date is not None
    assert private.consent_date is None


def test_html_in_names_is_escaped(client, town):
    person = make_person("<b>Bob</b>", "<script>x()</script>", consent=True, organisation=town)
    html = client.get(person.get_absolute_url()).content.decode()
    assert "<script>x()</script>" not in html
    assert "&lt;script&gt;x()&lt;/script&gt;" in html


def test_withdrawing_consent_from_the_admin_clears_its_proof(client, direction_user, people):
    public, _private = people
    public.public_consent = False
    public.save()
    public.refresh_from_db()
    assert public.consent_date is None and not public.show_phone


def test_other_apps_add_sections_to_the_organisation_page(client, town, settings):
    from annuaire.sections import register_section, unregister_section

    engine = settings.TEMPLATES[0]
    test_templates = settings.BASE_DIR / "tests" / "annuaire" / "templates"
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], test_templates]}]
    register_section(
        "events",
        "annuaire_tests/section.html",
        lambda request, org: {"title": f"Events of {org.name}"},
    )
    register_section("hidden", "annuaire_tests/section.html", lambda request, org: None)
    try:
        html = client.get(town.get_absolute_url()).content.decode()
    finally:
        unregister_section("events")
        unregister_section("hidden")
    assert html.count('class="test-section"') == 1
    assert "Events of Ville du Lamentin" in html


def test_only_current_positions_are_shown(client, town):
    import datetime

    from annuaire.models import Position

    today = datetime.date.today()
    person = make_person("Ancien", "Agent", consent=True)
    Position.objects.create(
        person=person,
        organisation=town,
        function="Ancien poste",
        start_date=today - datetime.timedelta(days=900),
        end_date=today - datetime.timedelta(days=30),
    )
    Position.objects.create(
        person=person,
        organisation=town,
        function="Mission en cours",
        end_date=today + datetime.timedelta(days=30),
    )
    html = client.get(town.get_absolute_url()).content.decode()
    assert "Mission en cours" in html and "Ancien poste" not in html
    html = client.get(person.get_absolute_url()).content.decode()
    assert "Mission en cours" in html and "Ancien poste" not in html
