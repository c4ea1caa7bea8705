"""Issue 16 item 7: /api/docs (Swagger UI) and /api/redoc work with no internet, under their CSP.

Headless Chromium opens both pages on a real `b12 serve` with every request to another host
aborted (as without internet) and fails on any console error, any CSP violation and any request
that left the server; then each page must show the API's operations. Screenshots go to
test-artifacts/. Without Chromium the test skips locally and fails in CI.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from tests.conftest import REPO
from tests.fixtures.server import Server

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing (apt-get install chromium)", pytrace=False)
    pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import Browser, Page, Route, expect, sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


class Offline:
    """A page that may reach only ``server``: what it tried elsewhere, and its console errors."""

    def __init__(self, browser: Browser, server: Server) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page: Page = self.context.new_page()
        self.origin = urlsplit(server.url).netloc
        self.elsewhere: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route: Route) -> None:
        url = route.request.url
        if urlsplit(url).netloc == self.origin or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.elsewhere.append(url)
            route.abort("internetdisconnected")


@pytest.fixture
def offline(browser: Browser, server: Server) -> Iterator[Offline]:
    made = Offline(browser, server)
    yield made
    made.context.close()


def _settled(offline: Offline, name: str) -> None:
    offline.page.wait_for_load_state("networkidle")
    ARTIFACTS.mkdir(exist_ok=True)
    offline.page.screenshot(path=str(ARTIFACTS / f"api-{name}.png"), full_page=False)
    assert offline.elsewhere == [], f"requests left the server: {offline.elsewhere}"
    assert offline.errors == [], f"console errors (CSP violations?): {offline.errors}"


def test_swagger_ui_shows_the_operations_offline(offline: Offline, server: Server) -> None:
    answer = offline.page.goto(f"{server.url}/api/docs")
    assert answer is not None and answer.ok
    assert "script-src 'self';" in answer.headers["content-security-policy"]
    expect(offline.page.locator(".opblock-summary-path").first).to_be_visible(timeout=20_000)
    paths = offline.page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/assess" in paths and "/api/persons/{person_id}/labs" in paths
    # an operation opens and shows its documented problem responses
    offline.page.locator("#operations-assess-assess").click()
    expect(offline.page.get_by_text("The request body is over the size limit")).to_be_visible()
    _settled(offline, "docs")


def test_redoc_shows_the_operations_offline(offline: Offline, server: Server) -> None:
    answer = offline.page.goto(f"{server.url}/api/redoc")
    assert answer is not None and answer.ok
    assert "script-src 'self';" in answer.headers["content-security-policy"]
    expect(offline.page.get_by_role("heading", name="b12").first).to_be_visible(timeout=20_000)
    expect(
        offline.page.get_by_text("Assess one person without storing anything").first
    ).to_be_attached()
    _settled(offline, "redoc")


def test_only_the_listed_assets_are_served(server: Server) -> None:
    with httpx.Client(base_url=server.url, timeout=30) as http:
        assert http.get("/api/docs/assets/swagger-init.js").status_code == 200
        assert b"cdn.redoc.ly" not in http.get("/api/docs/assets/redoc.standalone.js").content
        for name in ("..%2Fpyproject.toml", "core.py", "swagger-ui.js"):
            missing = http.get(f"/api/docs/assets/{name}")
            assert missing.status_code == 404, name
            assert missing.headers["content-type"] == "application/problem+json"
