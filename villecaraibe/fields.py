"""Model fields shared by the apps."""

from django_prose_editor.fields import ProseEditorField

from villecaraibe.text import RICH_TEXT_EXTENSIONS


def RichTextField(*args, **kwargs):  # noqa: N802 - reads like a field class
    """A django-prose-editor field whose HTML is sanitised by nh3 when saved."""
    kwargs.setdefault("extensions", RICH_TEXT_EXTENSIONS)
    kwargs.setdefault("sanitize", True)
    kwargs.setdefault("blank", True)
    return ProseEditorField(*args, **kwargs)
