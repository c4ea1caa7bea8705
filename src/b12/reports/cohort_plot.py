"""`b12 cohort --plot`: estimates with 95 % CIs by group, or a forest plot of a regression.

* Prevalences and means (``--indicator``, ``--mean``): one panel per indicator, one point per
  group, e.g. grip strength (mean, 95 % CI) by B12 band with ``--mean grip_max --by b12_band``.
* ``--regress``: a forest plot of the coefficients with 95 % CIs (the intercept left out), with a
  line at no effect: 0 for a linear model (difference in the outcome's unit), 1 for a logistic
  model (odds ratios, log scale).

:func:`write_plot` returns what was drawn, read back from the figure's artists, so tests check the
plotted numbers against the estimates rather than only that a file exists.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from b12.core.survey.standards import NchsFlag
from b12.errors import DataFileError

INTERCEPT = "(intercept)"


@dataclass(frozen=True)
class Panel:
    """One panel: a label, a point and a 95 % CI per row, top to bottom."""

    title: str
    xlabel: str
    labels: tuple[str, ...]
    values: tuple[float, ...]
    lows: tuple[float, ...]
    highs: tuple[float, ...]
    no_effect: float | None = None  # vertical reference line (forest plots)
    log_scale: bool = False
    unreliable: tuple[bool, ...] = ()  # NCHS "Px": drawn hollow and grey, its label marked


# NCHS data presentation standards: a "Px" estimate should not be shown as a reliable figure
# (docs/cohort.md, flags); the plot keeps it, visibly apart, with its label marked.
UNRELIABLE = NchsFlag.SUPPRESS.value
UNRELIABLE_LABEL = " (Px: unreliable)"


def _unreliable(row: dict[str, Any]) -> bool:
    return UNRELIABLE in str(row.get("flag") or "").split()


def _finite(value: Any) -> bool:
    return isinstance(value, int | float) and math.isfinite(value)


def estimate_panels(rows: Sequence[dict[str, Any]], by: Sequence[str]) -> list[Panel]:
    """Prevalences (in %) and means with their CIs, one panel per indicator."""
    panels = []
    for name in dict.fromkeys(r["indicator"] for r in rows):
        part = [r for r in rows if r["indicator"] == name]
        key = "prevalence" if "prevalence" in part[0] else "mean"
        scale = 100.0 if key == "prevalence" else 1.0
        shown = [r for r in part if _finite(r.get(key))]
        if not shown:
            continue
        values = [scale * r[key] for r in shown]
        # A missing CI (no degrees of freedom) is drawn as a point without a bar.
        pairs = list(zip(shown, values, strict=True))
        lows = [scale * r["ci_low"] if _finite(r["ci_low"]) else v for r, v in pairs]
        highs = [scale * r["ci_high"] if _finite(r["ci_high"]) else v for r, v in pairs]
        flagged = tuple(_unreliable(r) for r in shown)
        labels = [
            (" / ".join(str(r.get(k)) for k in by) or "all") + (UNRELIABLE_LABEL * bad)
            for r, bad in zip(shown, flagged, strict=True)
        ]
        xlabel = "% (95 % CI)" if key == "prevalence" else "mean (95 % CI)"
        panels.append(
            Panel(
                name,
                xlabel,
                tuple(labels),
                tuple(values),
                tuple(lows),
                tuple(highs),
                unreliable=flagged,
            )
        )
    return panels


def forest_panel(rows: Sequence[dict[str, Any]]) -> Panel:
    """Regression coefficients (odds ratios for a logistic model) with CIs; no intercept."""
    shown = [r for r in rows if r["term"] != INTERCEPT and _finite(r.get("se"))]
    if not shown:
        raise DataFileError("nothing to plot: the model has no term besides the intercept")
    model = rows[0]["model"]
    outcome = model.partition("~")[0].strip()
    logistic = rows[0]["family"] == "logistic"
    if logistic:
        xlabel = f"odds ratio for {outcome} (95 % CI, log scale)"
        value, low, high = "odds_ratio", "or_ci_low", "or_ci_high"
    else:
        xlabel = f"difference in {outcome} (95 % CI)"
        value, low, high = "estimate", "ci_low", "ci_high"
    return Panel(
        model,
        xlabel,
        tuple(r["term"] for r in shown),
        tuple(r[value] for r in shown),
        tuple(r[low] for r in shown),
        tuple(r[high] for r in shown),
        no_effect=1.0 if logistic else 0.0,
        log_scale=logistic,
    )


def panels_for(rows: Sequence[dict[str, Any]], by: Sequence[str]) -> list[Panel]:
    """The panels ``--plot`` draws for these output rows."""
    if rows and "term" in rows[0]:
        return [forest_panel(rows)]
    return estimate_panels(rows, by)


def _drawn(ax: Any, panel: Panel) -> Panel:
    """Read the points and error bars back from the axes (what the PNG shows)."""
    container = ax.containers[0]
    line, _caps, (bars,) = container.lines
    segments = bars.get_segments()
    return Panel(
        ax.get_title(),
        ax.get_xlabel(),
        tuple(t.get_text() for t in ax.get_yticklabels()),
        tuple(float(x) for x in line.get_xdata()),
        tuple(float(s[0][0]) for s in segments),
        tuple(float(s[1][0]) for s in segments),
        panel.no_effect,
        ax.get_xscale() == "log",
        panel.unreliable,
    )


def write_plot(rows: Sequence[dict[str, Any]], by: Sequence[str], path: Path) -> list[Panel]:
    """Draw the panels with matplotlib (Agg) into a PNG; return what was drawn."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    panels = panels_for(rows, by)
    if not panels:
        raise DataFileError(f"nothing to plot in {path}: every estimate is empty or suppressed")
    # Height in inches: a title and an axis per panel, plus a line per point.
    height = sum(1.3 + 0.3 * len(p.values) for p in panels)
    fig, axes = plt.subplots(
        len(panels),
        1,
        figsize=(8, height),
        squeeze=False,
        gridspec_kw={"height_ratios": [1 + len(p.values) for p in panels]},
    )
    drawn = []
    for ax, panel in zip(axes[:, 0], panels, strict=True):
        ys = list(range(len(panel.values)))
        errors = [
            [v - low for v, low in zip(panel.values, panel.lows, strict=True)],
            [high - v for v, high in zip(panel.values, panel.highs, strict=True)],
        ]
        ax.errorbar(panel.values, ys, xerr=errors, fmt="o", capsize=3)
        bad = [(v, y) for v, y, b in zip(panel.values, ys, panel.unreliable, strict=False) if b]
        if bad:  # over the point: hollow and grey, so it does not read like the others
            xs, bad_ys = zip(*bad, strict=True)
            ax.plot(xs, bad_ys, "o", markerfacecolor="white", markeredgecolor="grey", zorder=3)
        ax.set_yticks(ys, panel.labels)
        ax.invert_yaxis()  # first row on top
        if panel.no_effect is not None:
            ax.axvline(panel.no_effect, color="grey", linestyle="--", linewidth=1)
        if panel.log_scale:
            ax.set_xscale("log")
        ax.set_title(panel.title)
        ax.set_xlabel(panel.xlabel)
        drawn.append(_drawn(ax, panel))
    fig.tight_layout()
    try:
        fig.savefig(path, dpi=100)
    except OSError as exc:
        raise DataFileError(f"cannot write {path}: {exc.strerror}") from None
    finally:
        plt.close(fig)
    return drawn
