"""Rendering of dietary intake: the terminal table, JSON data and the daily chart (matplotlib)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from b12.core.assessment import DISCLAIMER
from b12.core.diet.food import Food, Match
from b12.core.diet.intake import DayIntake, IntakeResult
from b12.core.diet.verdict import LEVEL_WORDS, IntakeLevel
from b12.reports.json_report import rule_entries
from b12.reports.terminal import rules_table

USUAL_DAY_LABEL = "usual day"  # the day of a record of undated supplements only
_LEVEL_STYLE = {IntakeLevel.MEETS_RDA: "green"}


def _ug(value: float) -> str:
    return f"{value:.2f}"


def _day_label(day: DayIntake) -> str:
    return USUAL_DAY_LABEL if day.usual else day.day.isoformat()


def verdict_line(result: IntakeResult) -> Text:
    """The one intake verdict (:mod:`b12.core.diet.verdict`), as `b12 assess` words it."""
    style = _LEVEL_STYLE.get(result.level, "yellow")
    return Text(f"B12 from the food record: {result.verdict}.", style=style)


def _reference_line(result: IntakeResult) -> Text:
    ref = result.summary.reference
    kind = "AI" if ref.rda_is_ai else "RDA"
    text = Text(f"Reference ({ref.life_stage.display}): IOM {kind} ")
    text.append(f"{ref.rda_ug_per_day:g} µg/day", style="bold")
    if ref.ear_ug_per_day is not None:
        text.append(f", EAR {ref.ear_ug_per_day:g}")
    if ref.efsa_ai_ug_per_day is None:
        text.append("; EFSA: no value for this age in b12")
    else:
        text.append(f"; EFSA AI {ref.efsa_ai_ug_per_day:g} µg/day")
    return text


def intake_report(result: IntakeResult) -> RenderableType:
    """Terminal output of `b12 intake`."""
    s = result.summary
    table = Table(title="Vitamin B12 intake, µg/day", title_justify="left")
    for column in ("day", "natural", "added", "supplement", "total", "absorbed (est.)"):
        table.add_column(column, justify="left" if column == "day" else "right")
    for d in s.days:
        table.add_row(
            _day_label(d), _ug(d.natural_ug), _ug(d.added_ug), _ug(d.supplement_ug),
            _ug(d.total_ug), f"{d.absorbed.low_ug:.2f}-{d.absorbed.high_ug:.2f}",
        )  # fmt: skip
    table.add_row(
        Text("mean", style="bold"), _ug(s.mean_natural_ug), _ug(s.mean_added_ug),
        _ug(s.mean_supplement_ug), Text(_ug(s.mean_total_ug), style="bold"),
        f"{s.mean_absorbed.low_ug:.2f}-{s.mean_absorbed.high_ug:.2f}",
    )  # fmt: skip
    parts: list[RenderableType] = [table, _reference_line(result), verdict_line(result)]
    if result.unmatched:
        lines = Text()
        for u in result.unmatched:
            lines.append(f"• {u.where}: {u.text!r} not found", style="bold")
            tips = "; ".join(f"{g.key} {g.name}" for g in u.suggestions) or "no close food"
            lines.append(f"\n  did you mean: {tips}\n")
        parts.append(Panel(lines, title="Foods not matched (not counted)", title_align="left"))
    notes = [*result.summary.caveats, *result.notes]
    if notes:
        parts.append(Panel(Text("\n".join(f"• {n}" for n in notes)), title="Caveats"))
    parts.append(Text(f"Foods from: {result.foods_from}", style="dim"))
    parts.append(rules_table(s.rules))
    parts.append(Text(DISCLAIMER, style="italic"))
    return Group(*parts)


def intake_document(result: IntakeResult) -> dict[str, Any]:
    """`b12 intake --json`."""
    s = result.summary
    ref = s.reference
    return {
        "days": [
            {
                "date": None if d.usual else d.day.isoformat(),
                "natural_ug": d.natural_ug,
                "added_ug": d.added_ug,
                "supplement_ug": d.supplement_ug,
                "total_ug": d.total_ug,
                "absorbed_ug": {"low": d.absorbed.low_ug, "high": d.absorbed.high_ug},
                "pseudo_b12_excluded_ug": d.pseudo_b12_excluded_ug,
            }
            for d in s.days
        ],
        "mean": {
            "natural_ug": s.mean_natural_ug,
            "added_ug": s.mean_added_ug,
            "supplement_ug": s.mean_supplement_ug,
            "total_ug": s.mean_total_ug,
            "absorbed_ug": {"low": s.mean_absorbed.low_ug, "high": s.mean_absorbed.high_ug},
        },
        "reference": {
            "life_stage": ref.life_stage.value,
            "iom_rda_ug_per_day": ref.rda_ug_per_day,
            "iom_rda_is_ai": ref.rda_is_ai,
            "iom_ear_ug_per_day": ref.ear_ug_per_day,
            "efsa_ai_ug_per_day": ref.efsa_ai_ug_per_day,
        },
        "verdict": {
            "level": result.level.value,
            "level_words": LEVEL_WORDS[result.level],
            "text": result.verdict,
            "estimate": result.estimate.model_dump(mode="json"),
        },
        "meets_rda": result.level is IntakeLevel.MEETS_RDA,
        "below_ear": result.level is IntakeLevel.BELOW_EAR,
        "intrinsic_factor_route": s.intrinsic_factor,
        "rows": [
            {"where": r.where, "food": r.food, "id": r.key, "grams": r.grams, "b12_ug": r.b12_ug}
            for r in result.rows
        ],
        "unmatched": [
            {
                "where": u.where,
                "food": u.text,
                "suggestions": [{"id": g.key, "name": g.name} for g in u.suggestions],
            }
            for u in result.unmatched
        ],
        "caveats": list(s.caveats),
        "notes": list(result.notes),
        "foods_from": result.foods_from,
        "disclaimer": DISCLAIMER,
        "rules": rule_entries(s.rules),
    }


CLIP_AT_REFERENCE_MULTIPLE = 4.0  # chart scale, not a clinical number


def plot_intake(result: IntakeResult, path: Path) -> Path:
    """Stacked daily bars (natural, added, supplement) against the RDA and EFSA AI; a PNG file."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    s = result.summary
    labels = [_day_label(d) for d in s.days]
    series = (
        ("natural", [d.natural_ug for d in s.days], "#8c564b"),
        ("added (fortified)", [d.added_ug for d in s.days], "#1f77b4"),
        ("supplement", [d.supplement_ug for d in s.days], "#2ca02c"),
    )
    fig, ax = plt.subplots(figsize=(max(7.5, 0.6 * len(labels) + 5), 4.5))
    bottom = [0.0] * len(labels)
    for name, values, colour in series:
        ax.bar(labels, values, bottom=bottom, label=name, color=colour)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ref = s.reference
    kind = "AI" if ref.rda_is_ai else "RDA"
    ax.axhline(ref.rda_ug_per_day, color="black", linestyle="--",
               label=f"IOM {kind} {ref.rda_ug_per_day:g} µg")  # fmt: skip
    if ref.efsa_ai_ug_per_day is not None:
        ax.axhline(ref.efsa_ai_ug_per_day, color="grey", linestyle=":",
                   label=f"EFSA AI {ref.efsa_ai_ug_per_day:g} µg")  # fmt: skip
    reference_top = max(ref.rda_ug_per_day, ref.efsa_ai_ug_per_day or 0.0)
    ceiling = CLIP_AT_REFERENCE_MULTIPLE * reference_top
    if max(bottom, default=0.0) > ceiling:  # keep the reference lines readable; label tall bars
        ax.set_ylim(0, ceiling)
        for x, total in enumerate(bottom):
            if total > ceiling:
                ax.text(x, ceiling * 0.97, f"{total:.0f} µg ↑", ha="center", va="top",
                        fontsize="small", color="white")  # fmt: skip
    ax.set_ylabel("vitamin B12, µg/day")
    ax.set_title("Daily vitamin B12 intake")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small")
    ax.tick_params(axis="x", labelrotation=45)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def _portions(food: Food, limit: int = 3) -> str:
    return ", ".join(f"{p.label} = {p.grams:g} g" for p in food.portions[:limit])


def foods_table(matches: Sequence[Match]) -> Table:
    """`b12 foods search`: id, name, B12 and added B12 per 100 g, portions."""
    table = Table(title="Foods (B12 in µg per 100 g)", title_justify="left")
    for column in ("id", "food", "B12", "added", "portions"):
        table.add_column(
            column, overflow="fold", justify="right" if column in ("B12", "added") else "left"
        )
    for m in matches:
        f = m.food
        b12 = "n/a" if f.b12_ug_per_100g is None else f"{f.b12_ug_per_100g:g}"
        added = "" if f.b12_added_ug_per_100g is None else f"{f.b12_added_ug_per_100g:g}"
        table.add_row(f.key, f.name, b12, added, _portions(f))
    return table


def foods_document(matches: Sequence[Match]) -> list[dict[str, Any]]:
    """`b12 foods search --json`."""
    return [
        {
            "id": m.food.key,
            "name": m.food.name,
            "group": m.food.group,
            "score": m.score,
            "b12_ug_per_100g": m.food.b12_ug_per_100g,
            "b12_added_ug_per_100g": m.food.b12_added_ug_per_100g,
            "portions": [
                {"amount": p.amount, "unit": p.unit, "grams": p.grams} for p in m.food.portions
            ],
        }
        for m in matches
    ]
