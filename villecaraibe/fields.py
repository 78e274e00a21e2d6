"""Model fields shared by the apps."""

from django_prose_editor.fields import ProseEditorField

from villecaraibe.text import RICH_TEXT_EXTENSIONS


def RichTextField(*args, **kwargs):  # noqa: N802 - reads like a field class
    """A django-prose-editor field whose HTML is sanitised by nh3 when saved."""
    kwargs.setdefault("extensions", RICH_TEXT_EXTENSIONS)
    kwargs.setdefault("sanitize", True)
    kwargs.setdefault("blank", True)
    return ProseEditorField(*args, **kwargs)


# Rich text is sanitised twice: when saved (whatever saves it: admin, import, demo,
# shell), by the pre_save handler below, and when shown, by the ``richtext`` filter.

_rich_fields_cache = {}


def sanitize_rich_text(html):
    """The rich-text HTML reduced to what the editor can produce (nh3)."""
    from django_prose_editor.fields import create_sanitizer

    sanitizer = _rich_fields_cache.get("_sanitizer")
    if sanitizer is None:
        sanitizer = _rich_fields_cache["_sanitizer"] = create_sanitizer(RICH_TEXT_EXTENSIONS)
    return sanitizer(html or "")


def _rich_fields(model):
    fields = _rich_fields_cache.get(model)
    if fields is None:
        fields = _rich_fields_cache[model] = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, ProseEditorField) and getattr(f, "sanitize", None)
        ]
    return fields


def sanitize_rich_text_on_save(sender, instance, raw=False, **kwargs):
    """pre_save: sanitise every sanitising ProseEditorField of the instance."""
    if raw:
        return
    for field in _rich_fields(sender):
        value = getattr(instance, field.attname)
        if value:
            setattr(instance, field.attname, field.sanitize(value))
