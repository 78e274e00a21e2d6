"""Turn an issue into the mail readers get: HTML with its CSS inlined, and plain text.

The personal unsubscribe URL is left as ``UNSUBSCRIBE_MARKER`` in the rendered
letter, so an issue is rendered (and its CSS inlined) once, and each recipient's copy
is one string replacement: the sending loop never touches templates.
"""

from urllib.parse import urlsplit

import css_inline
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from newsletter.services.content import gather

UNSUBSCRIBE_MARKER = "https://unsubscribe.invalid/personal-link/"
_inliner = css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False)


def site_domain():
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def render_issue(issue):
    """(html, text) of ``issue`` as readers will get it, the unsubscribe URL a marker."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "issue": issue,
            **gather(issue),
            "SITE_URL": settings.SITE_URL,
            "CENTRE": settings.CENTRE,
            "unsubscribe_url": UNSUBSCRIBE_MARKER,
            "web_url": settings.SITE_URL + issue.get_absolute_url(),
        }
        html = render_to_string("newsletter/mail/issue.html", context)
        text = render_to_string("newsletter/mail/issue.txt", context)
    return _inliner.inline(html), text


def issue_content(issue):
    """The frozen letter once sending started; a fresh rendering while it is a draft."""
    if issue.html_snapshot:
        return issue.html_snapshot, issue.text_snapshot
    return render_issue(issue)


def personalise(content, url):
    return content.replace(UNSUBSCRIBE_MARKER, url)
