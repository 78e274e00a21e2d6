import pytest

from statistiques.recording import reset_salt_cache

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
VISITOR_IP = "203.0.113.77"


@pytest.fixture
def stats_on(settings):
    """Statistics recorded (they are off while testing), fresh salt cache, no task enqueued."""
    settings.STATISTICS_ENABLED = True
    settings.STATISTICS_FOLD_ON_NEW_DAY = False
    reset_salt_cache()
    yield
    reset_salt_cache()


@pytest.fixture
def visitor(client, stats_on):
    """A test client that looks like a browser at a fixed address."""
    client.defaults.update(HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=VISITOR_IP)
    return client
