import os
import re
import shutil

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls of the test itself
# are still synchronous, so Django's async-safety guard is relaxed for browser tests only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"

# Every page reports what the browser refused (CSP) through this event, also when the
# browser's console message about it is worded differently between versions.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile || document.location.href}:${event.lineNumber}`);
});
"""


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Debian's chromium is missing at {CHROMIUM}; .ci/run installs it")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


# Chromium logs every HTTP error status as a console error. A page or an htmx form answered
# with 400/403/404 is the application speaking (a form's errors, a forbidden page) and the test
# asserts on it; what counts is judged from the responses instead (see on_response).
HTTP_STATUS = re.compile(r"^Failed to load resource: the server responded with a status of \d+")
FILES = {"stylesheet", "script", "image", "font", "media", "manifest", "other"}


class ConsoleErrors:
    """Collects console errors, uncaught exceptions and CSP violations of every page, server
    errors (5xx) and files of ours (CSS, JS, images) that are missing."""

    def __init__(self):
        self.errors = []

    def watch(self, context):
        context.add_init_script(REPORT_CSP_VIOLATIONS)
        context.on("console", self.on_console)
        context.on("weberror", lambda error: self.errors.append(f"uncaught: {error.error}"))
        context.on("response", self.on_response)
        return context

    def on_response(self, response):
        status, kind = response.status, response.request.resource_type
        if status >= 500 or (status == 404 and kind in FILES):
            self.errors.append(f"{status} for the {kind} {response.url}")

    def on_console(self, message):
        if message.type != "error" or HTTP_STATUS.match(message.text):
            return
        where = message.location.get("url", "") if message.location else ""
        page = message.page.url if message.page else ""
        self.errors.append(f"{message.text} ({where or page})")


@pytest.fixture(autouse=True)
def console_errors(request, monkeypatch):
    """Fails the test when any page it opened logged an error or broke the CSP.

    Every browser context, whether from the `page` fixture or `browser.new_context()` in a
    test, is watched. A test that expects an error asks for this fixture and empties
    `console_errors.errors` itself, after asserting on it.
    """
    collector = ConsoleErrors()
    if "browser" not in request.fixturenames:
        yield collector
        return
    browser = request.getfixturevalue("browser")
    new_context = browser.new_context

    def watched_new_context(*args, **kwargs):
        return collector.watch(new_context(*args, **kwargs))

    monkeypatch.setattr(browser, "new_context", watched_new_context)
    yield collector
    if collector.errors:
        pytest.fail(
            "The browser logged errors:\n" + "\n".join(f"- {error}" for error in collector.errors),
            pytrace=False,
        )


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="ro-RO", timezone_id="Europe/Bucharest")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(autouse=True)
def spiral_reference_data(request):
    """The SPIRAL families and dimensions, as their data migration leaves them in production.

    Browser tests are transactional, and the flush after each one empties every table, this
    reference data too: a test that creates its own municipality (no `load_demo`) would
    otherwise find no dimension whenever another test ran before it on the same worker.
    """
    marker = request.node.get_closest_marker("django_db")
    if not marker or not marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("transactional_db")
    from beneficiaries.models import SpiralDimension, SpiralFamily
    from beneficiaries.reference_data import load_reference_data

    if not SpiralDimension.objects.exists():
        load_reference_data(SpiralFamily, SpiralDimension)
