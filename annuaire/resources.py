"""CSV and XLSX import and export of organisations and people (django-import-export).

What an import guarantees:

- files as spreadsheets write them are read: UTF-8 with or without BOM, or
  Excel's Windows-1252 ("Latin-1"); comma, semicolon or tab separated;
- column headers are matched ignoring case, accents and spaces ("Téléphone",
  "telephone"); a file missing a required column, or with unknown columns, is
  refused as a whole with a French message naming them;
- every row is validated like the admin form (e-mail, phone, URL, unique
  e-mail, known commune, themes and territories); errors are listed row by row;
- nothing is half-imported: if any row fails, the whole import rolls back.
"""

import csv

import tablib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets
from import_export.formats import base_formats

from annuaire.models import Organisation, Person
from villecaraibe.models import Territory, Theme
from villecaraibe.text import normalize_search


class ImportFileError(ValueError):
    """The file as a whole cannot be imported; the message says why, in French."""


def decode_spreadsheet_text(data):
    """Decode the bytes of a CSV saved by a spreadsheet: UTF-8 (BOM or not), else Windows-1252."""
    if isinstance(data, str):
        return data
    if b"\x00" in data[:4096]:
        raise ImportFileError(
            _(
                "This file is not a readable CSV text file (it may be an Excel workbook or a "
                "UTF-16 file). Choose the XLSX format, or save the file as “CSV UTF-8” or "
                "“CSV (semicolon separated)”."
            )
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise ImportFileError(
            _(
                "The encoding of this file is not recognised. Save it as “CSV UTF-8” or "
                "“CSV (semicolon separated)” from your spreadsheet."
            )
        ) from None


def sniff_delimiter(text):
    first_line = text.split("\n", 1)[0]
    counts = {d: first_line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


class SpreadsheetCSV(base_formats.CSV):
    """CSV as spreadsheets write and read it (see the module docstring).

    Declared binary so that the uploaded bytes reach ``create_dataset`` untouched
    and the encoding is guessed here rather than imposed.
    """

    def get_title(self):
        return "csv"

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream, **kwargs):
        text = decode_spreadsheet_text(in_stream)
        if not text.strip():
            raise ImportFileError(_("The file is empty."))
        try:
            return tablib.import_set(text, format="csv", delimiter=sniff_delimiter(text))
        except (csv.Error, tablib.InvalidDimensions) as exc:
            raise ImportFileError(
                _("The file could not be read as CSV: rows do not have the same number of columns.")
            ) from exc

    def export_data(self, dataset, **kwargs):
        # A BOM and semicolons: what Excel in French opens correctly with a double click.
        return "\ufeff" + dataset.export("csv", delimiter=";")


FORMATS = [SpreadsheetCSV, base_formats.XLSX]


# Widgets: values as staff type them in a spreadsheet.


class CommuneWidget(widgets.ForeignKeyWidget):
    """A commune of Martinique, by name (any case, accents, hyphens) or INSEE code."""

    def __init__(self):
        super().__init__(Territory, field="name")

    def clean(self, value, row=None, **kwargs):
        value = (str(value) if value is not None else "").strip()
        if not value:
            return None
        communes = Territory.objects.communes()
        match = communes.filter(search_name=normalize_search(value)).first() or (
            communes.filter(insee_code=value).first()
        )
        if match is None:
            raise ValueError(
                _(
                    "Unknown commune: “%(name)s”. Give the name of a commune of Martinique, "
                    "e.g. Fort-de-France or Le Lamentin."
                )
                % {"name": value}
            )
        return match


class NamedManyWidget(widgets.ManyToManyWidget):
    """Several themes or territories, by name or slug, separated by commas."""

    def __init__(self, model, label):
        super().__init__(model, separator=",", field="name")
        self.label = label

    def clean(self, value, row=None, **kwargs):
        names = [n.strip() for n in str(value or "").replace(";", ",").split(",") if n.strip()]
        if not names:
            return self.model.objects.none()
        objects = list(self.model.objects.all())
        by_key = {}
        for obj in objects:
            by_key[normalize_search(obj.name)] = obj
            by_key[obj.slug] = obj
        found, unknown = [], []
        for name in names:
            obj = by_key.get(normalize_search(name)) or by_key.get(name)
            (found.append(obj) if obj else unknown.append(name))
        if unknown:
            raise ValueError(
                _("Unknown %(what)s: %(names)s.")
                % {"what": self.label, "names": ", ".join(f"“{n}”" for n in unknown)}
            )
        return self.model.objects.filter(pk__in=[o.pk for o in found])

    def render(self, value, obj=None, **kwargs):
        return ", ".join(o.name for o in value.all()) if value is not None else ""


class ChoiceWidget(widgets.Widget):
    """A choice by its code or its label, in any case ("Association", "association")."""

    def __init__(self, choices, label):
        super().__init__()
        self.choices = choices
        self.label = label

    def clean(self, value, row=None, **kwargs):
        value = str(value or "").strip()
        if not value:
            return ""
        for code, label in self.choices:
            if normalize_search(value) in (normalize_search(code), normalize_search(str(label))):
                return code
        raise ValueError(
            _("Unknown %(what)s: “%(value)s”. Expected one of: %(choices)s.")
            % {
                "what": self.label,
                "value": value,
                "choices": ", ".join(str(label) for code, label in self.choices if code),
            }
        )

    def render(self, value, obj=None, **kwargs):
        return str(dict(self.choices).get(value, value or ""))


class YesNoWidget(widgets.Widget):
    YES = {"oui", "o", "yes", "y", "vrai", "true", "1", "x"}
    NO = {"non", "n", "no", "faux", "false", "0", ""}

    def clean(self, value, row=None, **kwargs):
        folded = normalize_search(str(value if value is not None else ""))
        if folded in self.YES:
            return True
        if folded in self.NO:
            return False
        raise ValueError(_("Answer “oui” or “non”, not “%(value)s”.") % {"value": value})

    def render(self, value, obj=None, **kwargs):
        return "oui" if value else "non"


class ParentWidget(widgets.ForeignKeyWidget):
    def __init__(self):
        super().__init__(Organisation, field="name")

    def clean(self, value, row=None, **kwargs):
        value = str(value or "").strip()
        if not value:
            return None
        match = (
            Organisation.objects.filter(acronym__iexact=value).first()
            or Organisation.objects.filter(name__iexact=value).first()
        )
        if match is None:
            raise ValueError(_("Unknown parent organisation: “%(name)s”.") % {"name": value})
        return match

    def render(self, value, obj=None, **kwargs):
        return (value.acronym or value.name) if value else ""


def header_key(header):
    return normalize_search(header or "").replace(" ", "_")


class DirectoryResource(resources.ModelResource):
    """What both resources share: header matching, whole-file checks, all-or-nothing."""

    required_columns = ()
    display_name = ""

    def import_data(self, dataset, dry_run=False, raise_errors=False, **kwargs):
        # Nothing half-imported: a validation error in any row rolls everything back.
        kwargs["rollback_on_validation_errors"] = True
        kwargs.pop("use_transactions", None)
        problem = self.check_headers(dataset)
        if problem:
            result = self.get_result_class()()
            result.total_rows = len(dataset)
            result.append_base_error(self.get_error_result_class()(ImportFileError(problem)))
            if raise_errors:
                raise ImportFileError(problem)
            return result
        return super().import_data(
            dataset, dry_run=dry_run, raise_errors=raise_errors, use_transactions=True, **kwargs
        )

    def check_headers(self, dataset):
        """Match headers to the known columns; return a French message if the file can't work."""
        known = [f.column_name for f in self.get_import_fields()]
        known_by_key = {header_key(c): c for c in known}
        if not dataset.headers or not any(dataset.headers):
            return _("The file has no header row.")
        headers, unknown, twice = [], [], []
        for index, header in enumerate(dataset.headers):
            if not str(header or "").strip():
                # Spreadsheets often add empty trailing columns: harmless if empty.
                if any(str(v or "").strip() for v in dataset.get_col(index)):
                    unknown.append(_("(untitled, column %(number)d)") % {"number": index + 1})
                headers.append(f"__empty_{index}")
                continue
            column = known_by_key.get(header_key(header))
            if column is None:
                unknown.append(str(header))
            elif column in headers:
                twice.append(column)
            headers.append(column or header)
        dataset.headers = headers
        missing = [c for c in self.required_columns if c not in headers]
        if missing or unknown or twice:
            parts = []
            if missing:
                parts.append(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
            if unknown:
                parts.append(_("Unknown columns: %(columns)s.") % {"columns": ", ".join(unknown)})
            if twice:
                parts.append(_("Columns given twice: %(columns)s.") % {"columns": ", ".join(twice)})
            parts.append(_("Expected columns: %(columns)s.") % {"columns": ", ".join(known)})
            return " ".join(parts)
        return None

    def get_instance(self, instance_loader, row):
        pk = str(row.get("id") or "").strip()
        if pk:
            instance = self._meta.model.objects.filter(pk=pk).first() if pk.isdigit() else None
            if instance is None:
                raise ValidationError(
                    _("No record has the id %(id)s; leave the id column empty to create one.")
                    % {"id": pk}
                )
            return instance
        return self.find_existing(row)

    def find_existing(self, row):
        return None

    # A natural key (column, folded value) that must not appear twice in one file.
    unique_column = None

    def before_import(self, dataset, **kwargs):
        self._seen_in_file = {}

    def before_import_row(self, row, row_number=None, **kwargs):
        """Two rows of one file describing the same record are a mistake: say which."""
        if not self.unique_column:
            return
        value = normalize_search(str(row.get(self.unique_column) or ""))
        if not value:
            return
        first = self._seen_in_file.setdefault(value, row_number)
        if first != row_number:
            raise ValidationError(
                {
                    self.fields[self.unique_field].attribute: _(
                        "“%(value)s” already appears on row %(row)s of this file."
                    )
                    % {"value": row.get(self.unique_column), "row": first}
                }
            )

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # The slug is derived from the name, as when saved from the admin.
        instance.ensure_slug()
        super().validate_instance(instance, import_validation_errors, validate_unique)

    def get_import_id_fields(self):
        return []

    @classmethod
    def get_display_name(cls):
        return str(cls.display_name)


class OrganisationResource(DirectoryResource):
    id = fields.Field(attribute="id", column_name="id", widget=widgets.IntegerWidget())
    name = fields.Field(attribute="name", column_name="nom")
    acronym = fields.Field(attribute="acronym", column_name="sigle")
    kind = fields.Field(
        attribute="kind",
        column_name="type",
        widget=ChoiceWidget(Organisation.Kind.choices, gettext_lazy("kind of organisation")),
    )
    address = fields.Field(attribute="address", column_name="adresse")
    commune = fields.Field(attribute="commune", column_name="commune", widget=CommuneWidget())
    phone = fields.Field(attribute="phone", column_name="telephone")
    email = fields.Field(attribute="email", column_name="courriel")
    website = fields.Field(attribute="website", column_name="site_web")
    description = fields.Field(attribute="description", column_name="description")
    themes = fields.Field(
        attribute="themes",
        column_name="thematiques",
        widget=NamedManyWidget(Theme, gettext_lazy("themes")),
    )
    territories = fields.Field(
        attribute="territories",
        column_name="territoires",
        widget=NamedManyWidget(Territory, gettext_lazy("territories")),
    )
    parent = fields.Field(
        attribute="parent", column_name="organisation_mere", widget=ParentWidget()
    )

    required_columns = ("nom",)
    display_name = gettext_lazy("Organisations")
    unique_column, unique_field = "nom", "name"

    class Meta:
        model = Organisation
        fields = (
            "id", "name", "acronym", "kind", "address", "commune", "phone", "email",
            "website", "description", "themes", "territories", "parent",
        )  # fmt: skip
        clean_model_instances = True
        skip_unchanged = True
        use_transactions = True

    def find_existing(self, row):
        name = str(row.get("nom") or "").strip()
        return Organisation.objects.filter(name__iexact=name).first() if name else None

    def before_save_instance(self, instance, row, **kwargs):
        if not instance.kind:
            instance.kind = Organisation.Kind.OTHER

    def get_export_queryset(self, request=None):
        return Organisation.objects.select_related("commune", "parent").prefetch_related(
            "themes", "territories"
        )


class PersonResource(DirectoryResource):
    """People, with their consent. Staff only: it exports people who did not consent too."""

    id = fields.Field(attribute="id", column_name="id", widget=widgets.IntegerWidget())
    civility = fields.Field(
        attribute="civility",
        column_name="civilite",
        widget=ChoiceWidget(Person.Civility.choices, gettext_lazy("civility")),
    )
    first_name = fields.Field(attribute="first_name", column_name="prenom")
    last_name = fields.Field(attribute="last_name", column_name="nom")
    email = fields.Field(attribute="email", column_name="courriel")
    phone = fields.Field(attribute="phone", column_name="telephone")
    themes = fields.Field(
        attribute="themes",
        column_name="thematiques",
        widget=NamedManyWidget(Theme, gettext_lazy("themes")),
    )
    public_consent = fields.Field(
        attribute="public_consent", column_name="consentement_annuaire", widget=YesNoWidget()
    )
    consent_text = fields.Field(attribute="consent_text", column_name="texte_du_consentement")
    show_email = fields.Field(
        attribute="show_email", column_name="courriel_visible", widget=YesNoWidget()
    )
    show_phone = fields.Field(
        attribute="show_phone", column_name="telephone_visible", widget=YesNoWidget()
    )

    required_columns = ("prenom", "nom")
    display_name = gettext_lazy("People")
    unique_column, unique_field = "courriel", "email"

    class Meta:
        model = Person
        fields = (
            "id", "civility", "first_name", "last_name", "email", "phone", "themes",
            "public_consent", "consent_text", "show_email", "show_phone",
        )  # fmt: skip
        clean_model_instances = True
        skip_unchanged = True
        use_transactions = True

    def find_existing(self, row):
        email = str(row.get("courriel") or "").strip()
        return Person.objects.filter(email__iexact=email).first() if email else None

    def get_export_queryset(self, request=None):
        return Person.objects.filter(erased_at__isnull=True).prefetch_related("themes")
