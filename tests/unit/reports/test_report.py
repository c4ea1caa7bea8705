"""The printed report (issue 16 item 4): the clinician's PDF holds the urgency, the plan, the
screening, muscle and intake sections and a short appendix of sources; the person's version is in
plain words; A4 by default, Letter on request; no personal label in the PDF's metadata.

The PDF's text is read back with poppler's pdftotext (Debian poppler-utils).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from b12.data.person_file import load_person
from b12.reports.json_report import assessment_document
from b12.reports.report import Audience, Paper, render_html, render_pdf
from b12.services.assess import assess_file
from b12.services.reports import person_report
from tests.conftest import EXAMPLES

LABEL = "PT-7731-label"
EXAMPLE = EXAMPLES / "older-adult-probable-sarcopenia-low-b12.yaml"
DIARY = EXAMPLES / "low-b12-despite-diary-intake.yaml"

if shutil.which("pdftotext") is None:
    if os.environ.get("CI"):
        pytest.fail("pdftotext is missing (apt-get install poppler-utils)", pytrace=False)
    pytest.skip("pdftotext is missing (apt-get install poppler-utils)", allow_module_level=True)


def _pdf(
    tmp_path: Path, example: Path, audience: Audience = "clinician", paper: Paper = "A4"
) -> Path:
    document = assessment_document(assess_file(example))
    report = person_report(load_person(example), document, LABEL, None, paper=paper)
    out = tmp_path / f"{example.stem}-{audience}-{paper}.pdf"
    out.write_bytes(render_pdf(report, audience))
    return out


def _text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


def _info(pdf: Path) -> str:
    return subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout


def test_the_clinician_pdf_puts_urgency_and_plan_first(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path, EXAMPLE)
    text = " ".join(_text(pdf).split())
    plan = assess_file(EXAMPLE).plan
    assert plan is not None
    for heading in (
        "Urgency and next step",
        "Plan",
        "Screening",
        "Muscle",
        "Intake",
        "Appendix: sources",
    ):
        assert heading in text, heading
    assert text.index("Urgency: soon") < text.index("Plan") < text.index("Judgment and evidence")
    assert plan.items[0].text in text
    assert "Probable sarcopenia (EWGSOP2)" in text and "B12 testing is recommended" in text
    assert "nice-ng239.total-b12 (secondary)" in text  # the appendix names each rule once
    info = _info(pdf)
    assert re.search(r"Page size: +595.2\d* x 841.89 pts \(A4\)", info), info
    assert LABEL not in info  # the label travels in the page text only, never in the metadata
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages <= 4, pages


def test_intake_and_letter_paper(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path, DIARY, paper="Letter")
    assert re.search(r"Page size: +612 x 792 pts \(letter\)", _info(pdf))
    # the one intake verdict, as `b12 intake` and `b12 assess` word it
    assert "B12 from the food record: 288.0 µg/day eaten (at or above the 2.4 µg RDA)" in " ".join(
        _text(pdf).split()
    )


def test_the_person_version_is_in_plain_words(tmp_path: Path) -> None:
    text = " ".join(_text(_pdf(tmp_path, EXAMPLE, "person")).split())
    assert "What to do" in text and "When to check again" in text
    assert "nice-ng239.total-b12" not in text  # no rule ids for the person


def test_the_html_report_fits_a_phone() -> None:
    document = assessment_document(assess_file(EXAMPLE))
    html = render_html(person_report(load_person(EXAMPLE), document, LABEL, None))
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert "@media screen and (max-width: 40rem)" in html
