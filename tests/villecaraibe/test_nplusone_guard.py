"""The suite-wide N+1 guard catches a lazy load in a loop and allows it for one object."""

import pytest
from django.core.exceptions import FieldFetchBlocked

from villecaraibe.models import Territory

pytestmark = pytest.mark.django_db


def test_lazy_relation_in_a_loop_is_caught(vocabulary):
    with pytest.raises(FieldFetchBlocked, match="N\\+1 query: Territory.parent"):
        [t.parent.name for t in Territory.objects.communes()]


def test_select_related_passes(vocabulary, django_assert_num_queries):
    with django_assert_num_queries(1):
        names = [t.parent.name for t in Territory.objects.communes().select_related("parent")]
    assert len(names) == 34


def test_single_object_may_load_lazily(vocabulary):
    assert Territory.objects.get(name="Le Lamentin").parent.slug == "cacem"
