"""Terminal sections for screening, muscle and the plan (Rich renderables; the CLI prints them)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from b12.core.muscle.model import MuscleResult, Stage
from b12.core.plan.build import Plan
from b12.core.plan.model import Category
from b12.core.screening.model import ScreeningResult
from b12.reports.plain_words import menu_link, plain, weakest_evidence

_STAGE_STYLE = {
    Stage.NO_SARCOPENIA: "green",
    Stage.PROBABLE: "yellow",
    Stage.CONFIRMED: "red",
    Stage.SEVERE: "bold red",
    Stage.INSUFFICIENT_DATA: "dim",
    Stage.NOT_APPLICABLE: "dim",
}
_CATEGORY_STYLE = {Category.URGENT: "bold red", Category.REFERRAL: "red"}


def _ids(text: Text, ids: tuple[str, ...]) -> None:
    level = weakest_evidence(ids)
    text.append(f"  [{', '.join(ids)}]{f' {level}' if level else ''}\n", style="dim")


def screening_panel(found: ScreeningResult) -> RenderableType:
    """Whether testing is recommended, the risk factors, symptoms and tests."""
    body = Text(found.summary + "\n", style="bold")
    if found.priority in ("high", "urgent"):
        # The testing priority, not the judgment's urgency (which the judgment panel shows); once
        # tested ("tested") the judgment's urgency governs and no testing priority is shown.
        body.append(f"Testing priority: {found.priority}\n", style="red")
    for rf in found.risk_factors:
        body.append(f"• {plain(rf.category)}: {rf.message}")
        _ids(body, rf.rules)
    if found.symptoms:
        body.append(
            "Symptoms recognised: " + ", ".join(s.replace("_", " ") for s in found.symptoms)
        )
        body.append("\n")
    for finding in found.findings:
        body.append(f"• {finding.message}", style="yellow")
        _ids(body, finding.rules)
    for test in found.tests:
        body.append(f"Test: {test.reason}")
        _ids(body, test.rules)
    body.rstrip()
    return Panel(body, title="Screening", title_align="left")


def muscle_panel(muscle: MuscleResult) -> RenderableType:
    """Case-finding and sarcopenia stage, with what is missing to go further."""
    body = Text(f"Criteria {plain(muscle.criteria.value)}: ")
    body.append(muscle.label, style=_STAGE_STYLE[muscle.stage])
    body.append(f"  (stage: {plain(muscle.stage.value)})\n")
    cf = muscle.case_finding
    if cf is not None and cf.sarc_f is not None:
        body.append(f"SARC-F {cf.sarc_f}/10 ({'positive' if cf.sarc_f_positive else 'negative'})")
        if cf.sarc_calf is not None:
            positive = "positive" if cf.sarc_calf_positive else "negative"
            body.append(f"; SARC-CalF {cf.sarc_calf} ({positive})")
        body.append("\n")
    for name, value in muscle.derived.items():
        body.append(f"{plain(name)}: {value:g}\n", style="dim")
    for finding in muscle.findings:
        body.append(f"• {finding.message}")
        _ids(body, finding.rules)
    if muscle.missing:
        missing = ", ".join(plain(name) for name in muscle.missing)
        body.append(f"To go further: {missing}\n", style="yellow")
    body.rstrip()
    return Panel(body, title="Muscle", title_align="left")


def plan_panel(plan: Plan) -> RenderableType:
    """The plan items in order, each with its reason and rule ids."""
    body = Text()
    for item in plan.items:
        body.append(
            f"{item.category.value.upper()}: ", style=_CATEGORY_STYLE.get(item.category, "bold")
        )
        body.append(item.text + "\n")
        body.append(f"   why: {item.reason}", style="dim")
        _ids(body, item.rules)
    if link := menu_link((i.category.value, i.id) for i in plan.items):
        body.append(link, style="dim")
    body.rstrip()
    return Panel(body, title="Your plan", title_align="left")


def summary_panel(plan: Plan) -> RenderableType:
    """The one-paragraph summary a patient can read."""
    return Panel(Text(plan.summary), title="In short", title_align="left")


def sections(
    found: ScreeningResult | None, muscle: MuscleResult | None, plan: Plan | None
) -> list[RenderableType]:
    """The sections present, in reading order (summary first)."""
    parts: list[RenderableType] = []
    if plan is not None:
        parts.append(summary_panel(plan))
    if found is not None:
        parts.append(screening_panel(found))
    if muscle is not None:
        parts.append(muscle_panel(muscle))
    if plan is not None:
        parts.append(plan_panel(plan))
    return [Group(*parts)] if parts else []
