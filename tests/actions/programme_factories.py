"""Small builders for the programme tests (no conftest: the agenda tests share this
folder)."""

from datetime import date

from actions.models import Action, Axis, Orientation, Programme


def make_programme(year=2014, status=Programme.Status.VALIDATED, **values):
    values.setdefault("title", f"Programme d'actions {year}")
    return Programme.objects.create(year=year, status=status, **values)


def make_action(programme, number=1, **values):
    values.setdefault("title", f"Action numéro {number}")
    return Action.objects.create(programme=programme, number=number, **values)


def make_structure(programme):
    """One orientation, one axis in it, two actions in the axis."""
    orientation = Orientation.objects.create(programme=programme, number=1, title="Connaître")
    axis = Axis.objects.create(
        programme=programme, orientation=orientation, number=1, title="Accompagner"
    )
    first = make_action(programme, 1, axis=axis, start_month=2, end_month=9)
    second = make_action(
        programme,
        2,
        axis=axis,
        start_date=date(programme.year, 4, 2),
        end_date=date(programme.year, 4, 3),
        status=Action.Status.DONE,
    )
    return orientation, axis, first, second


def admin_post_data(programme, **overrides):
    """The POST a staff member sends from the programme's change page, unchanged."""
    data = {
        "year": programme.year,
        "title": programme.title,
        "introduction": programme.introduction,
        "total_budget": "" if programme.total_budget is None else str(programme.total_budget),
    }
    inlines = {
        "orientations": (
            programme.orientations.all(),
            lambda o: {"number": o.number, "title": o.title, "description": o.description},
        ),
        "axes": (
            programme.axes.all(),
            lambda a: {"number": a.number, "title": a.title, "orientation": a.orientation_id or ""},
        ),
        "actions": (
            programme.actions.all(),
            lambda a: {
                "number": a.number,
                "title": a.title,
                "axis": a.axis_id or "",
                "start_month": a.start_month or "",
                "end_month": a.end_month or "",
                "start_date": a.start_date or "",
                "end_date": a.end_date or "",
                "status": a.status,
            },
        ),
        "budget_lines": (
            programme.budget_lines.all(),
            lambda b: {
                "kind": b.kind,
                "funder": b.funder_id or "",
                "category": b.category,
                "label": b.label,
                "amount": str(b.amount),
                "position": b.position,
            },
        ),
    }
    for prefix, (queryset, row) in inlines.items():
        objects = list(queryset)
        data[f"{prefix}-TOTAL_FORMS"] = len(objects)
        data[f"{prefix}-INITIAL_FORMS"] = len(objects)
        data[f"{prefix}-MIN_NUM_FORMS"] = 0
        data[f"{prefix}-MAX_NUM_FORMS"] = 1000
        for i, obj in enumerate(objects):
            data[f"{prefix}-{i}-id"] = obj.pk
            data[f"{prefix}-{i}-programme"] = programme.pk
            for key, value in row(obj).items():
                data[f"{prefix}-{i}-{key}"] = value
    data.update(overrides)
    return data


def add_inline_row(data, prefix, values):
    """Append a new row to an inline of ``admin_post_data``."""
    i = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = i + 1
    for key, value in values.items():
        data[f"{prefix}-{i}-{key}"] = value
    return data
