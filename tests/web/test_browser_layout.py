"""Every page in Chromium at 1280 and 390 px (issue 16): no horizontal overflow, the Correct/Delete
links of every table and list in view on a phone, and no serious or critical axe-core violation
(axe-playwright-python bundles axe-core). Screenshots go to test-artifacts/.

The pages are not listed by hand: every GET route of the app that answers with an HTML page is
read from the app itself, and the test fails when one of them was not visited, so a new page
cannot be missed. Pages that only a form's answer shows (the import result, the sign-in error, a
refused form, an error page) are visited by submitting their forms.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Callable

import httpx
import pytest
from axe_playwright_python.sync_playwright import Axe
from fastapi.responses import HTMLResponse
from fastapi.routing import iter_route_contexts

from b12.api.app import create_app
from b12.settings import Settings
from tests.conftest import REPO
from tests.fixtures.server import Server
from tests.web.test_browser import ARTIFACTS, Page
from tests.web.test_browser import page as page  # the browser fixture, re-exported
from tests.web.test_diary_pages import SALMON, new_person
from tests.web.test_pages import csrf

WIDTHS = {"desktop": (1280, 800), "phone": (390, 844)}
SERIOUS = {"serious", "critical"}
# HTML answers that are not pages: <option> lists the diary form fetches as you type.
FRAGMENTS = {"/foods/search", "/foods/portions"}
FHIR_BUNDLE = REPO / "examples" / "fhir" / "unknown-codes.bundle.json"  # unmapped codes
Visit = Callable[[Page, str], None]  # (page, server url): go to a page


def html_routes() -> set[str]:
    """The path of every GET route that answers with an HTML page."""
    app = create_app(Settings(database_url="sqlite://"))
    found = set()
    for route in iter_route_contexts(app.routes):  # with the routes of included routers
        if route.endpoint is None or "GET" not in (route.methods or ()):
            continue
        answer = typing.get_type_hints(route.endpoint).get("return")
        if isinstance(answer, type) and issubclass(answer, HTMLResponse):
            found.add(str(route.path))
    return found - FRAGMENTS


def _route_of(path: str, routes: set[str]) -> str | None:
    bare = path.split("?", 1)[0].split("#", 1)[0]
    for route in routes:
        if re.fullmatch(re.sub(r"\{[^}]+\}", "[^/]+", route), bare):
            return route
    return None


def _seed(client: httpx.Client) -> str:
    """A person with every kind of record and history entry; their page's address."""
    token = csrf(client)
    url = new_person(client, token, "LAYOUT-with-a-rather-long-pseudonym-label-to-wrap")
    panel = {"csrf_token": token, "date": "2026-03-01", "b12_value": "150", "b12_unit": "ng/L"}
    panel |= {"mma_value": "0.45", "mma_unit": "µmol/L", "intrinsic_factor_antibody": "negative"}
    grip = {"csrf_token": token, "kind": "grip_strength", "value": "14", "date": "2026-03-01"}
    food = {"csrf_token": token, "food": SALMON, "date": "2026-03-01", "amount": "100", "unit": "g"}
    pill = {"csrf_token": token, "supplement": "cyanocobalamin", "ug_per_dose": "1000"}
    pill |= {"doses": "1", "per": "day", "date": "2026-03-01"}
    surgery = {"csrf_token": token, "procedure": "ileal_resection", "surgery_date": "2019-05-02"}
    medicine = {"csrf_token": token, "name": "metformin", "start_date": "2020-01-01"}
    for path, data in [
        ("labs", panel),
        ("measurements", grip),
        ("diary", food),
        ("diary/supplements", pill),
        ("surgery", surgery),
        ("medications", medicine),
    ]:
        assert client.post(f"{url}/{path}", data=data).status_code == 303, path
    return url


def _pages(client: httpx.Client, routes: set[str]) -> dict[str, Visit]:
    """One visit per HTML route (and per audience of a report): the person list, the person page
    and every page it links to, the sign-in page, and the pages only a form's answer shows."""
    person = _seed(client)
    links = re.findall(r'href="(/[^"#]+)"', client.get(person).text)
    reports = [f"{person}/report.html", f"{person}/report.html?audience=person", f"{person}/menu"]
    found = ["/persons", person, "/login", "/audit", *reports, *links]
    pages: dict[str, Visit] = {}
    seen: set[tuple[str, str]] = set()
    for path in found:
        route = _route_of(path, routes)
        audience = "person" if "audience=person" in path else ""
        if route is not None and (route, audience) not in seen:
            seen.add((route, audience))
            pages[path] = lambda p, base, path=path: p.goto(base + path)
    pages["/api/docs"] = _swagger_ui
    pages["/api/redoc"] = _redoc
    pages["import result"] = _import_result
    pages["sign-in refused"] = _sign_in_refused
    pages["add form refused"] = _add_refused
    pages["not found"] = lambda p, base: p.goto(f"{base}/persons/999999")
    return pages


def _swagger_ui(page: Page, base: str) -> None:
    """Swagger UI drawn, with an operation open for "Try it out" (its editor and examples)."""
    page.goto(f"{base}/api/docs")
    page.locator("#operations-labs-add_labs button.opblock-summary-control").click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").wait_for()


def _redoc(page: Page, base: str) -> None:
    """ReDoc drawn: the operations, their schemas and the example panel."""
    page.goto(f"{base}/api/redoc")
    page.get_by_text("Assess one person without storing anything").first.wait_for()


def _import_result(page: Page, base: str) -> None:
    page.goto(f"{base}/persons")
    page.locator("#import_label").fill("LAYOUT-IMPORTED")
    page.locator("#import_file").set_input_files(FHIR_BUNDLE)
    page.get_by_role("button", name="Import").click()
    page.get_by_role("heading", name="Imported LAYOUT-IMPORTED").wait_for()


def _sign_in_refused(page: Page, base: str) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("API token").fill("not-a-token")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Unknown token.").wait_for()


def _add_refused(page: Page, base: str) -> None:
    page.goto(f"{base}/persons")
    form = page.get_by_role("form", name="Add a person")
    form.get_by_label("Label (pseudonym, not a name)").fill("LAYOUT-REFUSED")
    form.get_by_label("Age (years)").fill("70")
    form.get_by_label("Sex").select_option("male")
    form.get_by_label("Pregnant").check()  # refused by the server, not the browser
    form.get_by_label("Label (pseudonym, not a name)").press("Enter")
    page.get_by_role("alert").first.wait_for()


def _problems(page: Page, axe: Axe, name: str, width: int) -> list[str]:
    found = []
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    if overflow > 0:
        found.append(f"{name}: scrolls sideways by {overflow}px")
    for link in page.get_by_role("link", name=re.compile(r"^(Correct|Delete…|Remove…)$")).all():
        box = link.bounding_box()
        if box is None or box["x"] < 0 or box["x"] + box["width"] > width:
            found.append(f"{name}: a {link.inner_text()} link is out of view")
    violations = axe.run(page).response["violations"]
    return found + [
        f"{name}: axe {v['id']} ({v['impact']}): {v['help']} x{len(v['nodes'])}"
        for v in violations
        if v["impact"] in SERIOUS
    ]


def test_every_html_route_is_found() -> None:
    routes = html_routes()
    # the enumeration finds the pages it must (a change to how routes are declared shows here)
    assert {"/persons", "/persons/{person_id}", "/login", "/audit"} <= routes
    assert "/persons/{person_id}/history/{field}/{index}/edit" in routes
    assert not any(r.endswith(".pdf") for r in routes)


@pytest.mark.parametrize("screen", WIDTHS)
def test_no_page_overflows_and_axe_finds_nothing_serious(
    page: Page, server: Server, client: httpx.Client, screen: str
) -> None:
    routes = html_routes()
    pages = _pages(client, routes)
    visited = {_route_of(path, routes) for path in pages}
    assert routes - visited == set(), "HTML pages no test visits"
    width, height = WIDTHS[screen]
    page.set_viewport_size({"width": width, "height": height})
    axe, problems = Axe(), []
    ARTIFACTS.mkdir(exist_ok=True)
    for name, visit in pages.items():
        visit(page, server.url)
        problems += _problems(page, axe, name, width)
        shot = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "home"
        page.screenshot(path=str(ARTIFACTS / f"layout-{screen}-{shot}.png"), full_page=True)
    assert problems == [], "\n".join(problems)
