"""Sections other apps add to an organisation's public page (its events, its documents…).

Like the home-page blocks, imports stay one-way: an app registers its section
from its ``AppConfig.ready()`` and the annuaire never imports it::

    from annuaire.sections import register_section

    register_section("documents", "documentation/organisation_section.html",
                     documents_of_organisation, order=20)

``get_context(request, organisation)`` returns the dict its template receives,
or ``None`` to hide the section. It must run a fixed, small number of queries,
and show only what the public may see.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class OrganisationSection:
    key: str
    template: str
    get_context: Callable
    order: int = 50


_sections: dict[str, OrganisationSection] = {}


def register_section(key, template, get_context, order=50):
    _sections[key] = OrganisationSection(key, template, get_context, order)


def unregister_section(key):
    _sections.pop(key, None)


def sections_for(request, organisation):
    """The sections to show, in order, each as (section, context)."""
    shown = []
    for section in sorted(_sections.values(), key=lambda s: (s.order, s.key)):
        context = section.get_context(request, organisation)
        if context is not None:
            shown.append((section, context))
    return shown
