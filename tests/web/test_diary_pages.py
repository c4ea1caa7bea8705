"""The diary, food search, intake and grip-strength charts and symptoms on the person page."""

from __future__ import annotations

import re

import httpx

from b12.core.muscle import ewgsop2
from b12.core.sex import Sex
from tests.web.test_pages import csrf

SALMON = "ndb:15085"


def new_person(client: httpx.Client, token: str, label: str, **extra: str) -> str:
    form = {"csrf_token": token, "label": label, "age": "70", "sex": "female", **extra}
    created = client.post("/persons", data=form)
    assert created.status_code == 303, created.text
    return str(created.headers["location"])


def test_food_search_without_javascript_fills_the_diary_form(client: httpx.Client) -> None:
    token = csrf(client)
    page_url = new_person(client, token, "DIARY-WEB-1")
    page = client.get(page_url, params={"food_q": "salmon sockeye"}).text
    assert "food(s) match" in page
    options = re.findall(r'<option value="(ndb:\d+)">([^<]+)</option>', page)
    assert (SALMON, "Fish, salmon, sockeye, raw (4.69 µg B12/100 g)") in options
    entry = {"csrf_token": token, "food": SALMON, "date": "2026-03-01", "amount": "100"}
    saved = client.post(f"{page_url}/diary", data={**entry, "meal": "lunch", "unit": "g"})
    assert saved.status_code == 303 and saved.headers["location"].endswith("#diary-h")
    page = client.get(page_url).text
    assert 'id="intake-chart"' in page and "IOM RDA 2.4 µg" in page
    assert "Fish, salmon, sockeye, raw" in page and "4.69" in page
    latest = re.search(rf'href="({page_url}/assessments/\d+)"', page)
    assert latest is not None and "Intake" in client.get(latest.group(1)).text
    ask = re.search(rf'href="({page_url}/diary/\d+/delete)"', page)  # asks first
    assert ask is not None
    confirm = client.get(ask.group(1)).text
    assert "Fish, salmon, sockeye, raw: 100 g on 2026-03-01?" in confirm
    remove = re.search(rf'action="({page_url}/diary/\d+/delete)"', confirm)
    assert remove is not None
    assert client.post(remove.group(1), data={"csrf_token": token}).status_code == 303
    assert "No foods recorded yet." in client.get(page_url).text
    assert client.post(remove.group(1), data={"csrf_token": token}).status_code == 404


def test_the_suggestion_fragment_is_escaped_options(client: httpx.Client) -> None:
    fragment = client.get("/foods/search", params={"q": "salm"})
    assert fragment.status_code == 200
    assert fragment.text.count("<option") >= 3 and "<html" not in fragment.text
    assert client.get("/foods/search", params={"q": ""}).text.strip() == ""
    assert "&lt;b&gt;" not in client.get("/foods/search", params={"q": "<b>"}).text


def test_a_vague_food_is_refused_with_suggestions(client: httpx.Client) -> None:
    token = csrf(client)
    page_url = new_person(client, token, "DIARY-WEB-2")
    entry = {"csrf_token": token, "food": "milk", "date": "2026-03-01", "amount": "100"}
    refused = client.post(f"{page_url}/diary", data=entry)
    assert refused.status_code == 422
    assert 'id="diary-error"' in refused.text and "choose one from the food search" in refused.text
    assert "No foods recorded yet." in refused.text


def test_grip_strength_is_charted_against_the_ewgsop2_cut_off(client: httpx.Client) -> None:
    token = csrf(client)
    page_url = new_person(client, token, "GRIP-WEB-1")
    for date, value in (("2026-01-10", "19"), ("2026-06-10", "14.5")):
        form = {"csrf_token": token, "kind": "grip_strength", "value": value, "date": date}
        assert client.post(f"{page_url}/measurements", data=form).status_code == 303
    page = client.get(page_url).text
    cut = ewgsop2.GRIP_LOW_BELOW_KG[Sex.FEMALE]
    assert 'id="grip-chart"' in page
    assert f"EWGSOP2: low strength below {cut:g} kg ({ewgsop2.RULE_STRENGTH})" in page
    assert "2026-06-10: 14.5 kg" in page
    assert "Probable sarcopenia" in page or "probable" in page.lower()


def test_symptoms_are_kept_with_the_person(client: httpx.Client) -> None:
    token = csrf(client)
    page_url = new_person(client, token, "SYMPT-WEB-1", symptoms="fatigue, tingling feet")
    assert "Symptoms: fatigue, tingling feet." in client.get(page_url).text
    form = {"csrf_token": token, "symptoms": "sore tongue, memory problems"}
    assert client.post(f"{page_url}/symptoms", data=form).status_code == 303
    page = client.get(page_url).text
    assert "Symptoms: sore tongue, memory problems." in page
    latest = re.search(rf'href="({page_url}/assessments/\d+)"', page)
    assert latest is not None
    assert client.post(f"{page_url}/symptoms", data={"symptoms": "x"}).status_code == 403
