"""Public pages of the directory. Only ``Person.objects.public()`` people ever appear here."""

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from annuaire.filters import OrganisationFilter
from annuaire.models import Organisation, Person, Position
from annuaire.sections import sections_for
from annuaire.vcard import person_vcard

ORGANISATIONS_PER_PAGE = 20
PEOPLE_SHOWN = 30


def _current_positions():
    return Prefetch(
        "positions",
        queryset=Position.objects.current().select_related("organisation"),
        to_attr="current_positions_list",
    )


def index(request):
    """Search and filter organisations; list the consenting people matching the words."""
    filterset = OrganisationFilter(
        request.GET or None,
        queryset=Organisation.objects.select_related("commune").prefetch_related("themes"),
    )
    searched = filterset.is_bound and filterset.is_valid()
    if filterset.is_bound and not searched:
        organisations = Organisation.objects.none()
    else:
        organisations = filterset.qs
    page = Paginator(organisations, ORGANISATIONS_PER_PAGE).get_page(request.GET.get("page"))

    people = []
    words = filterset.form.cleaned_data.get("q") if searched else ""
    if words:
        people_qs = Person.objects.public().search(words)
        data = filterset.form.cleaned_data
        if data.get("theme"):
            people_qs = people_qs.filter(themes=data["theme"])
        if data.get("territory") or data.get("kind"):
            # People working now for an organisation of that place or kind (the
            # words apply to the person, not to their organisation).
            scope = Organisation.objects.all()
            if data.get("territory"):
                scope = filterset.filter_territory(scope, "territory", data["territory"])
            if data.get("kind"):
                scope = scope.filter(kind=data["kind"])
            people_qs = people_qs.filter(
                Exists(
                    Position.objects.current().filter(
                        person_id=OuterRef("pk"), organisation__in=scope.values("pk")
                    )
                )
            )
        people = list(people_qs.prefetch_related(_current_positions())[: PEOPLE_SHOWN + 1])

    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "annuaire/index.html",
        {
            "filter": filterset,
            "page_obj": page,
            "people": people[:PEOPLE_SHOWN],
            "more_people": len(people) > PEOPLE_SHOWN,
            "words": words,
            "searched": searched,
            "querystring": query.urlencode(),
        },
    )


def organisation_detail(request, slug):
    organisation = get_object_or_404(
        Organisation.objects.select_related("commune", "parent").prefetch_related(
            "themes",
            "territories",
            "children",
            Prefetch(
                "positions",
                queryset=Position.objects.current()
                .filter(person__in=Person.objects.public())
                .select_related("person")
                .order_by("person__last_name", "person__first_name"),
                to_attr="public_positions",
            ),
        ),
        slug=slug,
    )
    return render(
        request,
        "annuaire/organisation_detail.html",
        {"organisation": organisation, "sections": sections_for(request, organisation)},
    )


def _public_person(slug):
    return get_object_or_404(
        Person.objects.public().prefetch_related("themes", _current_positions()), slug=slug
    )


def person_detail(request, slug):
    return render(request, "annuaire/person_detail.html", {"person": _public_person(slug)})


def person_vcard_download(request, slug):
    person = _public_person(slug)
    card = person_vcard(
        person,
        person.current_positions_list,
        request.build_absolute_uri(person.get_absolute_url()),
    )
    response = HttpResponse(card, content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{person.slug}.vcf"'
    return response
