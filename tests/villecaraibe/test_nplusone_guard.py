"""The suite-wide N+1 guard catches a lazy load in a loop during a request, and allows
it for one object."""

import pytest
from django.core.exceptions import FieldFetchBlocked
from django.http import HttpResponse
from django.test import override_settings
from django.urls import path

from villecaraibe.models import Territory

pytestmark = pytest.mark.django_db


def n_plus_one_view(request):
    return HttpResponse(", ".join(t.parent.name for t in Territory.objects.communes()))


def joined_view(request):
    communes = Territory.objects.communes().select_related("parent")
    return HttpResponse(", ".join(t.parent.name for t in communes))


def single_view(request):
    return HttpResponse(Territory.objects.get(name="Le Lamentin").parent.slug)


urlpatterns = [
    path("n1/", n_plus_one_view),
    path("joined/", joined_view),
    path("single/", single_view),
]


@override_settings(ROOT_URLCONF=__name__)
def test_lazy_relation_in_a_loop_is_caught(client, vocabulary):
    with pytest.raises(FieldFetchBlocked, match="N\\+1 query: Territory.parent"):
        client.get("/n1/")


@override_settings(ROOT_URLCONF=__name__)
def test_select_related_passes(client, vocabulary, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/joined/")
    assert response.content.decode().count(",") == 33


@override_settings(ROOT_URLCONF=__name__)
def test_single_object_may_load_lazily(client, vocabulary):
    assert client.get("/single/").content == b"cacem"
