"""The directory's admin forms answer bad input in French; lists keep their query count."""

import pytest

from annuaire.models import Organisation, Person, Position
from tests.annuaire.conftest import make_organisation, make_person
from villecaraibe.models import Territory

pytestmark = pytest.mark.django_db

PERSON_ADD = "/admin/annuaire/person/add/"
ORG_ADD = "/admin/annuaire/organisation/add/"
NO_POSITIONS = {"positions-TOTAL_FORMS": "0", "positions-INITIAL_FORMS": "0"}


@pytest.fixture
def staff(client, secretariat_user, vocabulary):
    client.force_login(secretariat_user)
    return client


def test_duplicate_email_is_refused_whatever_its_case(staff):
    make_person("Marie", "Existante", email="marie@example.org")
    response = staff.post(
        PERSON_ADD, {"first_name": "Marie", "last_name": "Doublon", "email": "MARIE@example.org", **NO_POSITIONS}
    )  # fmt: skip
    assert "Une personne avec cette adresse électronique existe déjà." in response.content.decode()
    assert Person.objects.count() == 1


def test_malformed_phone_email_and_url_get_french_messages(staff):
    response = staff.post(
        PERSON_ADD, {"first_name": "A", "last_name": "B", "email": "pas-un-courriel", "phone": "appelez-moi", **NO_POSITIONS}
    )  # fmt: skip
    html = response.content.decode()
    assert "Saisissez une adresse de courriel valide." in html
    assert "Saisissez un numéro de téléphone valide" in html
    response = staff.post(
        ORG_ADD, {"name": "X", "slug": "x", "kind": "association", "website": "pas une url", "phone": "12", **NO_POSITIONS}
    )  # fmt: skip
    html = response.content.decode()
    assert "Saisissez une URL valide." in html
    assert "Saisissez un numéro de téléphone valide" in html
    assert not Organisation.objects.exists()


def test_person_added_with_a_position(staff):
    org = make_organisation("Ville du Lamentin")
    response = staff.post(
        PERSON_ADD,
        {
            "civility": "m", "first_name": "Jean-Claude", "last_name": "Sainte-Rose",
            "email": "jc@example.org", "public_consent": "on",
            "positions-TOTAL_FORMS": "1", "positions-INITIAL_FORMS": "0",
            "positions-0-organisation": org.pk, "positions-0-function": "Coordinateur CLSPD",
            "positions-0-start_date": "2008-01-15", "positions-0-end_date": "2007-01-01",
        },
    )  # fmt: skip
    assert "La date de fin ne peut pas précéder la date de début." in response.content.decode()
    assert not Person.objects.exists()


def test_admin_lists_keep_a_flat_query_count(staff, django_assert_max_num_queries):
    commune = Territory.objects.communes().first()
    orgs = Organisation.objects.bulk_create(
        [Organisation(name=f"S{i}", slug=f"s{i}", commune=commune) for i in range(300)]
    )
    people = Person.objects.bulk_create(
        [Person(first_name="P", last_name=f"N{i}", slug=f"n{i}", email=f"n{i}@example.org") for i in range(300)]
    )  # fmt: skip
    Position.objects.bulk_create(
        [Position(person=p, organisation=orgs[i], function="Agent") for i, p in enumerate(people)]
    )
    with django_assert_max_num_queries(20):
        assert staff.get("/admin/annuaire/organisation/", {"all": ""}).status_code == 200
    with django_assert_max_num_queries(20):
        response = staff.get("/admin/annuaire/person/")
    assert "S0" in response.content.decode()


def test_consent_wording_is_offered_and_kept_only_with_consent(staff):
    form = staff.get(PERSON_ADD).context["adminform"].form
    assert form.initial["consent_text"] == Person.STANDARD_CONSENT_TEXT
    base = {
        "first_name": "A",
        "last_name": "B",
        "consent_text": Person.STANDARD_CONSENT_TEXT,
        **NO_POSITIONS,
    }
    staff.post(
        PERSON_ADD, {**base, "email": "a@example.org", "public_consent": "on", "show_email": "on"}
    )
    staff.post(PERSON_ADD, {**base, "email": "b@example.org", "show_email": "on"})
    consenting = Person.objects.get(email="a@example.org")
    assert consenting.consent_text == Person.STANDARD_CONSENT_TEXT and consenting.consent_date
    assert consenting.show_email
    other = Person.objects.get(email="b@example.org")
    assert other.consent_text == "" and other.consent_date is None and not other.show_email
