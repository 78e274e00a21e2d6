import io

import pytest

from annuaire import demo
from annuaire.models import Organisation, Person, SupportEntry

pytestmark = pytest.mark.django_db


def test_demo_directory_is_complete_and_idempotent(vocabulary, client):
    demo.load(io.StringIO())
    counts = (Organisation.objects.count(), Person.objects.count(), SupportEntry.objects.count())
    demo.load(io.StringIO())
    assert counts == (
        Organisation.objects.count(),
        Person.objects.count(),
        SupportEntry.objects.count(),
    )
    acronyms = set(Organisation.objects.values_list("acronym", flat=True))
    assert {"CACEM", "CAESM", "CCNM", "CAF", "SPIP", "E2C", "CRESS", "IRDSU", "DIV"} <= acronyms
    assert Organisation.objects.get(acronym="DJSCS").parent.name == "Préfecture de la Martinique"
    assert Person.objects.public().exists() and Person.objects.filter(public_consent=False).exists()
    # The non-consenting demo people stay out of the public pages.
    html = client.get(Organisation.objects.get(slug="ville-de-fort-de-france").get_absolute_url())
    assert "Laventure" in html.content.decode() and "Rosier" not in html.content.decode()
