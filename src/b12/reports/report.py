"""One report model for printing: built from an assessment document, rendered to HTML and PDF.

The report is built from the JSON document of an assessment (as `b12 assess --json` prints it and as
the store keeps it), so a stored assessment prints exactly as it was produced, whatever the current
version of b12. PDF output uses WeasyPrint (Debian's Pango libraries must be installed).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from pydantic import BaseModel, ConfigDict

from b12.errors import InputError
from b12.reports.judgment_view import JudgmentView, judgment_view


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
    plan_summary: str
    plan_items: tuple[str, ...]
    labs: tuple[ReportRow, ...]
    rules: tuple[ReportRow, ...]
    chart_svg: str = ""
    note: str = ""  # e.g. that a stored assessment was re-assessed with the current rules


def _cb12_line(cb12: dict[str, Any]) -> str:
    if cb12.get("cb12") is None:
        return f"cB12 not computed: {cb12.get('reason', '')}"
    category = str(cb12["category"]).replace("_", " ")
    return f"cB12 {cb12['cb12']:+.2f}: {category} ({cb12['variant']})"


def _printed(reading: dict[str, Any]) -> str:
    """The value as the lab printed it with its date, and the canonical value when it differs."""
    canonical = f"{reading['value']:.4g} {reading['unit']}"
    printed = reading.get("printed") or canonical
    date = f" ({reading['date']})" if reading.get("date") else ""
    return printed + date + (f" = {canonical}" if printed != canonical else "")


def build_report(
    document: dict[str, Any],
    *,
    subject: str,
    produced_at: dt.datetime | None = None,
    labs: list[tuple[str, str, str, str]] | None = None,
    chart_svg: str = "",
    note: str = "",
) -> Report:
    """The report of one assessment document; ``labs`` rows are (date, marker, printed, canonical)."""
    status = document["status"]
    plan = document.get("plan") or {}
    when = (produced_at or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%d %H:%M UTC")
    return Report(
        subject=subject,
        generated=when,
        produced_by=f"b12 {document['b12_version']}",
        disclaimer=document["disclaimer"],
        judgment=judgment_view(document),
        cb12=_cb12_line(status["cb12"]),
        readings=tuple(
            ReportRow(
                cells=(
                    r["analyte"],
                    _printed(r),
                    r["scheme"],
                    str(r["category"]).replace("_", " "),
                    r["rule"],
                )
            )
            for r in status["readings"]
        ),
        plan_summary=plan.get("summary", ""),
        plan_items=tuple(item["text"] for item in plan.get("items", ())),
        note=note,
        labs=tuple(ReportRow(cells=row) for row in labs or []),
        rules=tuple(
            ReportRow(cells=(r["id"], r["evidence"], r["summary"], r["source"]))
            for r in document.get("rules", [])
        ),
        chart_svg=chart_svg,
    )


_ENV = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
    undefined=StrictUndefined,
)


def render_html(report: Report) -> str:
    """A standalone, printable HTML page (escaped; the chart is b12's own escaped SVG)."""
    return _ENV.get_template("report.html").render(r=report)


def render_pdf(report: Report) -> bytes:
    """The report as PDF (WeasyPrint)."""
    from weasyprint import HTML  # imported here: it loads Pango, which only PDF output needs

    pdf = HTML(string=render_html(report)).write_pdf()
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
