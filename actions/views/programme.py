"""Public pages of the annual programme: the current year, a year, an action, a PDF."""

from django.contrib.staticfiles import finders
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch
from django.utils import timezone

from actions.models import Action, Axis, Evaluation, Programme
from actions.services.programme import action_figures, budget_summary, timeline
from annuaire.models import Organisation

ACTIONS_PER_PAGE = 30


def programme_current(request):
    """The programme of the current year, or the latest one."""
    programme = Programme.objects.visible_to(request.user).current(timezone.localdate().year)
    if programme is None:
        return render(request, "actions/programme/programme_none.html", status=200)
    return _render_programme(request, programme)


def programme_year(request, year):
    programme = get_object_or_404(Programme.objects.visible_to(request.user), year=year)
    return _render_programme(request, programme)


def programme_pdf(request, year):
    """The same programme as a PDF file, for the board and the funders."""
    programme = get_object_or_404(Programme.objects.visible_to(request.user), year=year)
    from weasyprint import CSS, HTML  # heavy: imported only when a PDF is made

    html = render_to_string(
        "actions/programme/programme_pdf.html", programme_context(programme), request=request
    )
    stylesheet = CSS(filename=finders.find("css/programme_pdf.css"))
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf(
        stylesheets=[stylesheet]
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="programme-{programme.year}.pdf"'
    return response


def action_detail(request, year, number):
    action = get_object_or_404(
        Action.objects.select_related("programme", "axis", "axis__orientation")
        .prefetch_related(
            Prefetch("partners", queryset=Organisation.objects.order_by("name")),
            "themes",
            "territories",
        )
        .filter(programme__in=Programme.objects.visible_to(request.user)),
        programme__year=year,
        number=number,
    )
    partners = list(action.partners.all())
    events = _linked(action, "events")
    documents = _linked(action, "documents")
    for obj in [*partners, *events, *documents]:
        obj.public_url = _public_url(obj)
    context = {
        "partners": partners,
        "programme": action.programme,
        "action": action,
        "figures": action_figures(action),
        "evaluation": Evaluation.objects.filter(action=action).first(),
        "events": events,
        "documents": documents,
    }
    return render(request, "actions/programme/action_detail.html", context)


def _public_url(obj):
    """The object's public page, or None while its app has no such page yet."""
    try:
        return obj.get_absolute_url()
    except (AttributeError, NoReverseMatch):
        return None


def _linked(action, name):
    """Records the agenda or the library link to the action, once those apps add them."""
    manager = getattr(action, name, None)
    if manager is None or not hasattr(manager, "all"):
        return []
    queryset = manager.all()
    if hasattr(queryset.model.objects, "public"):
        queryset = queryset & queryset.model.objects.public()
    elif hasattr(queryset.model.objects, "published"):
        queryset = queryset & queryset.model.objects.published()
    return list(queryset[:50])


def _actions_of(programme):
    return programme.actions.select_related("axis").prefetch_related(
        Prefetch("partners", queryset=Organisation.objects.order_by("name"))
    )


def programme_context(programme, actions_page=None):
    """Everything the programme page shows, in a fixed number of queries.

    With ``actions_page`` (a page of the programme's actions, see ``_render_programme``)
    only those actions, their axes and their evaluations are shown, so the web page stays
    the same size however many actions there are; without it (the PDF) all of them."""
    actions = _actions_of(programme)
    if actions_page is not None:
        actions = actions_page.object_list
    actions = list(actions)
    actions_by_axis = {}
    for action in actions:
        action.programme = programme  # spares a query per action (urls, periods)
        actions_by_axis.setdefault(action.axis_id, []).append(action)
    axes = list(Axis.objects.filter(programme=programme).order_by("number"))
    if actions_page is not None and actions_page.paginator.num_pages > 1:
        axes = [axis for axis in axes if axis.pk in actions_by_axis]  # this page's axes
    for axis in axes:
        axis.programme_actions = actions_by_axis.get(axis.pk, [])
    orientations = list(programme.orientations.order_by("number"))
    for orientation in orientations:
        orientation.programme_axes = [a for a in axes if a.orientation_id == orientation.pk]
    evaluations = programme.evaluations.select_related("action")
    if actions_page is not None:
        # The programme's own evaluations on the first page, an action's beside it.
        own = Q(action__isnull=True) if actions_page.number == 1 else Q(pk__in=[])
        evaluations = evaluations.filter(own | Q(action__in=[a.pk for a in actions]))
    evaluations = list(evaluations)
    return {
        "programme": programme,
        "orientations": orientations,
        "loose_axes": [a for a in axes if a.orientation_id is None],
        "loose_actions": actions_by_axis.get(None, []),
        "actions": actions,
        "timeline": timeline(programme, actions),
        "budget": budget_summary(programme),
        "evaluations": evaluations,
        "actions_page": actions_page,
        "other_years": list(
            Programme.objects.validated().exclude(pk=programme.pk).values_list("year", flat=True)
        ),
    }


def _render_programme(request, programme):
    if programme is None:
        raise Http404
    page = Paginator(_actions_of(programme), ACTIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "actions/programme/programme_detail.html", programme_context(programme, page)
    )
