"""The brief `b12 assess` view: the judgment, its urgency, the key numbers and the plan.

Every line that rests on a rule of ``secondary`` or ``unverified`` evidence says so in words
(DECISIONS: the evidence level is never hidden). The full report, with every piece of evidence,
reading and rule and its source, is `b12 assess --verbose` (:func:`b12.reports.terminal.full_report`).
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from b12.core.assessment import Assessment
from b12.core.diet.absorption import RULE_FOOD_FRACTION
from b12.core.diet.protein import ProteinTarget
from b12.core.diet.requirements import RULE_FORTIFIED_SHARE
from b12.core.diet.verdict import IntakeLevel
from b12.core.intake_target import IntakeVsTarget
from b12.core.muscle.model import MuscleResult
from b12.core.plan.build import Plan
from b12.core.plan.model import Category
from b12.core.status.judgment import Judgment, Kind
from b12.core.status.readings import category_words, when_text
from b12.reports.plain_words import menu_link, plain, weakest_evidence

EVIDENCE_STYLE = {"secondary": "yellow", "unverified": "bold red"}
URGENCY_STYLE = {"urgent": "bold red", "soon": "yellow", "routine": "green"}
_CATEGORY_STYLE = {Category.URGENT: "bold red", Category.REFERRAL: "red"}
MORE = (
    "Add --verbose for the evidence behind the judgment, every reading, the screening and muscle "
    "details, and each rule with its source."
)
# What a line's "(secondary)" or "(unverified)" means, under any output that shows one.
LEGEND = (
    "(secondary): the rule was read in a secondary source, confirm it before relying on it; "
    "(unverified): its source was not read word for word, or it is b12's own choice where no "
    "guideline gives one. `b12 rules` lists every rule with its source."
)


def hanging(rows: list[tuple[str, Text]]) -> Table:
    """Rows of (mark, text) whose wrapped lines stay indented under the text, not the mark."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    for mark, text in rows:
        grid.add_row(mark, text)
    return grid


def flagged(text: Text, rule_ids: tuple[str, ...] | list[str]) -> Text:
    """``text`` followed by the weakest evidence level among ``rule_ids``, if below verified."""
    level = weakest_evidence(rule_ids)
    if level is not None:
        text.append(f"  ({level})", style=EVIDENCE_STYLE[level])
    return text


def _judgment(judgment: Judgment) -> list[RenderableType]:
    urgency = judgment.urgency.value
    reasons = [("•", flagged(Text(r.message), r.rules)) for r in judgment.urgency_reasons]
    return [
        flagged(Text(judgment.headline, style="bold"), judgment.rules),
        Text.assemble("Urgency: ", (urgency, URGENCY_STYLE[urgency])),
        hanging(reasons),
    ]


def _muscle(muscle: MuscleResult) -> Text:
    text = Text(f"Muscle ({plain(muscle.criteria.value)}): {muscle.label}")
    cf = muscle.case_finding
    if cf is not None and cf.sarc_f is not None:
        text.append(f"; SARC-F {cf.sarc_f}/10 ({'positive' if cf.sarc_f_positive else 'negative'})")
    if muscle.missing:
        # "probable sarcopenia" needs these to be confirmed; no result yet, to be assessed at all
        text.append("; still to measure: " + ", ".join(plain(name) for name in muscle.missing))
    return flagged(text, muscle.rules)


def _protein_target(target: ProteinTarget) -> tuple[str, float | None, float | None]:
    """The target in words, and in g/day when the weight is known (else None, None)."""
    if target.renal_dietitian:
        return "set by the renal dietitian (on dialysis)", None, None
    if target.limit_for_kidneys:
        most = target.max_g_kg_day
        return f"at most {most:g} g per kg of body weight a day (kidneys)", None, None
    low, high = target.low_g_kg_day, target.high_g_kg_day
    per_kg = f"{low:g}-{high:g}" if high is not None and high != low else f"at least {low:g}"
    words = f"{per_kg} g per kg of body weight a day"
    if target.low_g_day is None and target.weight is not None:  # BMI >= 30 under 5 feet
        return f"{words}, counted on {target.weight.words}", None, None
    if target.low_g_day is None:
        return words + " (no weight recorded, so no amount in grams)", None, None
    grams = f"{target.low_g_day:g}" + (f"-{target.high_g_day:g}" if target.high_g_day else "")
    weight = target.weight
    on = "" if weight is None or weight.kind == "actual" else f", counted on {weight.words}"
    return f"{words} = {grams} g/day{on}", target.low_g_day, target.high_g_day


def _protein_line(compared: IntakeVsTarget) -> Text:
    eaten = compared.protein_g_per_day
    shown = "no food with a protein value" if eaten is None else f"{eaten:.0f} g/day"
    target = compared.protein_target
    if target is None:
        return Text(f"Protein from the food record: {shown} (the plan sets no protein target)")
    words, low, high = _protein_target(target)
    text = Text(f"Protein from the food record: {shown}; target {words}")
    if eaten is None:
        return flagged(text, target.rules)
    if low is not None and eaten < low:
        text.append(": below the target")
    elif high is not None and eaten > high:
        text.append(": above the target range")
    elif low is not None:
        text.append(": within the target")
    if compared.rows_without_protein:
        text.append(f" ({compared.rows_without_protein} diary row(s) without a protein value)")
    return flagged(text, target.rules)


def intake_lines(compared: IntakeVsTarget) -> list[Text]:
    """The food record against the targets the plan uses: the one intake verdict (the words of
    `b12 intake`), then protein."""
    b12 = Text(f"B12 from the food record: {compared.verdict}")
    rules = [*compared.reference.rules, RULE_FOOD_FRACTION]
    if compared.level is IntakeLevel.FOOD_BOUND_ONLY:
        rules.append(RULE_FORTIFIED_SHARE)
    return [flagged(b12, rules), _protein_line(compared)]


_JUDGED = frozenset({Kind.COMBINED, Kind.FUNCTIONAL})


def _key_numbers(assessment: Assessment) -> list[RenderableType]:
    status = assessment.status
    lines: list[Text] = []
    for r in status.readings:
        value = r.printed or f"{r.value:.3g} {r.unit}"
        when = f" ({w})" if (w := when_text(r.date, r.before_treatment)) else ""
        reading = f"{plain(r.analyte.value)} {value}{when}: {category_words(r.category)}"
        caveat = f"; not reliable here: {r.unreliable}" if r.unreliable else ""
        lines.append(flagged(Text(f"{reading} ({r.scheme}){caveat}"), [r.rule]))
    # The judgment's own reading of what no reading above shows (MMA, homocysteine, cB12), and
    # the results it set aside as no longer current, each with its value and date.
    shown = {r.analyte.value for r in status.readings}
    lines += [
        flagged(Text(e.message), e.rules)
        for e in status.judgment.evidence
        if (e.kind in _JUDGED and e.code.split("_")[0] not in shown)
        or e.code.endswith("_not_current")
    ]
    if status.egfr is not None:
        how = "estimated from creatinine" if status.egfr_estimated else "from the lab"
        lines.append(Text(f"eGFR {status.egfr:.0f} mL/min/1.73 m² ({how})"))
    if assessment.intake_vs_target is not None:
        lines += intake_lines(assessment.intake_vs_target)
    elif assessment.intake is not None:
        intake = Text(f"B12 from the food record: {assessment.intake.ug_per_day:.1f} µg/day")
        if assessment.intake.absorbed_ug_per_day is not None:
            intake.append(f" ({assessment.intake.absorbed_ug_per_day:.1f} µg absorbed)")
        lines.append(intake)
    if not lines:
        lines.append(Text("no B12 marker result b12 can read", style="yellow"))
    if assessment.muscle is not None:
        lines.append(_muscle(assessment.muscle))
    if assessment.screening is not None:
        found = assessment.screening
        lines.append(flagged(Text(f"Screening: {found.summary}"), found.rules))
    return [Text("Key numbers", style="bold"), hanging([("•", line) for line in lines])]


def _plan(plan: Plan) -> Table:
    rows = []
    for number, item in enumerate(plan.items, start=1):
        text = Text(f"{item.category.value}: ", style=_CATEGORY_STYLE.get(item.category, "bold"))
        rows.append((f"{number}.", flagged(text.append(item.text), item.rules)))
    return hanging(rows)


def brief_report(assessment: Assessment) -> RenderableType:
    """The default terminal output of `b12 assess`."""
    judgment = assessment.status.judgment
    top = [*_judgment(judgment), Text(""), *_key_numbers(assessment)]
    parts: list[RenderableType] = [Panel(Group(*top), title="B12 judgment", title_align="left")]
    if assessment.plan is not None:
        plan: list[RenderableType] = [_plan(assessment.plan)]
        if link := menu_link((i.category.value, i.id) for i in assessment.plan.items):
            plan.append(Text(link, style="dim"))
        parts.append(Panel(Group(*plan), title="Your plan", title_align="left"))
    parts.append(Text(assessment.disclaimer, style="italic"))
    parts.append(Text(MORE, style="dim"))
    parts.append(Text(LEGEND, style="dim"))
    return Group(*parts)
