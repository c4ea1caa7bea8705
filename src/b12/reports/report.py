"""One report model for printing: built from an assessment document, rendered to HTML and PDF.

The report is built from the JSON document of an assessment (as `b12 assess --json` prints it and as
the store keeps it), so a stored assessment prints exactly as it was produced, whatever the current
version of b12. PDF output uses WeasyPrint (Debian's Pango libraries must be installed).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from pydantic import BaseModel, ConfigDict

from b12.core.status.readings import category_words, when_text
from b12.errors import InputError
from b12.reports.judgment_view import JudgmentView, judgment_view, without_headline
from b12.reports.overview import Overview, overview
from b12.reports.plain_words import menu_link

Paper = Literal["A4", "Letter"]
Audience = Literal["clinician", "person"]
TEMPLATES: dict[str, str] = {"clinician": "report.html", "person": "report_person.html"}


class ReportRow(BaseModel):
    """A line of a report table."""

    model_config = ConfigDict(frozen=True)
    cells: tuple[str, ...]


class Report(BaseModel):
    """Everything a printed report shows, already as text."""

    model_config = ConfigDict(frozen=True)
    subject: str
    generated: str
    produced_by: str
    disclaimer: str
    judgment: JudgmentView
    cb12: str
    readings: tuple[ReportRow, ...]
    overview: Overview  # next action, re-test, values used, screening, muscle, intake
    plan_summary: str
    plan: tuple[ReportRow, ...]  # (what to do, why), urgent items first as the plan orders them
    menu_link: str = ""  # where to get a menu, when the plan gives food or protein advice
    assessments: tuple[str, ...]
    labs: tuple[ReportRow, ...]
    sources: tuple[ReportRow, ...]  # (source, its rules with their evidence level): the appendix
    chart_svg: str = ""
    note: str = ""  # e.g. that a stored assessment was re-assessed with the current rules
    paper: Paper = "A4"


def _cb12_line(cb12: dict[str, Any]) -> str:
    if cb12.get("cb12") is None:
        return f"cB12 not computed: {cb12.get('reason', '')}"
    category = str(cb12["category"]).replace("_", " ")
    return f"cB12 {cb12['cb12']:+.2f}: {category} ({cb12['variant']})"


def _printed(reading: dict[str, Any]) -> str:
    """The value as the lab printed it with its date, and the canonical value when it differs."""
    canonical = f"{reading['value']:.4g} {reading['unit']}"
    printed = reading.get("printed") or canonical
    when = when_text(reading.get("date"), bool(reading.get("before_treatment")))
    date = f" ({when})" if when else ""
    return printed + date + (f" = {canonical}" if printed != canonical else "")


def _sources(rules: list[dict[str, Any]]) -> tuple[ReportRow, ...]:
    """One line per source with the rules that cite it: a short appendix, not a rule table."""
    cited: dict[str, list[str]] = {}
    for rule in rules:
        cited.setdefault(rule["source"], []).append(f"{rule['id']} ({rule['evidence']})")
    return tuple(ReportRow(cells=(source, ", ".join(ids))) for source, ids in cited.items())


def build_report(
    document: dict[str, Any],
    *,
    subject: str,
    produced_at: dt.datetime | None = None,
    labs: list[tuple[str, str, str, str]] | None = None,
    chart_svg: str = "",
    note: str = "",
    retest_text: str = "",
    retest_due: dt.date | None = None,
    target_ug: float | None = None,
    paper: Paper = "A4",
    person_id: int | None = None,
) -> Report:
    """The report of one assessment document; ``labs`` rows are (date, marker, printed, canonical);
    the re-test date and reference intake come from the records (see :func:`overview`).
    ``person_id`` is the stored person's id (the menu line points to their pages), None for a file."""
    status = document["status"]
    plan = document.get("plan") or {}
    muscle = document.get("muscle") or {}
    when = (produced_at or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%d %H:%M UTC")
    judgment = judgment_view(document)
    return Report(
        subject=subject,
        generated=when,
        produced_by=f"b12 {document['b12_version']}",
        disclaimer=document["disclaimer"],
        judgment=judgment,
        cb12=_cb12_line(status["cb12"]),
        readings=tuple(
            ReportRow(
                cells=(
                    r["analyte"],
                    _printed(r),
                    r["scheme"],
                    category_words(str(r["category"]))
                    + (f" (not reliable here: {r['unreliable']})" if r.get("unreliable") else ""),
                    r["rule"],
                )
            )
            for r in status["readings"]
        ),
        overview=overview(
            document, retest_text=retest_text, retest_due=retest_due, target_ug=target_ug
        ),
        # the report shows the judgment once, above the plan
        plan_summary=without_headline(plan.get("summary", ""), judgment.headline),
        plan=tuple(
            ReportRow(cells=(item["text"], item.get("reason", "")))
            for item in plan.get("items", ())
        ),
        menu_link=menu_link(
            ((str(i.get("category", "")), str(i.get("id", ""))) for i in plan.get("items", ())),
            person_id,
        ),
        assessments=tuple(f["message"] for f in muscle.get("findings", ())),
        note=note,
        labs=tuple(ReportRow(cells=row) for row in labs or []),
        sources=_sources(document.get("rules", [])),
        chart_svg=chart_svg,
        paper=paper,
    )


_ENV = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
    undefined=StrictUndefined,
)


def render_html(report: Report, audience: Audience = "clinician") -> str:
    """A standalone, printable HTML page (escaped; the chart is b12's own escaped SVG): the
    clinician's report, or the plain-language one for the person."""
    return _ENV.get_template(TEMPLATES[audience]).render(r=report)


def render_pdf(report: Report, audience: Audience = "clinician") -> bytes:
    """The report as PDF (WeasyPrint), on the report's paper size."""
    from weasyprint import HTML  # imported here: it loads Pango, which only PDF output needs

    pdf = HTML(string=render_html(report, audience)).write_pdf()
    assert pdf is not None
    return bytes(pdf)


def write_report(report: Report, path: Path) -> None:
    """Write the report as .pdf or .html, by the file's suffix."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        data = render_pdf(report)
    elif suffix in {".html", ".htm"}:
        data = render_html(report).encode("utf-8")
    else:
        raise InputError(f"use a .pdf or .html file name; got {path.name!r}", field="--report")
    # owner-only (0600) from the start: a report holds personal data
    with os.fdopen(os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600), "wb") as out:
        out.write(data)
