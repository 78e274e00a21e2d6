"""``{{ value|richtext }}``: rich text sanitised again when shown (never ``|safe``)."""

from django import template
from django.utils.safestring import mark_safe

from villecaraibe.fields import sanitize_rich_text

register = template.Library()


@register.filter
def richtext(value):
    return mark_safe(sanitize_rich_text(str(value or "")))  # noqa: S308 - sanitised by nh3
