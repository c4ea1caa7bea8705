"""The person's details and clinical history edited in the web UI over HTTP (issue 16 round 2):
the fields issue 15 added to the person file, a refusal beside the field it names with what was
typed kept, and the judgment reading what was saved."""

from __future__ import annotations

from html import unescape

import httpx

from tests.api.test_api import new_person
from tests.web.test_pages import csrf


def _person(client: httpx.Client, person_id: int) -> dict:
    return client.get(f"/api/persons/{person_id}").json()


def test_age_sex_diet_pregnancy_and_ethnicity_are_changed_after_adding(
    client: httpx.Client,
) -> None:
    token = csrf(client)
    person = new_person(client, "WEB-DETAILS", sex="female")
    url = f"/persons/{person['id']}/details"
    page = client.get(f"/persons/{person['id']}").text
    assert '<option value="lacto_ovo_vegetarian">lacto-ovo vegetarian</option>' in page
    assert "NICE NG239 1.3.13" in page  # why ethnicity is asked, beside the field
    typed = {
        "csrf_token": token,
        "age": "31",
        "sex": "female",
        "diet": "lacto_vegetarian",
        "pregnant": "on",
        "gestational_age_weeks": "50",
        "ethnicity": "black",
        "conditions": "coeliac disease",
    }
    refused = client.post(url, data=typed)
    assert refused.status_code == 422
    assert "gestational_age_weeks: Input should be less than or equal to 45" in refused.text
    assert (
        'name="gestational_age_weeks" inputmode="decimal" value="50" aria-invalid="true" '
        'aria-describedby="details-error"' in refused.text
    )
    assert 'value="31"' in refused.text  # what was typed is kept
    assert _person(client, person["id"])["age"] == person["age"]  # nothing saved
    saved = client.post(url, data={**typed, "gestational_age_weeks": "20"})
    assert saved.status_code == 303 and saved.headers["location"].endswith("#details-h")
    stored = _person(client, person["id"])
    assert (stored["age"], stored["diet"], stored["gestational_age_weeks"]) == (
        31,
        "lacto_vegetarian",
        20,
    )
    assert stored["ethnicity"] == "black" and stored["conditions"] == ["coeliac disease"]
    # unticking "pregnant" drops the gestational age instead of refusing a hidden field
    del typed["pregnant"]
    assert client.post(url, data={**typed, "gestational_age_weeks": "20"}).status_code == 303
    stored = _person(client, person["id"])
    assert stored["pregnant"] is False and stored["gestational_age_weeks"] is None
    # an empty diet and ethnicity clear them
    cleared = {**typed, "diet": "", "ethnicity": ""}
    assert client.post(url, data=cleared).status_code == 303
    assert _person(client, person["id"])["diet"] is None
    assert _person(client, person["id"])["ethnicity"] is None
    male = client.post(url, data={**typed, "sex": "male", "pregnant": "on"})
    assert male.status_code == 422 and 'aria-describedby="details-error"' in male.text


def test_operations_dialysis_symptom_course_and_condition_dates(client: httpx.Client) -> None:
    token = csrf(client)
    person = new_person(client, "WEB-HISTORY", sex="male")
    pid = person["id"]
    client.patch(
        f"/api/persons/{pid}", json={"symptoms": ["tingling feet"], "conditions": ["crohn's"]}
    )
    base = {"csrf_token": token}
    wrong = client.post(
        f"/persons/{pid}/surgery",
        data={**base, "procedure": "sleeve_gastrectomy", "surgery_date": "", "extent": "total"},
    )
    assert wrong.status_code == 422 and "extent applies to ileal_resection only" in wrong.text
    assert '<option value="sleeve_gastrectomy" selected>' in wrong.text
    for data in (
        {"procedure": "ileal_resection", "surgery_date": "2019-05-02", "extent": "partial"},
        {"procedure": "sleeve_gastrectomy", "surgery_date": "", "extent": ""},
    ):
        assert client.post(f"/persons/{pid}/surgery", data={**base, **data}).status_code == 303
    dialysis = {"modality": "haemodialysis", "dialysis_since": "2024-01-10"}
    assert client.post(f"/persons/{pid}/dialysis", data={**base, **dialysis}).status_code == 303
    course = {
        "course_symptom": "tingling feet",
        "course": "persisting",
        "course_onset": "2026-01-01",
        "course_resolved_on": "2026-02-01",
    }
    refused = client.post(f"/persons/{pid}/symptom-course", data={**base, **course})
    assert refused.status_code == 422 and "resolved_on is only for course 'resolved'" in unescape(
        refused.text
    )
    course["course_resolved_on"] = ""
    assert client.post(f"/persons/{pid}/symptom-course", data={**base, **course}).status_code == 303
    unlisted = {**course, "course_symptom": "headache"}
    refused = client.post(f"/persons/{pid}/symptom-course", data={**base, **unlisted})
    assert refused.status_code == 422 and "which is not in symptoms" in unescape(refused.text)
    dates = {"dates_condition": "crohn's", "condition_onset": "2010-03-01"}
    assert client.post(f"/persons/{pid}/condition-dates", data={**base, **dates}).status_code == 303
    stored = _person(client, pid)
    assert [s["procedure"] for s in stored["surgery"]] == [
        "ileal_resection",
        "sleeve_gastrectomy",
    ]
    assert stored["surgery"][0]["extent"] == "partial"
    assert stored["dialysis"] == {"modality": "haemodialysis", "since": "2024-01-10"}
    assert stored["symptom_course"][0]["course"] == "persisting"
    assert stored["condition_dates"] == [
        {"condition": "crohn's", "onset": "2010-03-01", "resolved_on": None}
    ]
    # the screening reads the operation the form added
    page = client.get(f"/persons/{pid}").text
    assert "ileal resection (partial), 2019-05-02" in page
    # a second course for the same symptom replaces the first
    resolved = {**course, "course": "resolved", "course_resolved_on": "2026-03-01"}
    assert (
        client.post(f"/persons/{pid}/symptom-course", data={**base, **resolved}).status_code == 303
    )
    assert [c["course"] for c in _person(client, pid)["symptom_course"]] == ["resolved"]
    # removing an entry, and clearing dialysis
    confirm = client.get(f"/persons/{pid}/history/surgery/1/delete")
    assert "Delete: sleeve gastrectomy?" in confirm.text
    assert f'action="/persons/{pid}/history/surgery/1/delete"' in confirm.text
    assert [s["procedure"] for s in _person(client, pid)["surgery"]][1] == "sleeve_gastrectomy"
    sleeve = {**base, "expect": "sleeve gastrectomy"}
    assert 'name="expect" value="sleeve gastrectomy"' in confirm.text
    # the confirmation names the entry: another one at that place (the list changed) is kept
    stale = client.post(f"/persons/{pid}/history/surgery/0/delete", data=sleeve)
    assert stale.status_code == 422 and "nothing was deleted" in stale.text
    assert len(_person(client, pid)["surgery"]) == 2
    assert client.post(f"/persons/{pid}/history/surgery/1/delete", data=sleeve).status_code == 303
    assert [s["procedure"] for s in _person(client, pid)["surgery"]] == ["ileal_resection"]
    assert client.post(f"/persons/{pid}/history/surgery/7/delete", data=sleeve).status_code == 422
    assert client.post(f"/persons/{pid}/history/diet/0/delete", data=base).status_code == 422
    no_modality = {**base, "modality": "", "dialysis_since": "2024-01-10"}
    refused = client.post(f"/persons/{pid}/dialysis", data=no_modality)
    assert refused.status_code == 422 and 'aria-describedby="dialysis-error"' in refused.text
    assert client.post(f"/persons/{pid}/dialysis", data={**base, "modality": ""}).status_code == 303
    assert _person(client, pid)["dialysis"] is None


def test_correcting_a_result_printed_in_ng_per_l_keeps_its_unit(client: httpx.Client) -> None:
    # The correction form offered pmol/L and pg/mL only, so a B12 stored in ng/L came back in the
    # browser as the first unit listed, pmol/L: saving the correction changed what it meant.
    token = csrf(client)
    person = new_person(client, "WEB-NGL")
    lab = {"analyte": "b12", "value": 160, "unit": "ng/L", "date": "2026-03-01"}
    (stored,) = client.post(f"/api/persons/{person['id']}/labs", json=[lab]).json()
    url = f"/persons/{person['id']}/labs/{stored['id']}"
    form = client.get(f"{url}/edit").text
    assert '<option value="ng/L" selected>ng/L</option>' in form
    assert '<option value="pmol/L">' in form
    typed = {"csrf_token": token, "value": "260", "unit": "ng/L", "date": "2026-03-01"}
    assert client.post(url, data=typed).status_code == 303
    corrected = client.get(f"/api{url}").json()
    assert (corrected["value"], corrected["unit"]) == (260, "ng/L")


def test_reference_range_sarc_f_muscle_mass_method_and_400_m_walk(client: httpx.Client) -> None:
    token = csrf(client)
    person = new_person(client, "WEB-MUSCLE", sex="female")
    pid, base = person["id"], {"csrf_token": token}
    panel = {
        **base,
        "date": "2026-03-01",
        "mma_value": "0.35",
        "mma_unit": "µmol/L",
        "mma_ref_low": "0.4",
        "mma_ref_high": "0.1",
    }
    refused = client.post(f"/persons/{pid}/labs", data=panel)
    assert refused.status_code == 422 and "low 0.4 is above high 0.1" in refused.text
    assert (
        'name="mma_ref_low" inputmode="decimal" size="6" value="0.4" aria-invalid="true"'
        in refused.text
    )
    saved = client.post(f"/persons/{pid}/labs", data={**panel, "mma_ref_low": ""})
    assert saved.status_code == 303
    (mma,) = client.get(f"/api/persons/{pid}/labs").json()
    assert (mma["reference_low"], mma["reference_high"]) == (None, 0.1)
    sarc_f = {f"sarc_f_{k}": "1" for k in ("strength", "assistance_walking", "rise_from_chair")}
    sarc_f |= {"sarc_f_climb_stairs": "2", "sarc_f_falls": "0", "sarc_f_date": "2026-03-01"}
    assert client.post(f"/persons/{pid}/sarc-f", data={**base, **sarc_f}).status_code == 303
    bad = client.post(f"/persons/{pid}/sarc-f", data={**base, **sarc_f, "sarc_f_falls": "3"})
    assert bad.status_code == 422 and "sarc_f_falls: choose 0, 1 or 2" in unescape(bad.text)
    assert (
        'name="sarc_f_falls" required aria-invalid="true" '
        'aria-describedby="sarc-f-answers sarc_f-error"' in bad.text
    )
    assert '<option value="2" selected>2</option>' in bad.text  # climb_stairs kept as typed
    asm = {"kind": "asm", "value": "14.1", "date": "2026-03-01", "asm_method": "bia"}
    assert client.post(f"/persons/{pid}/measurements", data={**base, **asm}).status_code == 303
    grip = {**asm, "kind": "grip_strength", "value": "15"}
    wrong = client.post(f"/persons/{pid}/measurements", data={**base, **grip})
    assert wrong.status_code == 422 and "is for a muscle mass only" in wrong.text
    walk = {"kind": "walk_400m_completed", "value": "0", "date": "2026-03-01"}
    assert client.post(f"/persons/{pid}/measurements", data={**base, **walk}).status_code == 303
    stored = {m["kind"]: m for m in client.get(f"/api/persons/{pid}/measurements").json()}
    assert stored["sarc_f"]["value"] == 5 and stored["sarc_f"]["data"]["climb_stairs"] == 2
    assert stored["asm"]["data"] == {"method": "bia"}
    assert stored["walk_400m_completed"]["value"] == 0
    page = client.get(f"/persons/{pid}").text
    assert "14.1 kg (BIA)" in page and ">no</td>" in page
    # a save keeps an assessment only when its conclusion changed; "assess" keeps this input
    assert client.post(f"/persons/{pid}/assessments", data=base).status_code == 303
    muscle = client.get(f"/api/persons/{pid}/assessments").json()[0]["input"]["muscle"]
    assert muscle["sarc_f"]["climb_stairs"] == 2 and muscle["asm_method"] == "bia"
    assert muscle["walk_400m_completed"] is False


def test_a_symptom_course_corrected_in_place_replaces_a_course_of_the_same_symptom(
    client: httpx.Client,
) -> None:
    token = csrf(client)
    pid = new_person(client, "WEB-COURSE-EDIT", sex="female")["id"]
    symptoms = {"csrf_token": token, "symptoms": "fatigue, tingling feet"}
    assert client.post(f"/persons/{pid}/symptoms", data=symptoms).status_code == 303
    for symptom in ("fatigue", "tingling feet"):
        course = {"csrf_token": token, "course_symptom": symptom, "course": "persisting"}
        assert client.post(f"/persons/{pid}/symptom-course", data=course).status_code == 303
    edit = client.get(f"/persons/{pid}/history/symptom_course/1/edit")
    assert edit.status_code == 200
    assert '<option value="tingling feet" selected>' in edit.text  # prefilled
    expect = "tingling feet: persisting"
    assert f'name="expect" value="{expect}"' in edit.text
    corrected = {"csrf_token": token, "expect": expect, "course_symptom": "tingling feet"}
    corrected |= {"course": "resolved", "course_resolved_on": "2026-02-01"}
    url = f"/persons/{pid}/history/symptom_course/1"
    assert client.post(url, data=corrected).status_code == 303
    courses = _person(client, pid)["symptom_course"]
    assert [(c["symptom"], c["course"]) for c in courses] == [
        ("fatigue", "persisting"),
        ("tingling feet", "resolved"),
    ]  # corrected in its place
    stale = client.post(url, data=corrected)  # the page showed another entry there
    assert stale.status_code == 422 and "nothing was changed" in stale.text
    renamed = {**corrected, "expect": "tingling feet: resolved, resolved 2026-02-01"}
    renamed |= {"course_symptom": "fatigue"}
    assert client.post(url, data=renamed).status_code == 303
    courses = _person(client, pid)["symptom_course"]
    assert [(c["symptom"], c["course"]) for c in courses] == [("fatigue", "resolved")]


def test_a_medicine_stopped_on_a_date_not_given_stays_stopped_when_corrected(
    client: httpx.Client,
) -> None:
    # A FHIR import's stopped statement without an end date (red team round 14, finding 2) is
    # `stopped: true`; a correction in the web app must not turn it into a current medicine.
    token = csrf(client)
    pid = new_person(client, "WEB-MED-STOPPED", sex="female")["id"]
    added = {
        "csrf_token": token,
        "name": "hydroxocobalamin",
        "route": "intramuscular",
        "stopped": "yes",
    }
    assert client.post(f"/persons/{pid}/medications", data=added).status_code == 303
    assert _person(client, pid)["medications"][0]["stopped"] is True
    assert (
        "hydroxocobalamin (intramuscular) (stopped, date not given)"
        in client.get(f"/persons/{pid}").text
    )
    edit = client.get(f"/persons/{pid}/history/medications/0/edit")
    assert '<option value="yes" selected>' in edit.text  # prefilled
    expect = "hydroxocobalamin (intramuscular), stopped (date not given)"
    assert f'name="expect" value="{expect}"' in edit.text
    corrected = {
        "csrf_token": token,
        "expect": expect,
        "name": "hydroxocobalamin",
        "route": "intramuscular",
    }
    corrected |= {"dose": "1 mg", "stopped": "yes"}
    assert client.post(f"/persons/{pid}/history/medications/0", data=corrected).status_code == 303
    stored = _person(client, pid)["medications"][0]
    assert (stored["dose"], stored["stopped"]) == ("1 mg", True)
