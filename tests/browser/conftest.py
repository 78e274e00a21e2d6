"""Real-browser tests: Playwright driving Debian's Chromium against a live server.

They run when a Chromium is found (``/usr/bin/chromium`` or ``CHROMIUM_PATH``) and
are skipped — loudly, in the summary — when none is. No browser is ever downloaded.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command

ASSETS = Path(__file__).parent / "assets"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
WIDTHS = {"desktop": 1280, "mobile": 375}


def chromium_path():
    candidates = [os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", shutil.which("chromium")]
    return next((c for c in candidates if c and os.path.exists(c)), None)


CHROMIUM = chromium_path()
_SKIP_REASON = "no Chromium found (install Debian's `chromium` package or set CHROMIUM_PATH)"


def pytest_collection_modifyitems(config, items):
    if CHROMIUM:
        return
    marker = pytest.mark.skip(reason=_SKIP_REASON)
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(marker)


def pytest_terminal_summary(terminalreporter):
    if not CHROMIUM:
        terminalreporter.write_line(
            f"BROWSER TESTS SKIPPED: {_SKIP_REASON}.", yellow=True, bold=True
        )


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # tests make between page actions are still plain synchronous code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture(params=list(WIDTHS), ids=list(WIDTHS))
def width(request):
    return request.param


# Headless Chromium says "HeadlessChrome" in its User-Agent, which the download
# counter rightly takes for a robot; journeys that count downloads use this one.
DESKTOP_USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/142.0.0.0 Safari/537.36"
)

# Recorded in the page itself: every CSP violation event, whatever the console says.
_CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => {
  window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline'));
});
"""


def open_page(browser, width_name, **context_options):
    """A fresh page at one of WIDTHS, with axe-core loaded and CSP violations recorded.

    ``page.csp_violations`` collects the console's CSP refusals and uncaught
    script errors; ``csp_violations(page)`` adds the ``securitypolicyviolation``
    events the current document saw.
    """
    context = browser.new_context(
        viewport={"width": WIDTHS[width_name], "height": 900},
        locale="fr-FR",
        **context_options,
    )
    # Injected through the DevTools protocol, which the page's CSP does not block
    # (an inline <script> would be refused, as it should).
    context.add_init_script(path=str(ASSETS / "axe.min.js"))
    context.add_init_script(script=_CSP_LISTENER)
    page = context.new_page()
    page.csp_violations = []
    page.on(
        "console",
        lambda msg: (
            page.csp_violations.append(msg.text)
            if "Content Security Policy" in msg.text or "Refused to" in msg.text
            else None
        ),
    )
    page.on("pageerror", lambda exc: page.csp_violations.append(f"script error: {exc}"))
    page.width_name = width_name
    return page


@pytest.fixture(scope="module")
def demo_pages(browser, demo_site):
    """One page per width, kept for a whole module of page checks (a new browser
    context per check costs more than the check); ``reset_page`` wipes its state."""
    pages = {width_name: open_page(browser, width_name) for width_name in WIDTHS}
    yield pages
    for page in pages.values():
        page.context.close()


def reset_page(page):
    """Forget cookies (session, messages, CSRF) and recorded violations between checks."""
    page.context.clear_cookies()
    page.csp_violations.clear()
    return page


def csp_violations(page):
    """What the console reported plus the current document's violation events."""
    events = page.evaluate("window.__cspViolations || []")
    return page.csp_violations + events


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Each browser test starts with empty per-address counters (all requests come
    from 127.0.0.1, so the public forms' rate limits would add up across tests)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="module")
def demo_site(request, django_db_setup, django_db_blocker):
    """A live server over the demo data, loaded ONCE for a whole module of read-only
    page checks (loading the demo takes seconds; the axe checks only read pages and
    post invalid forms). The database is emptied again when the module is done.

    Tests using it are marked ``django_db`` (without transaction: each test's own
    changes are rolled back) and must not use ``live_server`` or ``transactional_db``,
    whose flush after each test would wipe the demo; they get the server's URL and
    the objects of ``extra``.
    """
    from django.db import connection
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        # Never load (and flush!) a real database: only a test database set up by pytest-django.
        name = str(connection.settings_dict["NAME"])
        assert "test" in name or "memory" in name, f"not a test database: {name}"
        call_command("load_demo", verbosity=0)
        extra = getattr(request.module, "prepare_demo_site", lambda: {})()
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        try:
            yield server.url, extra
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
            call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def page(browser, width):
    page = open_page(browser, width)
    yield page
    page.context.close()


def run_axe(page):
    """Run axe-core (vendored) on the current page; return serious and critical violations."""
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
        }"""
    )
    return [v for v in result if v["impact"] in {"serious", "critical"}]


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{page.width_name}.png"), full_page=True)
