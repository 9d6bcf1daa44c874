"""Browser fixtures: the app served on 127.0.0.1 in a thread, and real Chromium via Playwright.

Every page a test visits ends with `check_page(page)`: one axe-core scan (no serious or critical
violation) and no console error (a CSP violation from an inline script would show there).
"""

import os
import shutil
import threading

import pytest
from werkzeug.serving import make_server

from tests.conftest import STRICT, test_config
from tracker import create_app
from tracker.extensions import db

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _skip_or_fail(reason: str):
    if STRICT:
        pytest.fail(reason + " (TRACKER_STRICT=1: browser tests must run)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def live_server(app, database_uri):
    """The real app (CSRF on, rate limit off) on a free port, sharing the test database."""
    served = create_app(test_config(database_uri, WTF_CSRF_ENABLED=True, TESTING=False))
    server = make_server("127.0.0.1", 0, served, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)
    with served.app_context():
        db.engine.dispose()


@pytest.fixture(scope="session")
def browser():
    if not (shutil.which(CHROMIUM) or os.path.exists(CHROMIUM)):
        _skip_or_fail(f"Chromium not found at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _skip_or_fail("playwright is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


class Visit:
    """A browser page that collects console errors, and the shared accessibility check."""

    def __init__(self, page, axe, base_url: str):
        self.page = page
        self.axe = axe
        self.base_url = base_url
        self.errors: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("response", self._response)

    def _console(self, msg):
        # A form re-rendered with 422 logs "Failed to load resource"; _response judges those.
        if msg.type == "error" and not msg.text.startswith("Failed to load resource"):
            self.errors.append(f"{msg.text} ({msg.location.get('url')})")

    def _response(self, response):
        """A missing stylesheet, script or icon is an error; a page's or a move's 4xx is meant."""
        assets = ("stylesheet", "script", "image", "font")
        if response.status >= 400 and response.request.resource_type in assets:
            self.errors.append(f"{response.status} {response.url}")

    def goto(self, path: str):
        self.page.goto(self.base_url + path)
        return self.page

    def check(self):
        """No serious or critical axe violation, one h1, and no console error on this page."""
        results = self.axe.run(self.page)
        bad = [
            v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")
        ]
        assert not bad, f"{self.page.url}: " + "; ".join(
            f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in bad
        )
        assert self.page.locator("h1").count() == 1, f"{self.page.url}: not exactly one h1"
        assert not self.errors, f"{self.page.url}: console errors {self.errors}"


@pytest.fixture
def visit(browser, axe, live_server):
    """A fresh browser context per test; `locale` follows the test's language."""

    def _open(locale: str = "sv-SE") -> Visit:
        context = browser.new_context(locale=locale, extra_http_headers={})
        contexts.append(context)
        return Visit(context.new_page(), axe, live_server)

    contexts: list = []
    yield _open
    for context in contexts:
        context.close()
