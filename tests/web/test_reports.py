"""Printable reports: HTML and PDF from the web app, the API and `b12 assess --report`."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from b12.cli.main import main
from tests.conftest import EXAMPLES
from tests.fixtures.server import JSON_POST

EXAMPLE = EXAMPLES / "metformin-74y-borderline.json"


def stored_assessment(client: httpx.Client, label: str) -> str:
    person = client.post("/api/persons", json={"label": label, "age": 74, "sex": "female"}).json()
    base = f"/persons/{person['id']}"
    labs = [{"analyte": "b12", "value": 250, "unit": "pg/mL", "date": "2026-03-01"}]
    client.post(f"/api{base}/labs", json=labs)
    assessment = client.post(f"/api{base}/assessments", headers=JSON_POST).json()
    return f"{base}/assessments/{assessment['id']}"


def test_web_and_api_serve_the_report_as_html_and_pdf(client: httpx.Client) -> None:
    path = stored_assessment(client, "<b>REPORT-1</b>")
    html = client.get(f"{path}/report.html")
    assert html.status_code == 200 and "&lt;b&gt;REPORT-1&lt;/b&gt;" in html.text
    assert "<b>REPORT-1" not in html.text
    assert "250 pg/mL" in html.text and "nice-ng239.total-b12" in html.text and "<svg" in html.text
    for url in (f"{path}/report.pdf", f"/api{path}/report.pdf"):
        pdf = client.get(url)
        assert pdf.status_code == 200, pdf.text
        assert pdf.headers["content-type"] == "application/pdf"
        assert pdf.content.startswith(b"%PDF-") and len(pdf.content) > 5_000
    assert client.get(f"{path}1/report.pdf").status_code == 404


@pytest.mark.parametrize("suffix", [".pdf", ".html"])
def test_assess_writes_a_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    output = tmp_path / f"report{suffix}"
    assert main(["assess", str(EXAMPLE), "--json", "--report", str(output)]) == 0
    assert capsys.readouterr().out.lstrip().startswith("{")  # stdout stays pure JSON
    data = output.read_bytes()
    if suffix == ".pdf":
        assert data.startswith(b"%PDF-")
    else:
        text = data.decode()
        # B12 indeterminate with MMA and homocysteine raised: the judgment (issue 12) is a possible
        # functional deficiency (the report said "Indeterminate" before)
        assert (
            "metformin-74y-borderline.json" in text and "Possible functional B12 deficiency" in text
        )
        assert "Level: <strong>possible functional deficiency</strong>" in text
        assert "265 ng/L" in text and "195.6 pmol/L" in text


def test_an_unknown_report_format_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["assess", str(EXAMPLE), "--report", str(tmp_path / "report.docx")]) == 2
    assert "--report: use a .pdf or .html file name" in capsys.readouterr().err


def test_the_current_records_report_for_the_person_on_letter_paper(client: httpx.Client) -> None:
    path = stored_assessment(client, "REPORT-2").split("/assessments/")[0]
    person = client.get(f"{path}/report.html?audience=person")
    assert person.status_code == 200 and "What to do" in person.text
    assert "nice-ng239.total-b12" not in person.text  # rule ids only in the clinician's version
    letter = client.get(f"{path}/report.pdf?paper=Letter")
    assert letter.status_code == 200 and letter.content.startswith(b"%PDF-")
    # (the paper size itself is read back with pdfinfo in tests/unit/reports/test_report.py)
    refused = client.get(f"{path}/report.pdf?paper=A3")
    assert refused.status_code == 422 and len(refused.text) < 20_000


def test_a_stored_persons_report_points_to_their_menu_page(client: httpx.Client) -> None:
    # A stored person has no person file: the menu line names their page and REST address.
    path = stored_assessment(client, "MENU-LINE")
    person = path.split("/")[2]
    for url in (f"{path}/report.html", f"/persons/{person}/report.html"):
        text = client.get(url).text
        assert "For a day-by-day menu" in text, url
        assert f"(/persons/{person}/menu)" in text and f"GET /api/persons/{person}/menu" in text
        assert "PERSON_FILE" not in text and "{id}" not in text
