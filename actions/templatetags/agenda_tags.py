import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import _json_script_escapes, format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def json_ld(value):
    """Render ``value`` as a schema.org JSON-LD data block.

    Like ``json_script``, <, > and & are escaped so no text can close the block;
    browsers never execute a data block and CSP does not apply to it.
    """
    data = json.dumps(value, cls=DjangoJSONEncoder).translate(_json_script_escapes)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(data))  # noqa: S308
