"""Query budgets: every public page and every admin list runs a fixed number of SQL
statements, whatever the number of rows (issue #11, item 2).

The demo data is loaded, then every model of the portal (and the users) is grown by
cloning its demo rows with ``bulk_create`` — twice: to a few hundred rows, then to ten
times that (a few thousand). Each page is opened at both sizes: it must stay within
its budget AND run the same number of statements at both sizes (a statement per row
would show as a difference). The autouse N+1 guard (tests/nplusone.py) is on as well.
"""

import io
import itertools

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import models
from django.urls import reverse

pytestmark = pytest.mark.django_db

# Statements per request, whatever the rows. Admin lists pay for the session, the user,
# their permissions, the paginator count, the page, the date hierarchy or filters.
# Measured: public pages 1-12 (an event page with its form and documents: 12), admin
# lists 5-9.
PUBLIC_BUDGET = 12
ADMIN_BUDGET = 10
SMALL, LARGE = 200, 2000  # rows per model (LARGE = 10 x SMALL), ~60,000 rows in all
# One programme a year (a check constraint bounds the year): they stay as loaded.
NOT_GROWN = {"actions.Programme"}


def _unique_groups(model):
    groups = [(f,) for f in model._meta.concrete_fields if f.unique and not f.primary_key]
    for fields in model._meta.unique_together:
        groups.append(tuple(model._meta.get_field(n) for n in fields))
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint):
            names = list(constraint.fields) + [
                ref.name for expr in constraint.expressions for ref in _field_refs(expr)
            ]
            groups.append(tuple(model._meta.get_field(n) for n in names))
    return groups


def _field_refs(expression):
    if isinstance(expression, models.F):
        yield expression
    for source in getattr(expression, "get_source_expressions", lambda: [])():
        yield from _field_refs(source)


def _varied(field, value, i, pools):
    """A value of ``field`` for copy number ``i`` that no other copy has."""
    if field.choices:
        return value  # a rating, a status: kept valid; bulk_create skips the clashes
    if field.is_relation:
        if field.related_model not in pools:
            pools[field.related_model] = list(
                field.related_model._default_manager.values_list("pk", flat=True)
            )
        pool = pools[field.related_model]
        return pool[i % len(pool)] if pool else value
    if isinstance(field, models.EmailField):
        local, _, domain = (value or "x@example.org").partition("@")
        return f"{local}+b{i}@{domain}"
    if isinstance(field, models.CharField | models.TextField):
        suffix = f"-b{i}"
        limit = (field.max_length or 200) - len(suffix)
        return f"{(value or 'x')[:limit]}{suffix}"
    if isinstance(field, models.IntegerField):
        return 10_000 + i  # small-integer columns hold it too
    return value


def grow(model, target, pools):
    """Bulk-create copies of ``model``'s rows until it has about ``target`` rows."""
    manager = model._default_manager
    templates = list(manager.all()[:20])
    have = manager.count()
    if not templates or have >= target:
        return
    varied_fields = {f for group in _unique_groups(model) for f in group}
    m2m = [f for f in model._meta.many_to_many if f.remote_field.through._meta.auto_created]
    start = have
    copies, sources = [], []
    for i, template in zip(range(start, target), itertools.cycle(templates), strict=False):
        values = {}
        for field in model._meta.concrete_fields:
            if field.primary_key:
                continue
            value = getattr(template, field.attname)
            values[field.attname] = (
                _varied(field, value, i, pools) if field in varied_fields else value
            )
        copies.append(model(**values))
        sources.append(template)
    # Relations and dates alone (a delivery: issue, subscriber) may still meet a row.
    clash = any(
        not any(
            isinstance(f, models.CharField | models.TextField | models.IntegerField)
            and not f.is_relation
            and not f.choices
            for f in group
        )
        for group in _unique_groups(model)
    )
    created = manager.bulk_create(copies, batch_size=500, ignore_conflicts=clash)
    if m2m and all(c.pk for c in created):
        for field in m2m:
            through = field.remote_field.through
            src, dst = field.m2m_field_name(), field.m2m_reverse_field_name()
            links = {
                t.pk: list(getattr(t, field.name).values_list("pk", flat=True)) for t in templates
            }
            through.objects.bulk_create(
                [
                    through(**{f"{src}_id": copy.pk, f"{dst}_id": target_pk})
                    for copy, template in zip(created, sources, strict=True)
                    for target_pk in links[template.pk]
                ],
                batch_size=1000,
                ignore_conflicts=True,
            )


def grow_everything(rows):
    pools = {}
    for app_label in settings.PROJECT_APPS:
        for model in apps.get_app_config(app_label).get_models():
            if model._meta.proxy or not model._meta.managed or model._meta.label in NOT_GROWN:
                continue
            grow(model, rows, pools)
            pools.clear()
    User = get_user_model()
    have = User.objects.count()
    User.objects.bulk_create(
        [User(username=f"membre{i}", email=f"membre{i}@example.org") for i in range(have, rows)]
    )


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())


def public_urls():
    """One URL per public page type: every list, and the first item of each kind."""
    from actions.models import Event, Programme
    from annuaire.models import Organisation, Person
    from documentation.models import Descriptor, Document, ExperienceSheet
    from newsletter.models import Issue, NewsItem
    from villecaraibe.models import Page

    def first(queryset, attr="slug"):
        obj = queryset.order_by("pk").first()
        assert obj is not None, f"no demo row for {queryset.model.__name__}"
        return getattr(obj, attr)

    programme = Programme.objects.order_by("-year").first()
    urls = [
        reverse("home"),
        reverse("page", args=[first(Page.objects.filter(is_published=True))])
        if hasattr(Page, "is_published")
        else reverse("page", args=[first(Page.objects.all())]),
        reverse("annuaire:index"),
        reverse("annuaire:index") + "?q=ville",
        reverse("annuaire:index") + "?page=2",
        reverse("annuaire:organisation", args=[first(Organisation.objects.all())]),
        reverse("annuaire:person", args=[first(Person.objects.filter(is_public=True))])
        if hasattr(Person, "is_public")
        else reverse("annuaire:person", args=[first(Person.objects.all())]),
        reverse("documentation:index"),
        reverse("documentation:index") + "?q=evaluation",
        reverse("documentation:document", args=[first(Document.objects.published())]),
        reverse("documentation:new"),
        reverse("documentation:popular"),
        reverse("documentation:thesaurus"),
        reverse("documentation:descriptor", args=[first(Descriptor.objects.all())]),
        reverse("documentation:capitalisation"),
        reverse("documentation:experience", args=[first(ExperienceSheet.objects.all())]),
        reverse("documentation:links"),
        reverse("actions:agenda"),
        reverse("actions:agenda") + "?page=2&past=2",  # paginated since the benchmarks
        reverse("actions:event", args=[first(Event.objects.all())]),
        reverse("actions:programme"),
        reverse("actions:programme_year", args=[programme.year]),
        reverse("actions:programme_year", args=[programme.year]) + "?page=2",
        reverse("newsletter:news"),
        reverse("newsletter:news_item", args=[first(NewsItem.objects.published())]),
        reverse("newsletter:letter"),
        reverse("newsletter:issue", args=[first(Issue.objects.sent(), "number")]),
    ]
    return urls


def admin_changelists():
    return [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
    ]


def measure(client, urls, budget, assert_max):
    # A first request fills what is cached per visitor or per staff member (the
    # two-factor device lookup), so that the first page measured pays no more than
    # the others.
    client.get(urls[0])
    counts = {}
    for url in urls:
        with assert_max(budget) as queries:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        counts[url] = len(queries)
    return counts


def test_public_pages_run_a_fixed_number_of_statements(client, demo, django_assert_max_num_queries):
    grow_everything(SMALL)
    urls = public_urls()
    small = measure(client, urls, PUBLIC_BUDGET, django_assert_max_num_queries)
    grow_everything(LARGE)
    from documentation.models import Document

    assert Document.objects.count() >= LARGE * 0.9  # the growth did happen
    large = measure(client, urls, PUBLIC_BUDGET, django_assert_max_num_queries)
    assert large == small


def test_admin_changelists_run_a_fixed_number_of_statements(
    client, demo, superuser, django_assert_max_num_queries
):
    client.force_login(superuser)
    grow_everything(SMALL)
    urls = admin_changelists()
    assert len(urls) == len(admin.site._registry) >= 25
    small = measure(client, urls, ADMIN_BUDGET, django_assert_max_num_queries)
    grow_everything(LARGE)
    large = measure(client, urls, ADMIN_BUDGET, django_assert_max_num_queries)
    assert large == small
