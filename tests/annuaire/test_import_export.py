"""CSV/XLSX import and export of the directory, from the admin."""

import html
import io

import openpyxl
import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile

from annuaire.models import Organisation, Person
from annuaire.resources import OrganisationResource, PersonResource, SpreadsheetCSV
from tests.annuaire.conftest import make_organisation, make_person

pytestmark = pytest.mark.django_db

ORG_IMPORT = "/admin/annuaire/organisation/import/"
ORG_PROCESS = "/admin/annuaire/organisation/process_import/"
PERSON_IMPORT = "/admin/annuaire/person/import/"
PERSON_PROCESS = "/admin/annuaire/person/process_import/"
CSV, XLSX = "0", "1"


def upload(client, url, content, name="annuaire.csv", fmt=CSV):
    return client.post(
        url, {"format": fmt, "resource": "0", "import_file": SimpleUploadedFile(name, content)}
    )


def confirm(client, url, preview):
    form = preview.context["confirm_form"]
    assert form is not None, "the preview has errors"
    return client.post(url, {name: form[name].value() for name in form.fields})


def text(response):
    return html.unescape(response.content.decode())


def xlsx_bytes(rows):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def staff(client, secretariat_user, vocabulary):
    client.force_login(secretariat_user)
    return client


ORGS_CSV = (
    "Nom;Sigle;Type;Commune;Téléphone;Thématiques;Territoires\n"
    "Association des Jardins de Volga;AJV;Association;fort de france;0596 60 10 10;"
    "Santé, Participation des habitants;Volga-Plage\n"
    "Maison des Associations du Sud;;association;Sainte-Luce;;;CAESM — Communauté "
    "d'agglomération de l'Espace Sud Martinique\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_semicolon_csv_in_any_spreadsheet_encoding_previews_then_imports(staff, encoding):
    preview = upload(staff, ORG_IMPORT, ORGS_CSV.encode(encoding))
    assert preview.status_code == 200
    assert not preview.context["result"].has_errors()
    assert not preview.context["result"].has_validation_errors()
    assert "Association des Jardins de Volga" in text(preview)
    # The preview is a dry run: nothing saved yet.
    assert not Organisation.objects.filter(acronym="AJV").exists()

    response = confirm(staff, ORG_PROCESS, preview)
    assert response.status_code == 302
    volga = Organisation.objects.get(acronym="AJV")
    assert volga.kind == "association"
    assert volga.commune.name == "Fort-de-France"
    assert {t.name for t in volga.themes.all()} == {"Santé", "Participation des habitants"}
    assert [t.name for t in volga.territories.all()] == ["Volga-Plage"]
    assert volga.slug == "ajv"
    sud = Organisation.objects.get(name="Maison des Associations du Sud")
    assert sud.commune.name == "Sainte-Luce"
    assert sud.territories.get().slug == "caesm"


def test_comma_csv_and_xlsx_import(staff):
    preview = upload(staff, ORG_IMPORT, b"nom,type\nRegie de quartier,association\n")
    confirm(staff, ORG_PROCESS, preview)
    assert Organisation.objects.filter(name="Regie de quartier").exists()

    content = xlsx_bytes([["nom", "sigle", "commune"], ["Office Nord", "ON", "Le Robert"]])
    preview = upload(staff, ORG_IMPORT, content, "annuaire.xlsx", XLSX)
    confirm(staff, ORG_PROCESS, preview)
    assert Organisation.objects.get(acronym="ON").commune.name == "Le Robert"


def test_unknown_commune_is_a_row_error_and_nothing_is_imported(staff):
    content = b"nom;commune\nBonne structure;Le Lamentin\nMauvaise structure;Paris\n"
    preview = upload(staff, ORG_IMPORT, content)
    page = text(preview)
    assert "Commune inconnue : « Paris »" in page
    assert preview.context.get("confirm_form") is None
    assert not Organisation.objects.exists()


def test_wrong_columns_are_refused_as_a_whole(staff):
    preview = upload(staff, ORG_IMPORT, b"raison sociale;ville\nX;Y\n")
    page = text(preview)
    assert "Colonnes manquantes : nom." in page
    assert "Colonnes inconnues : raison sociale, ville." in page
    assert "Colonnes attendues" in page
    assert preview.context.get("confirm_form") is None
    assert not Organisation.objects.exists()


def test_empty_trailing_columns_are_ignored_but_doubled_columns_refused(staff):
    preview = upload(staff, ORG_IMPORT, b"nom;sigle;;\nRegie;RQ;;\n")
    assert preview.context["confirm_form"] is not None
    preview = upload(staff, ORG_IMPORT, b"nom;;\nRegie;oups;\n")
    assert "Colonnes inconnues : (sans titre, colonne 2)." in text(preview)
    preview = upload(staff, ORG_IMPORT, b"Nom;nom\nA;B\n")
    assert "Colonnes en double : nom." in text(preview)
    assert not Organisation.objects.exists()


def test_wrong_encoding_or_format_gets_a_clear_message(staff):
    preview = upload(staff, ORG_IMPORT, "nom\nÉcole\n".encode("utf-16"))
    assert "n'est pas un fichier texte CSV lisible" in text(preview)
    preview = upload(staff, ORG_IMPORT, xlsx_bytes([["nom"], ["X"]]))  # XLSX sent as CSV
    assert "n'est pas un fichier texte CSV lisible" in text(preview)
    preview = upload(staff, ORG_IMPORT, b"nom\nX\n", "a.xlsx", XLSX)  # CSV sent as XLSX
    assert "Vérifiez que le format choisi" in text(preview)
    preview = upload(staff, ORG_IMPORT, b"")
    assert preview.context.get("confirm_form") is None
    assert not Organisation.objects.exists()


def test_people_import_reports_bad_email_phone_and_duplicates(staff):
    make_person("Marie", "Existante", email="marie@example.org")
    content = (
        "prenom;nom;courriel;telephone;consentement_annuaire\n"
        "Ana;Bon;ana@example.org;0596 11 22 33;oui\n"
        "Bad;Mail;pas-un-courriel;;non\n"
        "Bad;Phone;;appelez-moi;non\n"
        "Dup;Licate;MARIE@example.org;;non\n"
        "Yes;No;;;peut-être\n"
    ).encode()
    preview = upload(staff, PERSON_IMPORT, content)
    page = text(preview)
    assert "Saisissez une adresse de courriel valide." in page
    assert "Saisissez un numéro de téléphone valide" in page
    assert "Répondez « oui » ou « non »" in page
    assert preview.context.get("confirm_form") is None
    assert list(Person.objects.values_list("last_name", flat=True)) == ["Existante"]


def test_duplicate_email_inside_one_file_is_caught(staff):
    content = b"prenom;nom;courriel\nA;Un;same@example.org\nB;Deux;Same@Example.org\n"
    preview = upload(staff, PERSON_IMPORT, content)
    assert preview.context["result"].has_validation_errors()
    assert "« Same@Example.org » figure déjà à la ligne 1 de ce fichier." in text(preview)
    assert preview.context.get("confirm_form") is None
    assert not Person.objects.exists()


def test_person_import_updates_by_email_and_records_consent(staff):
    person = make_person("Jean", "Ancien", email="jean@example.org")
    content = (
        b"prenom;nom;courriel;consentement_annuaire;courriel_visible;texte_du_consentement\n"
        b"Jean;Nouveau;JEAN@example.org;oui;oui;J'accepte.\n"
    )
    confirm(staff, PERSON_PROCESS, upload(staff, PERSON_IMPORT, content))
    person.refresh_from_db()
    assert person.last_name == "Nouveau"
    assert person.public_consent and person.show_email and person.consent_date
    assert Person.objects.count() == 1


def test_unknown_id_is_a_row_error(staff):
    preview = upload(staff, ORG_IMPORT, b"id;nom\n99999;Fantome\n")
    assert "Aucune fiche n'a l'identifiant 99999" in text(preview)


def test_a_failing_row_rolls_back_the_whole_import(vocabulary):
    """Even without the preview, a bad row anywhere leaves the database untouched."""
    dataset = tablib.Dataset(headers=["nom", "commune"])
    dataset.append(["Première", "Fort-de-France"])
    dataset.append(["Deuxième", "Le Lamentin"])
    dataset.append(["Troisième", "Atlantide"])
    result = OrganisationResource().import_data(dataset, dry_run=False)
    assert result.has_validation_errors()
    assert not Organisation.objects.exists()

    people = tablib.Dataset(headers=["prenom", "nom", "courriel"])
    people.append(["A", "Un", "a@example.org"])
    people.append(["B", "Deux", "mauvais"])
    result = PersonResource().import_data(people, dry_run=False)
    assert result.has_validation_errors()
    assert not Person.objects.exists()


def test_import_needs_add_and_change_permissions(client, bureau_user, vocabulary):
    client.force_login(bureau_user)
    assert client.get(ORG_IMPORT).status_code == 403
    assert upload(client, ORG_IMPORT, b"nom\nX\n").status_code == 403
    assert not Organisation.objects.exists()


def test_export_csv_is_excel_friendly_and_reimportable(staff):
    org = make_organisation("Ville du Lamentin", "Le Lamentin", kind="commune")
    make_person("Paulette", "Rosier", organisation=org, email="p@example.org")
    response = staff.post(
        "/admin/annuaire/organisation/export/",
        {"format": CSV, "resource": "0", **{f"organisationresource_{f}": "on" for f in ["id", "name", "kind", "commune"]}},
    )  # fmt: skip
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeffid;nom;type;commune")
    assert f"{org.pk};Ville du Lamentin;Commune;Le Lamentin" in body
    # Round trip: importing the export changes nothing.
    dataset = SpreadsheetCSV().create_dataset(response.content)
    result = OrganisationResource().import_data(dataset, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert Organisation.objects.count() == 1


def test_people_export_xlsx_is_staff_only_and_complete(staff, client):
    make_person("Paulette", "Rosier", consent=False, email="p@example.org")
    response = staff.post(
        "/admin/annuaire/person/export/",
        {"format": XLSX, "resource": "0", **{f"personresource_{f}": "on" for f in ["last_name", "email", "public_consent"]}},
    )  # fmt: skip
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0] == ("nom", "courriel", "consentement_annuaire")
    assert rows[1] == ("Rosier", "p@example.org", "non")
    client.logout()
    assert client.get("/admin/annuaire/person/export/").status_code == 302  # to the login


def test_imported_description_is_sanitised(staff, client):
    content = b'nom;description\nAsso;"<p>Bonjour</p><script>alert(1)</script><img src=x onerror=alert(2)>"\n'
    confirm(staff, ORG_PROCESS, upload(staff, ORG_IMPORT, content))
    org = Organisation.objects.get(name="Asso")
    assert "<p>Bonjour</p>" in org.description
    assert "script" not in org.description and "onerror" not in org.description
    page = client.get(org.get_absolute_url()).content.decode()
    assert "alert(" not in page
