"""Pages in a real browser: Debian's chromium, driven by Playwright, against a live
server on PostgreSQL with the demo store. Playwright never downloads a browser here
(scripts/ensure-tools puts Debian's in place), and axe-core comes from npm. A test
that fails leaves a screenshot and the console log of each of its pages in
var/browser/."""

import mimetypes
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

CHROMIUM = "/usr/bin/chromium"
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(settings.BASE_DIR) / "var" / "browser"
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.call_failed = report.failed
    return report


@pytest.fixture(autouse=True)
def _orm_beside_playwright(monkeypatch):
    """Playwright's sync API keeps an event loop in this thread while a browser is open;
    the tests' own ORM calls are still plain synchronous ones."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def chromium(store):
    """A browser for one test, started after the store is built and closed before the
    database is emptied: while Playwright runs, its event loop is this thread's."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: `make test` installs it (scripts/ensure-tools)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        yield browser
        browser.close()


@pytest.fixture
def store(live_server):
    """The demo store, small: categories, products with sizes, colours and pictures,
    shipping methods and the WELCOME10 voucher."""
    call_command("seed_demo", products=24, stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.fixture
def browse(chromium, live_server, request):
    """`browse(size)` opens a page of its own (a new browser profile) at that size;
    `browse(size, axe=True)`, one whose documents carry axe-core. (It comes in as the
    browser's own script, so the pages' Content Security Policy stays as it is.)"""
    opened = []

    def open_page(size=DESKTOP, *, axe=False, **context_options):
        context = chromium.new_context(viewport=size, base_url=live_server.url, **context_options)
        context.route("**/media/**", _serve_media)
        if axe:
            context.add_init_script(path=AXE)
        page = context.new_page()
        page.set_default_timeout(10_000)  # a journey waits for the page, not for ever
        page.console_log = []
        page.on(
            "console", lambda message: page.console_log.append(f"{message.type}: {message.text}")
        )
        page.on("pageerror", lambda error: page.console_log.append(f"pageerror: {error}"))
        opened.append(page)
        return page

    yield open_page
    for number, page in enumerate(opened):
        if getattr(request.node, "call_failed", True):
            _keep_evidence(page, f"{request.node.name}-{number}")
        page.context.close()


def _serve_media(route):
    """The live server does not serve uploads; the browser gets them from MEDIA_ROOT."""
    path = route.request.url.split("/media/", 1)[1].split("?")[0]
    file = Path(settings.MEDIA_ROOT) / path
    if not file.is_file():
        route.fulfill(status=404)
        return
    route.fulfill(body=file.read_bytes(), content_type=mimetypes.guess_type(file.name)[0])


def _keep_evidence(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in name)
    page.screenshot(path=ARTIFACTS / f"{safe}.png", full_page=True)
    (ARTIFACTS / f"{safe}.log").write_text(f"{page.url}\n" + "\n".join(page.console_log))


def axe_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now, one line
    each; the page was opened with `browse(size, axe=True)`."""
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] for node in violation["nodes"][:5])
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def console_errors(page) -> list[str]:
    return [line for line in page.console_log if line.startswith(("error", "pageerror"))]
