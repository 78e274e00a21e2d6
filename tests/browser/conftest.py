"""Real-browser tests: Playwright driving Debian's Chromium against a live server.

They run when a Chromium is found (``/usr/bin/chromium`` or ``CHROMIUM_PATH``) and
are skipped — loudly, in the summary — when none is. No browser is ever downloaded.
"""

import os
import shutil
from pathlib import Path

import pytest

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


def open_page(browser, width_name):
    """A fresh page at one of WIDTHS, with axe-core loaded and CSP violations recorded."""
    context = browser.new_context(
        viewport={"width": WIDTHS[width_name], "height": 900}, locale="fr-FR"
    )
    # Injected through the DevTools protocol, which the page's CSP does not block
    # (an inline <script> would be refused, as it should).
    context.add_init_script(path=str(ASSETS / "axe.min.js"))
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
    page.width_name = width_name
    return page


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
