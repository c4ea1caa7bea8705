"""The flag a lab prints beside a result (H, L, HH, LL, A) over HTTP on a real server: entered in
the lab panel (a labelled select) and the correction form, refused with the field and the allowed
values, shown beside the value on the person page and in the report, kept by the API."""

from __future__ import annotations

import re

import httpx

from tests.api.test_api import new_person
from tests.web.test_pages import csrf

CHOICES = ("'H'", "'L'", "'HH'", "'LL'", "'A'")
SHOWN = (
    "Input should be &#39;H&#39;, &#39;L&#39;, &#39;HH&#39;, &#39;LL&#39; or &#39;A&#39;"  # escaped
)


def test_the_api_keeps_and_refuses_flags(client: httpx.Client) -> None:
    person = new_person(client, "FLAG-API")
    url = f"/api/persons/{person['id']}/labs"
    b12 = {"analyte": "b12", "value": 118, "unit": "pmol/L", "date": "2026-03-01"}
    (flagged, plain) = client.post(url, json=[{**b12, "flag": "L"}, b12]).json()
    assert (flagged["flag"], plain["flag"]) == ("L", None)
    assert client.get(f"{url}/{flagged['id']}").json()["flag"] == "L"
    refused = client.post(url, json=[{**b12, "flag": "low"}])
    problem = refused.json()
    assert refused.status_code == 422 and problem["field"] == "body[0].flag", problem
    assert all(choice in problem["detail"] for choice in CHOICES), problem
    changed = client.put(f"{url}/{plain['id']}", json={**b12, "flag": "LL"}).json()
    assert changed["flag"] == "LL"


def test_a_flag_is_entered_shown_corrected_and_reported(client: httpx.Client) -> None:
    token = csrf(client)
    person = new_person(client, "FLAG-WEB")
    page = f"/persons/{person['id']}"
    form = client.get(page).text
    select = re.search(r'<select id="b12_flag" name="b12_flag".*?</select>', form, re.S)
    assert select is not None and '<label for="b12_flag">' in form
    values = re.findall(r'<option value="([A-Z]*)"', select.group(0))
    assert values == ["", "H", "L", "HH", "LL", "A"]
    assert ">LL: critically low</option>" in select.group(0)
    panel = {"csrf_token": token, "date": "2026-03-01", "b12_value": "118", "b12_unit": "pmol/L"}
    panel |= {"mma_value": "0.62", "mma_unit": "umol/L", "mma_flag": "H"}
    # a forged value (the select offers none other) comes back naming the marker's flag input
    refused = client.post(f"{page}/labs", data={**panel, "b12_flag": "low"})
    assert refused.status_code == 422
    assert f"b12: flag: {SHOWN}, got &#39;low&#39;" in refused.text
    assert re.search(r'id="b12_flag" name="b12_flag" aria-invalid="true"', refused.text)
    assert client.get(f"/api{page}/labs").json() == []  # the panel is all or nothing
    assert client.post(f"{page}/labs", data={**panel, "b12_flag": "L"}).status_code == 303
    shown = client.get(page).text
    assert '118 pmol/L <span class="flag">L (low)</span>' in shown
    assert '0.62 umol/L <span class="flag">H (high)</span>' in shown
    # the correction form offers the same choices, with the stored flag selected
    b12 = next(lab for lab in client.get(f"/api{page}/labs").json() if lab["analyte"] == "b12")
    edit = client.get(f"{page}/labs/{b12['id']}/edit").text
    assert '<option value="L" selected>L: low</option>' in edit
    typed = {"csrf_token": token, "value": "118", "unit": "pmol/L", "date": "2026-03-01"}
    wrong = client.post(f"{page}/labs/{b12['id']}", data={**typed, "flag": "N"})
    assert wrong.status_code == 422 and f"flag: {SHOWN}" in wrong.text
    assert 'id="e_flag" name="flag" aria-invalid="true"' in wrong.text
    assert client.post(f"{page}/labs/{b12['id']}", data={**typed, "flag": "LL"}).status_code == 303
    assert client.get(f"/api{page}/labs/{b12['id']}").json()["flag"] == "LL"
    report = client.get(f"{page}/report.html").text
    assert "<td>118 pmol/L LL (critically low)</td>" in report
    # clearing the flag: none printed
    assert client.post(f"{page}/labs/{b12['id']}", data={**typed, "flag": ""}).status_code == 303
    assert client.get(f"/api{page}/labs/{b12['id']}").json()["flag"] is None
