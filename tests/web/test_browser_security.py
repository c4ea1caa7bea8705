"""HTML escaping, the Content-Security-Policy and CSRF, in a real browser against `b12 serve`.

Escaping: hostile text goes in through every free-text field of the web UI (person label,
conditions, symptoms, medicine name and dose, lab and measurement values, diary food, amount and
unit, the food search, the person search, the suggestions as you type, an uploaded FHIR Bundle),
then every page that shows it is opened (person list, person page with its charts, the import
summary, the assessment page, the HTML report). The browser context *bypasses* the CSP there, so
escaping alone must hold: no script ran (``window.__xss`` unset, no dialog), no element or
attribute came from the input, and the text is shown as typed. The same pages are then opened
with the CSP on: no violation is even reported (nothing tried to run), and a script injected
through the DOM is blocked.

CSRF: an attacker page served on another loopback origin (``localhost`` is another *site* for
cookies; ``127.0.0.1`` on another port is the same site but another origin) submits forms and
sends ``fetch`` with credentials to b12's form endpoints and to the API; every request is refused
(403 for the forms, 4xx for the API, or blocked by the browser) and the store is unchanged.

Without Chromium the test skips locally and fails in CI.
"""

from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import REPO
from tests.fixtures.server import Server, b12, sqlite_server, start_server
from tests.web.test_browser import ARGS, CHROMIUM

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing (apt-get install chromium)", pytrace=False)
    pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

# Each would run script, add an element or an attribute, or change the page if it were not escaped.
HOSTILE = (
    "<script>window.__xss=1</script>",
    '"><img src=x onerror="window.__xss=1">',
    "'><svg onload=alert(1)>",
    "</title><script>alert(document.domain)</script>",
    "</textarea><iframe srcdoc='<script>parent.__xss=1</script>'>",
    '<a href="javascript:window.__xss=1">click</a>',
    "{{7*7}} {% raw %}<b>bold</b>",
    "]]><style>body{display:none}</style><!--",
)
# Any of these in a page means hostile markup became markup (b12's own pages have none of them).
INJECTED = (
    "img, iframe, object, embed, a[href^='javascript'], b, style:not(head style):not(svg style), "
    "script:not([nonce])"
)
NO_INLINE_HANDLERS = """() => [...document.querySelectorAll('*')]
    .flatMap(e => [...e.attributes].map(a => a.name))
    .filter(name => name.startsWith('on'))"""
FIXTURE_BUNDLE = REPO / "examples" / "fhir" / "unknown-codes.bundle.json"
PERSON_ID = re.compile(r"/persons/(\d+)$")


class Watch:
    """Dialogs and CSP violations seen by the pages of one browser context."""

    def __init__(self) -> None:
        self.dialogs: list[str] = []
        self.violations: list[str] = []

    def attach(self, page: Page) -> None:
        def on_dialog(dialog: Any) -> None:
            self.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.on(
            "console",
            lambda m: (
                self.violations.append(m.text) if "Content Security Policy" in m.text else None
            ),
        )


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Headless Chromium."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def b12_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A fresh `b12 serve` on loopback (its own SQLite file)."""
    yield from sqlite_server(tmp_path_factory, "xss")


def context(browser: Browser, *, bypass_csp: bool) -> tuple[BrowserContext, Page, Watch]:
    made = browser.new_context(bypass_csp=bypass_csp, viewport={"width": 1000, "height": 900})
    page, watch = made.new_page(), Watch()
    watch.attach(page)
    return made, page, watch


def assert_nothing_ran(page: Page, watch: Watch, where: str) -> None:
    """No script of the input ran, and none of it became an element or an attribute."""
    assert page.evaluate("() => window.__xss") is None, where
    assert watch.dialogs == [], f"{where}: a dialog opened: {watch.dialogs}"
    injected = page.evaluate(
        f"() => [...document.querySelectorAll({json.dumps(INJECTED)})].map(e => e.outerHTML)"
    )
    assert injected == [], f"{where}: hostile markup became elements: {injected}"
    assert page.evaluate(NO_INLINE_HANDLERS) == [], where
    assert page.locator("body").is_visible(), where


def add_person(page: Page, base: str, label: str, text: str) -> str:
    """Create a person through the form with ``text`` in every free-text field; their page URL."""
    page.goto(f"{base}/persons")
    form = page.get_by_role("form", name="Add a person")
    form.get_by_label("Label (pseudonym, not a name)").fill(label)
    form.get_by_label("Age (years)").fill("71")
    form.get_by_label("Sex").select_option("female")
    form.get_by_label("Conditions (comma-separated)").fill(text)
    form.get_by_label("Symptoms (comma-separated, e.g. fatigue, tingling feet)").fill(text)
    form.get_by_label("Medications and supplements (comma-separated)").fill(text)
    form.get_by_role("button", name="Add person").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(label)
    return page.url


def test_hostile_text_is_shown_literally_and_never_runs(
    browser: Browser, b12_server: Server, tmp_path: Path
) -> None:
    base = b12_server.url
    made, page, watch = context(browser, bypass_csp=True)
    visited: list[str] = []
    tried = 0

    def check(where: str) -> None:
        assert_nothing_ran(page, watch, where)
        visited.append(page.url)

    for n, text in enumerate(HOSTILE):
        url = add_person(page, base, text, text)
        tried += 4
        body = page.locator("main").inner_text()
        assert f"Conditions: {text}" in body and f"Symptoms: {text}" in body
        assert f"Medications: {text}" in body
        expect(page).to_have_title(f"{text} · b12")
        check(f"person page of {text!r}")

        # A panel, then a B12 supplement whose name is hostile: it shades the trend chart and its
        # name is the SVG <title> of the shaded period.
        page.get_by_label("Sample date").fill("2026-01-05")
        page.locator("#b12_value").fill("180")
        page.get_by_role("button", name="Save results and assess").click()
        page.locator("summary", has_text="Add a medicine or supplement").click()
        page.locator("#med_name").fill(f"cyanocobalamin {text}")
        page.locator("#med_start").fill("2026-01-10")
        page.locator("#med_dose").fill(text)
        page.get_by_role("button", name="Add", exact=True).click()
        tried += 2
        periods = page.locator("svg.trend rect.period title")  # one per marker panel
        expect(periods.first).to_be_attached()
        shaded = set(periods.all_text_contents())
        assert shaded == {f"B12 supplement: cyanocobalamin {text}"}
        check(f"medication {text!r}")

        # Values that are refused: the error repeats the input, escaped.
        page.get_by_label("Sample date").fill("2026-02-01")
        page.locator("#b12_value").fill(text)
        page.get_by_role("button", name="Save results and assess").click()
        expect(page.locator("#lab-error")).to_be_visible()
        check(f"lab value {text!r}")
        page.locator("#m_value").fill(text)
        page.locator("#m_date").fill("2026-02-01")
        page.get_by_role("button", name="Save measurement").click()
        expect(page.locator("#muscle-error")).to_be_visible()
        check(f"measurement value {text!r}")
        tried += 2

        # The diary: an unknown food, a bad amount and unit, the search form, the suggestions.
        for field, value in (("#d_food", text), ("#d_amount", text), ("#d_unit", text)):
            page.locator("#d_food").fill("ndb:15085" if field != "#d_food" else text)
            page.locator("#d_date").fill("2026-02-01")
            page.locator("#d_amount").fill("100")
            page.locator("#d_unit").fill("g")
            page.locator(field).fill(value)
            page.get_by_role("button", name="Add to diary and assess").click()
            expect(page.locator("#diary-error")).to_be_visible()
            check(f"diary {field} {text!r}")
            tried += 1
        page.goto(url)
        page.locator("#d_food").press_sequentially(text[:12], delay=10)  # the suggestions fetch
        page.wait_for_timeout(400)
        check(f"suggestions for {text!r}")
        page.get_by_label("Food name (or part of one)").fill(text)
        page.get_by_label("Food name (or part of one)").press("Enter")
        expect(page.locator("#food-results")).to_contain_text(f"match “{text}”")
        check(f"food search {text!r}")
        page.goto(f"{base}/foods/search?q={httpx.QueryParams({'x': text})['x']}")
        check(f"food options for {text!r}")
        tried += 3

        # A supplement in the diary, its "remove" confirmation, a lab result's correction form
        # with a refused hostile value, and the person's delete confirmation.
        page.goto(url)
        page.locator("summary", has_text="Add a supplement taken").click()
        page.locator("#s_name").fill(f"cyanocobalamin {text}")
        page.locator("#s_ug").fill("1000")
        page.get_by_role("button", name="Add the supplement and assess").click()
        expect(page.locator("#diary-supplements")).to_contain_text(f"cyanocobalamin {text}")
        check(f"diary supplement {text!r}")
        page.locator("#diary-supplements a").first.click()
        expect(page.locator("main")).to_contain_text(f"cyanocobalamin {text}")
        check(f"supplement removal page {text!r}")
        page.goto(url)
        page.get_by_role("link", name="Correct").first.click()
        page.locator("main form input[name=value]").fill(text)
        page.locator("main form button[type=submit]").click()
        expect(page.locator("#edit-error")).to_be_visible()
        check(f"lab correction {text!r}")
        page.goto(url.rstrip("/") + "/delete")
        expect(page.locator("main")).to_contain_text(text)
        check(f"person delete page {text!r}")
        tried += 2

        page.goto(url)
        page.locator("summary", has_text="Symptoms").click()
        page.locator("form[aria-label=Symptoms] input[name=symptoms]").fill(f"fatigue, {text}")
        page.get_by_role("button", name="Save symptoms and assess").click()
        assert f"Symptoms: fatigue, {text}" in page.locator("main").inner_text()
        check(f"symptoms {text!r}")
        tried += 1

        # The assessment page and the printable HTML report of the latest assessment.
        page.get_by_role("button", name="Assess again from the stored results").click()
        page.locator("#history-h + ul a").first.click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(text)
        check(f"assessment page of {text!r}")
        match = PERSON_ID.search(url)
        assert match
        report = page.url.rstrip("/") + "/report.html"
        page.goto(report)
        assert text in page.locator("body").inner_text()
        check(f"report of {text!r}")

        page.goto(f"{base}/persons?{httpx.QueryParams({'q': text})}")
        expect(page.locator("table a").first).to_have_text(text)
        check(f"person search {text!r}")
        tried += 1

        # A FHIR Bundle whose free texts are hostile, uploaded with a hostile label.
        bundle = json.loads(FIXTURE_BUNDLE.read_text(encoding="utf-8"))
        for entry in bundle["entry"]:  # unmapped codes are listed on the import summary
            code = entry["resource"].get("code")
            if code is not None:
                code["text"] = text
                for coding in code.get("coding", []):
                    coding["display"] = text
                    if entry["resource"]["id"] in {"glucose", "hypertension"}:
                        coding["code"] = text
        upload = tmp_path / f"hostile-{n}.json"
        upload.write_text(json.dumps(bundle), encoding="utf-8")
        page.goto(f"{base}/persons")
        page.locator("#import_label").fill(text)
        page.locator("#import_file").set_input_files(upload)
        page.get_by_role("button", name="Import").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Imported {text}")
        expect(page.locator("#unused")).to_contain_text(text)
        check(f"FHIR import of {text!r}")
        tried += 2

    page.goto(f"{base}/persons")
    for text in HOSTILE:
        expect(page.locator("table a", has_text=text).first).to_have_text(text)
    check("person list")
    made.close()

    # The same pages with the CSP on: no violation reported (nothing tried to run).
    made, page, watch = context(browser, bypass_csp=False)
    for url in dict.fromkeys(visited):
        page.goto(url)
        assert_nothing_ran(page, watch, url)
    assert watch.violations == []
    made.close()
    print(f"\n{tried} hostile inputs through the forms, {len(set(visited))} pages checked")


def test_the_csp_lets_b12_own_script_run_and_blocks_any_other(
    browser: Browser, b12_server: Server
) -> None:
    made, page, watch = context(browser, bypass_csp=False)
    add_person(page, b12_server.url, "CSP-1", "fatigue")
    nonces = []
    for _ in range(2):  # each answer has its own nonce, and b12's one script carries it
        response = page.reload()
        assert response is not None
        policy = response.headers["content-security-policy"]
        nonce = re.search(r"script-src 'nonce-([^']+)';", policy)
        assert nonce, policy
        assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
        assert response.headers["x-content-type-options"] == "nosniff"
        assert page.locator("script").count() == 3  # food search, lab panel, person forms
        found = page.evaluate("() => [...document.querySelectorAll('script')].map(s => s.nonce)")
        assert found == [nonce.group(1)] * 3
        nonces.append(nonce.group(1))
    assert nonces[0] != nonces[1]

    # b12's own script still runs: suggestions as you type.
    page.locator("#d_food").press_sequentially("salmon sock", delay=30)
    expect(page.locator("#food-options option").first).to_have_attribute(
        "value", "Fish, salmon, sockeye, raw"
    )

    # A script that gets into the page any other way is blocked, and reported as a violation.
    page.evaluate(
        """() => { const s = document.createElement('script');
                   s.textContent = 'window.__xss = 1'; document.body.appendChild(s);
                   const i = document.createElement('img');
                   i.setAttribute('onerror', 'window.__xss = 1'); i.src = '/nope';
                   document.body.appendChild(i); }"""
    )
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.__xss") is None
    assert watch.violations, "the browser reported no CSP violation"

    # HTML outside the page template (the report, the suggestions fragment) allows no script;
    # error pages only the nonce's.
    page.get_by_role("button", name="Assess again from the stored results").click()
    page.locator("#history-h + ul a").first.click()
    for url in (f"{page.url}/report.html", f"{b12_server.url}/foods/search?q=liver"):
        answer = page.request.get(url)
        assert answer.ok, url
        assert "script-src 'none';" in answer.headers["content-security-policy"], url
    missing = page.request.get(f"{b12_server.url}/persons/999999")
    assert missing.status == 404
    assert "script-src 'nonce-" in missing.headers["content-security-policy"]
    # The API docs pages load scripts from this server only (b12.api.routes.docs).
    for docs in ("/api/docs", "/api/redoc"):
        policy = page.request.get(f"{b12_server.url}{docs}").headers["content-security-policy"]
        assert "script-src 'self';" in policy, docs
    made.close()


# --- CSRF ------------------------------------------------------------------------------------


class Attacker:
    """A tiny site on its own loopback port serving the pages a test gives it."""

    def __init__(self) -> None:
        self.pages: dict[str, str] = {}
        pages = self.pages

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = pages.get(self.path.split("?")[0], "").encode()
                self.send_response(200 if body else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = int(self.httpd.server_address[1])
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def attacker() -> Iterator[Attacker]:
    """The attacker's site."""
    site = Attacker()
    yield site
    site.close()


def auto_form(action: str, fields: dict[str, str]) -> str:
    inputs = "".join(f'<input name="{k}" value="{v}">' for k, v in fields.items())
    return (
        f'<form method="post" action="{action}">{inputs}</form>'
        "<script>document.forms[0].submit()</script>"
    )


FETCHES = """<script>
window.results = {};
const b12 = %(base)s, id = %(id)s;
const tries = {
  form_fetch: () => fetch(b12 + '/persons', {method: 'POST', mode: 'no-cors', credentials: 'include',
      body: new URLSearchParams({label: 'CSRF-FETCH', age: '70', sex: 'female'})}),
  delete_fetch: () => fetch(b12 + '/persons/' + id + '/delete', {method: 'POST', mode: 'no-cors',
      credentials: 'include', body: new URLSearchParams({})}),
  api_text_plain: () => fetch(b12 + '/api/persons', {method: 'POST', mode: 'no-cors',
      credentials: 'include', headers: {'Content-Type': 'text/plain'},
      body: JSON.stringify({label: 'CSRF-API', age: 70, sex: 'female'})}),
  api_no_content_type: () => fetch(b12 + '/api/persons', {method: 'POST', mode: 'no-cors',
      credentials: 'include', body: new Blob([JSON.stringify({label: 'CSRF-API', age: 70,
      sex: 'female'})])}),
  api_form: () => fetch(b12 + '/api/persons', {method: 'POST', mode: 'no-cors',
      credentials: 'include', body: new URLSearchParams({label: 'CSRF-API', age: '70',
      sex: 'female'})}),
  api_multipart: () => { const f = new FormData(); f.append('label', 'CSRF-API');
      return fetch(b12 + '/api/persons/import', {method: 'POST', mode: 'no-cors',
      credentials: 'include', body: f}); },
  api_json_cors: () => fetch(b12 + '/api/persons', {method: 'POST', credentials: 'include',
      headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({label: 'CSRF-API', age: 70, sex: 'female'})}),
  api_delete_cors: () => fetch(b12 + '/api/persons/' + id, {method: 'DELETE',
      credentials: 'include'}),
  read_api: () => fetch(b12 + '/api/persons', {credentials: 'include'}).then(r => r.text()),
  read_page: () => fetch(b12 + '/persons', {credentials: 'include'}).then(r => r.text()),
};
(async () => {
  for (const [name, go] of Object.entries(tries)) {
    try { const r = await go(); window.results[name] = typeof r === 'string' ? 'READ ' + r.length
                                                       : 'sent ' + r.type; }
    catch (e) { window.results[name] = 'blocked ' + e.name; }
  }
  window.done = true;
})();
</script>"""


def labels(server: Server) -> list[str]:
    return [p["label"] for p in httpx.get(f"{server.url}/api/persons", timeout=30).json()]


@pytest.mark.parametrize("attacker_host", ["localhost", "127.0.0.1"])
def test_cross_site_forms_and_fetches_are_refused(
    browser: Browser, b12_server: Server, attacker: Attacker, attacker_host: str
) -> None:
    made, page, _watch = context(browser, bypass_csp=False)
    base = b12_server.url
    victim = add_person(page, base, f"VICTIM-{attacker_host}", "fatigue")
    victim_id = PERSON_ID.search(victim)
    assert victim_id
    person_id = victim_id.group(1)
    cookies = {c["name"]: c for c in made.cookies(base)}
    assert cookies["b12_csrf"]["httpOnly"] and cookies["b12_csrf"]["sameSite"] == "Strict"
    before = labels(b12_server)
    b12_answers: list[tuple[str, str, int]] = []
    page.on(
        "response",
        lambda r: (
            b12_answers.append((r.request.method, r.url, r.status))
            if r.url.startswith(base) and r.request.method != "GET"
            else None
        ),
    )

    # Cross-site form posts, as a browser sends them (with whatever cookies it has for b12).
    # The token of another browser (a session the attacker opened themselves) does not help.
    own = browser.new_context()
    own_page = own.new_page()
    own_page.goto(f"{base}/persons")
    foreign_token = own_page.locator("input[name=csrf_token]").first.input_value()
    own.close()
    forms = {
        "/create": auto_form(f"{base}/persons", {"label": "CSRF-FORM", "age": "70", "sex": "male"}),
        "/delete": auto_form(f"{base}/persons/{person_id}/delete", {}),
        "/labs": auto_form(
            f"{base}/persons/{person_id}/labs",
            {"date": "2026-01-01", "b12_value": "900", "b12_unit": "pmol/L"},
        ),
        "/stolen": auto_form(f"{base}/persons/{person_id}/delete", {"csrf_token": foreign_token}),
        "/login": auto_form(f"{base}/login", {"token": "b12_x"}),
    }
    attacker.pages.update(forms)
    origin = f"http://{attacker_host}:{attacker.port}"
    for path in forms:
        with page.expect_response(lambda r: r.url.startswith(base)) as answer:
            page.goto(f"{origin}{path}")
        assert answer.value.status == 403, (path, answer.value.status)
        expect(page.get_by_role("heading", level=1)).to_have_text("Form refused")

    # fetch() with credentials: forms, the API (simple requests and ones that need CORS), reads.
    attacker.pages["/fetch"] = FETCHES % {"base": json.dumps(base), "id": json.dumps(person_id)}
    page.goto(f"{origin}/fetch")
    page.wait_for_function("() => window.done === true", timeout=30_000)
    results = page.evaluate("() => window.results")
    for name in ("api_json_cors", "api_delete_cors", "read_api", "read_page"):
        assert results[name].startswith("blocked"), (name, results)
    page.wait_for_timeout(300)

    # Every request that reached b12 was refused; nothing changed.
    assert b12_answers, "no request reached b12"
    refused = {(m, u.removeprefix(base), s) for m, u, s in b12_answers}
    assert all(400 <= s < 500 for _, _, s in refused), sorted(refused)
    for name in ("form_fetch", "delete_fetch", "api_text_plain", "api_no_content_type"):
        assert results[name] == "sent opaque", (name, results)  # sent, but could not be read
    assert {
        ("POST", "/persons", 403),
        ("POST", f"/persons/{person_id}/delete", 403),
        ("POST", f"/persons/{person_id}/labs", 403),
        ("POST", "/login", 403),
        ("POST", "/api/persons", 415),  # JSON only with Content-Type: application/json
        ("POST", "/api/persons/import", 415),
    } <= refused
    assert labels(b12_server) == before
    assert httpx.get(f"{base}/api/persons/{person_id}/labs", timeout=30).json() == []
    made.close()


def test_sign_in_cookie_is_http_only_and_same_site_strict(
    browser: Browser, attacker: Attacker, tmp_path: Path
) -> None:
    database = f"sqlite:///{tmp_path / 'b12.sqlite3'}"
    created = b12("users", "create", "alice", "--database-url", database)
    assert created.returncode == 0, created.stderr
    token = created.stdout.strip().splitlines()[-1]
    server = start_server(database, tmp_path / "server.log", host="0.0.0.0")
    try:
        made, page, _watch = context(browser, bypass_csp=False)
        page.goto(f"{server.url}/persons")
        expect(page).to_have_url(f"{server.url}/login")
        page.locator("input[name=token]").fill(token)
        page.locator("input[name=token]").press("Enter")
        expect(page).to_have_url(f"{server.url}/persons")
        cookies = {c["name"]: c for c in made.cookies(server.url)}
        for name in ("b12_session", "b12_csrf"):
            assert cookies[name]["httpOnly"], name
            assert cookies[name]["sameSite"] == "Strict", name
            assert cookies[name]["secure"], name  # off loopback (Chromium keeps them on 127.0.0.1)
        # Signed in, a cross-site form is still refused, and a same-site one without the token.
        attacker.pages["/signed-in"] = auto_form(
            f"{server.url}/persons", {"label": "CSRF-AUTH", "age": "70", "sex": "male"}
        )
        for host in ("localhost", "127.0.0.1"):
            with page.expect_response(lambda r: r.url.startswith(server.url)) as answer:
                page.goto(f"http://{host}:{attacker.port}/signed-in")
            assert answer.value.status in (303, 403), answer.value.status
            assert "CSRF-AUTH" not in page.content()
        listed = httpx.get(
            f"{server.url}/api/persons", headers={"Authorization": f"Bearer {token}"}, timeout=30
        )
        assert listed.json() == []
        made.close()
    finally:
        server.stop()


def test_a_page_that_rebinds_its_dns_name_to_loopback_gets_nothing(
    browser: Browser, b12_server: Server
) -> None:
    # The browser resolves rebind.test to 127.0.0.1, as it would after a DNS rebinding attack:
    # the attacker's page and b12 are then one origin, and b12 needs no token on loopback.
    port = b12_server.url.rsplit(":", 1)[1]
    rebinding = browser.browser_type.launch(
        executable_path=str(CHROMIUM),
        args=[*ARGS, "--host-resolver-rules=MAP rebind.test 127.0.0.1"],
    )
    try:
        page = rebinding.new_page()
        assert page.goto(f"{b12_server.url}/persons").status == 200  # type: ignore[union-attr]
        answer = page.goto(f"http://rebind.test:{port}/persons")
        assert answer is not None and answer.status == 421
        assert "VICTIM" not in page.content() and "CSP-1" not in page.content()
        read = page.evaluate(
            "() => fetch('/api/persons').then(r => r.status + ' ' + r.headers.get('content-type'))"
        )
        assert read == "421 application/problem+json"
    finally:
        rebinding.close()
