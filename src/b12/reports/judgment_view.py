"""The one judgment as text for the web page and the printed report (both render this view).

Built from the JSON document of an assessment (``status.judgment``), so a stored assessment shows
what it said; nothing here judges again. The words match the terminal report's judgment panel.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from b12.codes import orderable_test

# Mark, words and CSS class of each evidence direction (the terminal uses the same marks).
DIRECTIONS = {
    "supports": ("+", "supports a deficiency"),
    "argues_against": ("−", "argues against"),
    "inconclusive": ("?", "inconclusive"),
    "makes_unreliable": ("!", "makes a marker unreliable"),
}


class EvidenceLine(BaseModel):
    """One evidence item: its mark, what it says, and the value as the lab printed it."""

    model_config = ConfigDict(frozen=True)
    direction: str  # the Direction value, also the CSS class
    mark: str
    words: str
    message: str
    printed: str  # "265 ng/L on 2026-11-02", or ""
    canonical: str  # "195.6 pmol/L" when it differs from the printed value, else ""
    rules: str


class JudgmentView(BaseModel):
    """Everything a page shows of the judgment, already as text."""

    model_config = ConfigDict(frozen=True)
    headline: str
    level: str
    confidence: str
    urgency: str
    response: str
    evidence: tuple[EvidenceLine, ...]
    urgency_reasons: tuple[str, ...]
    advice: tuple[str, ...]
    next_tests: tuple[str, ...]
    not_used: tuple[str, ...]
    version: str


def _words(code: object) -> str:
    return str(code).replace("_", " ")


def _evidence(item: dict[str, Any]) -> EvidenceLine:
    mark, words = DIRECTIONS[item["direction"]]
    printed, canonical, date = item.get("printed"), item.get("canonical"), item.get("date")
    message = str(item["message"])
    if printed:
        # the core's message ends with "(<printed>, <date>)": the value is shown on its own line
        message = message.removesuffix(f" ({printed}, {date or 'undated'})")
    return EvidenceLine(
        direction=item["direction"],
        mark=mark,
        words=words,
        message=message,
        printed=f"{printed} on {date}" if printed and date else printed or "",
        canonical=canonical if canonical and canonical != printed else "",
        rules=", ".join(item.get("rules", ())),
    )


def _finding(finding: dict[str, Any]) -> str:
    return f"{finding['message']} [{', '.join(finding['rules'])}]"


def judgment_view(document: dict[str, Any]) -> JudgmentView:
    """The judgment of an assessment document (as `b12 assess --json` prints it)."""
    judgment = document["status"]["judgment"]
    return JudgmentView(
        headline=judgment["headline"],
        level=_words(judgment["level"]),
        confidence=judgment["confidence"],
        urgency=judgment["urgency"],
        response=_words(judgment["response"]) if judgment.get("response") else "",
        evidence=tuple(_evidence(item) for item in judgment["evidence"]),
        urgency_reasons=tuple(_finding(f) for f in judgment["urgency_reasons"]),
        advice=tuple(_finding(f) for f in judgment["advice"]),
        next_tests=tuple(
            f"{orderable_test(t['test']).label}: {t['reason']}" for t in judgment["next_tests"]
        ),
        not_used=tuple(
            f"{r['analyte']} {r['printed']} ({r['date'] or 'undated'}): {r['why']}"
            for r in judgment["results"]
            if not r["used"]
        ),
        version=str(judgment["version"]),
    )


def without_headline(summary: str, headline: str) -> str:
    """The plan's summary without the judgment's headline it opens with, for a page or report that
    shows the judgment once, in its own card ("B12 deficiency is likely ...; most likely cause:
    malabsorption. Please see a doctor soon" becomes "Most likely cause: malabsorption. Please see
    a doctor soon")."""
    if not summary.startswith(headline):
        return summary
    rest = summary.removeprefix(headline).lstrip(" ;.")
    return rest[:1].upper() + rest[1:]
