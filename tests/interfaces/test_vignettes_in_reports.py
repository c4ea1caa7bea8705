"""The report (the HTML that becomes the PDF and the web page's view) shows each guideline
vignette's judgment, and none of the phrases its guideline forbids (issue 12: web and PDF are
checked on the examples and the vignettes; the PDF engine itself is exercised in tests/web)."""

from __future__ import annotations

import html

import pytest

from b12.reports.json_report import assessment_document
from b12.reports.report import build_report, render_html
from b12.services.assess import assess_person
from tests.clinical.test_guideline_vignettes import VIGNETTES, Vignette


@pytest.mark.parametrize("vignette", VIGNETTES, ids=[v.id for v in VIGNETTES])
def test_the_report_shows_the_judgment_and_no_forbidden_phrase(vignette: Vignette) -> None:
    judgment = assess_person(vignette.person).status.judgment
    document = assessment_document(assess_person(vignette.person))
    page = html.unescape(render_html(build_report(document, subject="V")))
    assert judgment.headline in page
    assert judgment.level.value.replace("_", " ") in page
    assert judgment.urgency.value in page
    lowered = page.lower()
    assert not [p for p in vignette.expect.forbidden_phrases if p.lower() in lowered]
