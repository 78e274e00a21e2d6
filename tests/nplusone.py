"""An N+1 guard for the test suite, built on Django 6.1's fetch modes.

Every queryset in the tests gets a fetch mode that tracks peers (like
FETCH_PEERS) and raises ``FieldFetchBlocked`` when code lazily loads a relation
or a deferred field on an instance that came with others — the shape of an N+1
loop. A single object fetched alone may still load lazily.
"""

from django.core.exceptions import FieldFetchBlocked
from django.db.models.fetch_modes import FetchMode


class RaiseOnPeers(FetchMode):
    __slots__ = ()
    track_peers = True

    def fetch(self, fetcher, instance):
        peers = [p for ref in instance._state.peers if (p := ref()) is not None]
        if len(peers) > 1:
            field = getattr(fetcher, "field", None)
            name = getattr(field, "name", fetcher)
            raise FieldFetchBlocked(
                f"N+1 query: {instance.__class__.__qualname__}.{name} loaded lazily for one of "
                f"{len(peers)} rows. Use select_related(), prefetch_related() or only()."
            )
        fetcher.fetch_one(instance)

    def __reduce__(self):
        return "RAISE_ON_PEERS"


RAISE_ON_PEERS = RaiseOnPeers()
