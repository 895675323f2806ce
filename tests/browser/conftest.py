"""Browser test harness: Debian's Chromium driven by Playwright, with axe-core for WCAG 2.1 A/AA.

Later issues add their pages to the browser tests with the ``page`` fixture and
:func:`assert_accessible`. Chromium is the system one (``apt-get install chromium``); Playwright
never downloads a browser. ``CHROMIUM_PATH`` overrides where it is.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterator

import pytest

# Playwright's sync API keeps an event loop running in this thread; the ORM calls that the
# tests make to set up data are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("Chromium is not installed: run `apt-get install chromium` (the CI script does).")
    return path


@pytest.fixture(autouse=True)
def _municipality_master(transactional_db: None, _reference_data_after_flush: None) -> None:
    """Browser tests run against a live server, so they are transactional; the root conftest puts back the
    municipality master after earlier flushes. Fixtures here depend on this name."""


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(
        locale="ja-JP", timezone_id="Asia/Tokyo", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    # The Content-Security-Policy is enforced: anything it blocks (an inline script or style, an eval) is a
    # broken page, reported by Chromium on the console. Every browser test fails on one.
    blocked: list[str] = []
    page.on(
        "console",
        lambda message: (
            blocked.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield page
    context.close()
    assert blocked == [], "blocked by the Content-Security-Policy:\n" + "\n".join(blocked)


_axe = Axe()


def assert_accessible(page: Page) -> None:
    """Run axe-core for WCAG 2.1 A and AA on the current page; fail with every violation listed."""
    results = _axe.run(
        page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    )
    violations = results.response["violations"]
    if violations:
        lines = []
        for violation in violations:
            targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
            lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} → {targets}")
        pytest.fail(f"{len(violations)} axe violation(s) on {page.url}:\n" + "\n".join(lines))


def assert_reflows(page: Page, width: int = 320) -> None:
    """WCAG 1.4.10: at 320 CSS px (1280 px at 400% zoom) nothing scrolls sideways."""
    page.set_viewport_size({"width": width, "height": 800})
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} scrolls horizontally by {overflow}px at {width}px wide"


def login(page: Page, base_url: str, email: str, password: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(password)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


_last_step: dict[str, int] = {}


def login_2fa(page: Page, base_url: str, email: str, *, fresh_session: bool = False) -> None:
    """Log in with the password and the TOTP code. A code is accepted once, so a second login of the same
    person within one 30-second step waits for the next code. ``fresh_session`` drops the page's cookies
    first (a reviewer's browser that logged in as someone else)."""
    from conftest import PASSWORD, totp_code

    step = int(time.time()) // 30
    if _last_step.get(email) == step:
        time.sleep(30 - time.time() % 30 + 0.5)
    if fresh_session:
        page.context.clear_cookies()
    login(page, base_url, email, PASSWORD)
    if "/2fa/" in page.url:
        page.locator("#id_code").fill(totp_code())
        with page.expect_navigation():
            page.get_by_role("button", name="ログイン").click()
        _last_step[email] = int(time.time()) // 30
    assert "/2fa/" not in page.url


@pytest.fixture
def new_page(browser: Browser) -> Iterator[Callable[[], Page]]:
    """Another person's browser (own cookies), like the ``page`` fixture."""
    contexts = []

    def make() -> Page:
        context = browser.new_context(
            locale="ja-JP", timezone_id="Asia/Tokyo", viewport={"width": 1280, "height": 900}
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


# The data migrations that ship reference data, in the order the migration graph applies them, with the
# function each runs forwards. A transactional test flushes every table afterwards; a test that loads the
# whole demo after another browser test needs all of it back.
SHIPPED_DATA = (
    ("junkan.municipalities.migrations.0002_load_official_codes", "load"),
    ("junkan.carbon.migrations.0002_load_shipped_factors", "load"),
    ("junkan.programs.migrations.0002_ship_seed_programs", "load"),
    ("junkan.programs.migrations.0003_application_forms", "link_shipped_forms"),
    ("junkan.programs.migrations.0004_review_criteria_scales", "ship_criteria"),
    ("junkan.registry.migrations.0002_load_vocabularies", "load"),
    ("junkan.support.migrations.0002_load_vocabularies", "load"),
    ("junkan.cases.migrations.0002_load_themes", "load"),
    ("junkan.hubs.migrations.0002_load_hubs", "load"),
)


def reload_shipped_data() -> None:
    """Put back everything the migrations ship (each step is idempotent)."""
    import importlib

    from django.apps import apps
    from django.db import connection

    for module, function in SHIPPED_DATA:
        migration = importlib.import_module(module)
        with connection.schema_editor() as schema_editor:
            getattr(migration, function)(apps, schema_editor)
