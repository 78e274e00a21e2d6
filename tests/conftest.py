"""Fixtures shared by the whole suite: staff users per group, a French client."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from villecaraibe.roles import BUREAU, DIRECTION, SECRETARIAT

STAFF_PASSWORD = "a-Strong-test-passw0rd"


@pytest.fixture(autouse=True)
def _french_and_fast(settings):
    settings.LANGUAGE_CODE = "fr"
    # Fast hashing: tests log users in often.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SECURE_SSL_REDIRECT = False


def make_staff(username, group_name=None, superuser=False):
    user = get_user_model().objects.create_user(
        username=username, password=STAFF_PASSWORD, is_staff=True, is_superuser=superuser
    )
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters (and cached pages) of one test never leak into the next."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _n_plus_one_guard(request, monkeypatch):
    """Fail any request whose view or template loads a relation lazily in a loop (N+1).

    The guard is on while Django handles a request (test client, live server), so
    every page and admin screen the suite visits is checked; test code itself may
    still load lazily. Opt out with ``@pytest.mark.allow_lazy_fetch`` (say why).
    """
    if request.node.get_closest_marker("allow_lazy_fetch"):
        return
    from django.core.handlers.base import BaseHandler
    from django.db.models import query

    from tests.nplusone import RAISE_ON_PEERS

    original = BaseHandler.get_response

    def guarded_get_response(self, http_request):
        previous = query.DEFAULT_FETCH_MODE
        query.DEFAULT_FETCH_MODE = RAISE_ON_PEERS
        try:
            return original(self, http_request)
        finally:
            query.DEFAULT_FETCH_MODE = previous

    monkeypatch.setattr(BaseHandler, "get_response", guarded_get_response)


@pytest.fixture
def direction_user(db):
    return make_staff("directeur", DIRECTION)


@pytest.fixture
def secretariat_user(db):
    return make_staff("documentaliste", SECRETARIAT)


@pytest.fixture
def bureau_user(db):
    return make_staff("bureau", BUREAU)


@pytest.fixture
def superuser(db):
    return make_staff("root", superuser=True)


@pytest.fixture
def vocabulary(db):
    """Themes and the territorial tree of Martinique, as the demo loads them."""
    from villecaraibe.demo import load_vocabulary

    load_vocabulary()
