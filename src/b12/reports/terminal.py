"""The readable terminal report (Rich renderables; the CLI prints them)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from b12.core import rules as registry
from b12.core.assessment import Assessment
from b12.core.catalog import test_pattern
from b12.core.status.cb12 import Cb12Category, Cb12Result
from b12.core.status.judgment import Judgment
from b12.core.status.readings import category_words
from b12.reports.plain_words import citation, plain
from b12.reports.terminal_brief import URGENCY_STYLE, brief_report, hanging, intake_lines
from b12.reports.terminal_plan import sections

_STYLE = {
    Cb12Category.ELEVATED: "cyan",
    Cb12Category.ADEQUATE: "green",
    Cb12Category.LOW: "yellow",
    Cb12Category.POSSIBLY_DEFICIENT: "red",
    Cb12Category.PROBABLY_DEFICIENT: "bold red",
}
_EVIDENCE_STYLE = {"verified": "green", "secondary": "yellow", "unverified": "bold red"}


def cb12_text(result: Cb12Result) -> Text:
    """One line: the cB12 value and category, or why it could not be computed."""
    if result.cb12 is None or result.category is None:
        return Text(f"cB12 not computed: {result.reason}", style="yellow")
    text = Text(f"cB12 {result.cb12:+.2f}  ")
    text.append(result.category.value.replace("_", " "), style=_STYLE[result.category])
    text.append(f"  ({result.variant})", style="dim")
    return text


def rules_table(rule_ids: tuple[str, ...] | list[str], *, with_module: bool = False) -> Table:
    """Rules used, with evidence level and source; ``with_module`` (`b12 rules`) adds the module
    that declares each rule."""
    title = "Rules, where they live, and their sources" if with_module else "Rules and sources"
    table = Table(title=title, title_justify="left", show_lines=False)
    table.add_column("rule", overflow="fold")
    if with_module:
        table.add_column("module", overflow="fold")
    table.add_column("evidence")
    table.add_column("source", overflow="fold")
    for rule_id in rule_ids:
        rule = registry.get(rule_id)
        module = [rule.module.removeprefix("b12.core.")] if with_module else []
        evidence = Text(rule.evidence.value, style=_EVIDENCE_STYLE[rule.evidence.value])
        table.add_row(rule.id, *module, evidence, citation(rule.id))
    return table


def rule_detail(rule_id: str) -> Panel:
    """`b12 rules ID`: one rule in full, with the file that declares it and where its tests are."""
    rule = registry.get(rule_id)
    lines = Text()
    for label, value in (
        ("summary", rule.summary),
        ("module", f"{rule.module} ({rule.path})"),
        ("tests", test_pattern(rule.module)),
        ("evidence", rule.evidence.value),
        ("source", rule.source.citation + (f" {rule.source.url}" if rule.source.url else "")),
        ("parameters", ", ".join(f"{k} = {v:g}" for k, v in rule.parameters.items()) or "none"),
        ("note", rule.note),
    ):
        if value:
            lines.append(f"{label:<11}", style="bold").append(f"{value}\n")
    return Panel(lines, title=rule.id, title_align="left")


def _rule_with_evidence(rule_id: str) -> Text:
    evidence = registry.get(rule_id).evidence.value
    return Text.assemble(rule_id, " (", (evidence, _EVIDENCE_STYLE[evidence]), ")")


def cb12_report(result: Cb12Result) -> RenderableType:
    """Terminal output of `b12 cb12`."""
    return Group(cb12_text(result), Text(""), rules_table(result.rules))


_DIRECTION_MARK = {
    "supports": ("+", "red"),
    "argues_against": ("-", "green"),
    "inconclusive": ("?", "yellow"),
    "makes_unreliable": ("!", "magenta"),
}


def judgment_panel(judgment: Judgment, cb12: Cb12Result) -> Panel:
    """The one judgment: headline, level, confidence, urgency and the evidence behind them."""
    lines: list[RenderableType] = [
        Text(judgment.headline, style="bold"),
        Text.assemble(
            "level ",
            (judgment.level.value.replace("_", " "), "bold"),
            "   confidence ",
            (judgment.confidence.value, "bold"),
            "   urgency ",
            (judgment.urgency.value, URGENCY_STYLE[judgment.urgency.value]),
            *(
                ("   response ", (judgment.response.value.replace("_", " "), "bold"))
                if judgment.response
                else ()
            ),
        ),
        cb12_text(cb12),
        Text(
            "Evidence (+ supports a deficiency, - argues against, ? inconclusive, "
            "! makes a marker unreliable):",
            style="dim",
        ),
    ]
    for item in judgment.evidence:
        mark, style = _DIRECTION_MARK[item.direction.value]
        canonical = (
            f" = {item.canonical}" if item.canonical and item.canonical != item.printed else ""
        )
        lines.append(
            Text.assemble(
                (f" {mark} ", style),
                item.message + canonical,
                (f"  [{', '.join(item.rules)}]", "dim"),
            )
        )
    return Panel(Group(*lines), title="B12 judgment", title_align="left")


def assessment_report(assessment: Assessment, *, verbose: bool = False) -> RenderableType:
    """Terminal output of `b12 assess`: the brief view, or with ``verbose`` the full report."""
    if verbose:
        return full_report(assessment)
    return brief_report(assessment)


def full_report(assessment: Assessment) -> RenderableType:
    """`b12 assess --verbose`: the judgment with all its evidence, readings, every section, and
    the rules with their sources."""
    status = assessment.status
    judgment = status.judgment
    parts: list[RenderableType] = [judgment_panel(judgment, status.cb12)]
    if status.readings:
        table = Table(title="Marker readings", title_justify="left", expand=True)
        table.add_column("marker")
        table.add_column("value", no_wrap=True)
        table.add_column("reading")
        table.add_column("scheme")
        table.add_column("rule (evidence)", overflow="fold")
        for r in status.readings:
            table.add_row(
                plain(r.analyte.value),
                r.printed or f"{r.value:.3g} {r.unit}",
                category_words(r.category)
                + (" (before treatment)" if r.before_treatment else "")
                + (" (not reliable here: see the caveats)" if r.unreliable else ""),
                r.scheme,
                _rule_with_evidence(r.rule),
            )
        parts.append(table)
    if status.egfr is not None:
        how = "CKD-EPI 2021 from creatinine" if status.egfr_estimated else "from the lab"
        parts.append(Text(f"eGFR {status.egfr:.0f} mL/min/1.73 m² ({how})"))
    if assessment.intake_vs_target is not None:
        rows = [("•", line) for line in intake_lines(assessment.intake_vs_target)]
        parts.append(Group(Text("Food record against the targets", style="bold"), hanging(rows)))
    for title, items in (
        ("Why this urgency", [(f.message, f.rules) for f in judgment.urgency_reasons]),
        ("Advice", [(f.message, f.rules) for f in judgment.advice]),
        ("Next tests", [(f"{plain(t.test)}: {t.reason}", t.rules) for t in judgment.next_tests]),
        (
            "Results not used",
            [
                (f"{r.analyte} {r.printed} ({r.date or 'undated'}): {r.why}", ())
                for r in judgment.results
                if not r.used
            ],
        ),
    ):
        if items:
            lines = [
                Text.assemble("• " + message, (f"  [{', '.join(ids)}]" if ids else "", "dim"))
                for message, ids in items
            ]
            parts.append(Panel(Group(*lines), title=title, title_align="left"))
    parts.extend(sections(assessment.screening, assessment.muscle, assessment.plan))
    parts.append(rules_table(assessment.rules))
    parts.append(Text(assessment.disclaimer, style="italic"))
    return Group(*parts)
