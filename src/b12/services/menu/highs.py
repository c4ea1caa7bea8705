"""HiGHS through highspy, set up once for every menu: one thread, relative gap 0, no clock.

Single-threaded on purpose and explicitly: with ``threads`` set to 1 "HiGHS will never use more
than one thread" (HiGHS maintainers, ERGO-Code/HiGHS pull request 3084, 2026), whatever
parallelism a release adds; without it HiGHS's MIP solver runs its symmetry detection on worker
threads (ERGO-Code/HiGHS#1731, 2024) and a parallel tree search is being built (#2210).
scipy.optimize.milp, which b12 used before, passes no ``threads`` option to its bundled HiGHS
(scipy/scipy#16897). With one thread, no time limit and a fixed random seed the search depends
only on the input, so the same input gives the same menu.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.sparse import csr_array

from b12.errors import B12Error

# Solve to optimality: HiGHS stops only when no better menu exists (no clock, no 1 % gap).
MIP_GAP = 0.0
# A safety net, not a clock: HiGHS stops after this many branch-and-bound nodes (the same count
# for the same input, so the same menu), and the menu then states the gap it proved.
MAX_NODES = 2000


@dataclass(frozen=True)
class Result:
    """How HiGHS ended, the values it found and its proven gap."""

    status: str  # "optimal", "infeasible", "node limit" (best menu found) or "no menu"
    x: np.ndarray | None
    mip_gap: float
    nodes: int
    objective: float = 0.0  # the program's objective at x (tie-break included)
    bound: float = 0.0  # HiGHS's proven lower bound (the objective when optimal)


@dataclass
class Program:
    """A linear program being built: columns (cost, upper bound, integer) and named rows."""

    cost: list[float] = field(default_factory=list)
    upper: list[float] = field(default_factory=list)
    integer: list[int] = field(default_factory=list)
    rows: list[dict[int, float]] = field(default_factory=list)
    row_low: list[float] = field(default_factory=list)
    row_high: list[float] = field(default_factory=list)
    names: list[tuple[str, int | None]] = field(default_factory=list)

    def var(self, cost: float, high: float, integer: bool) -> int:
        self.cost.append(cost)
        self.upper.append(high)
        self.integer.append(1 if integer else 0)
        return len(self.cost) - 1

    def row(
        self, coefficients: dict[int, float], low: float, high: float, name: str, day: int | None
    ) -> None:
        self.rows.append(coefficients)
        self.row_low.append(low)
        self.row_high.append(high)
        self.names.append((name, day))

    def matrix(self) -> csr_array:
        data = [c for row in self.rows for c in row.values()]
        cols = [j for row in self.rows for j in row]
        rows = [i for i, row in enumerate(self.rows) for _ in row]
        return csr_array((data, (rows, cols)), shape=(len(self.rows), len(self.cost)))


_banner_shown = False


@contextmanager
def _banner_to_stderr() -> Iterator[None]:
    """Send what HiGHS writes while the process's first instance is made to stderr: highspy
    1.16 prints its copyright banner to the process's stdout then, before any option can silence
    it, and stdout may be a ``--json`` document. File descriptor 1 itself is redirected: the
    banner is written by C++, past ``sys.stdout``."""
    global _banner_shown
    if _banner_shown:
        yield
        return
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        os.dup2(2, 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        _banner_shown = True


def solver(presolve: bool = True) -> Any:
    """A HiGHS instance set up as every menu is solved: one thread, gap 0, a node limit, no clock."""
    import highspy  # the [menu] extra; imported here so that the module loads without it

    with _banner_to_stderr():
        h = highspy.Highs()  # type: ignore[no-untyped-call]
    for option, value in (
        ("output_flag", False),
        # One thread, set explicitly (see the module's docstring).
        ("threads", 1),
        ("mip_rel_gap", MIP_GAP),
        ("mip_max_nodes", MAX_NODES),
        ("time_limit", np.inf),
        ("random_seed", 0),
        # Off for the small programs of one rotation class: they solve faster without it.
        ("presolve", "on" if presolve else "off"),
        # A heuristic, not a limit (the proof is unchanged): on these small programs its sub-MIPs
        # took half of HiGHS's time and rarely found the optimum first. Measured on the slowest
        # example week (severe-sarcopenia-ewgsop2): 2.3 s -> 1.4 s of CPU, the same optimum.
        ("mip_heuristic_run_root_reduced_cost", False),
        # Also a heuristic (issue 19, realistic servings): with servings at the reference amount
        # many new foods cost the same (85 g of meat or fish), and feasibility jump rarely found
        # the optimum first. FNIH's week, A/B on this shared machine: 2.29-2.53 s -> 2.04-2.14 s
        # of CPU, the same proven optimum; the other weeks unchanged within noise.
        ("mip_heuristic_run_feasibility_jump", False),
        # Also a heuristic (menuspeed round): with a new food priced on its servings (model.py)
        # RENS's sub-MIPs at the root rarely paid. FNIH's week, A/B in turn on this shared machine
        # (load 8-10): 1.66 / 1.72 / 2.27 s of CPU against 1.88 / 2.34 / 2.49 s with it, the same
        # proven optimum; severe sarcopenia 1.19 / 1.50 / 1.60 against 1.38 / 1.27 / 1.83 s.
        ("mip_heuristic_run_rens", False),
    ):
        h.setOptionValue(option, value)
    return h


def run_highs(
    cost: list[float],
    upper: list[float],
    integer: list[int],
    matrix: csr_array,
    row_low: list[float],
    row_high: list[float],
    presolve: bool = True,
) -> Result:
    """Minimise ``cost`` over 0 <= x <= ``upper`` with ``row_low <= matrix @ x <= row_high``."""
    import highspy

    h = solver(presolve)
    lp = highspy.HighsLp()
    columns = matrix.tocsc()
    lp.num_col_, lp.num_row_ = len(cost), len(row_low)
    lp.col_cost_ = np.array(cost)
    lp.col_lower_ = np.zeros(len(cost))
    lp.col_upper_ = np.array(upper, dtype=float)
    lp.row_lower_ = np.array(row_low, dtype=float)
    lp.row_upper_ = np.array(row_high, dtype=float)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = columns.indptr
    lp.a_matrix_.index_ = columns.indices
    lp.a_matrix_.value_ = columns.data
    whole, real = highspy.HighsVarType.kInteger, highspy.HighsVarType.kContinuous
    lp.integrality_ = [whole if i else real for i in integer]
    # A warning (e.g. tiny coefficients from a trace diary amount, dropped) still solves.
    if h.passModel(lp) == highspy.HighsStatus.kError or h.run() == highspy.HighsStatus.kError:
        raise B12Error("the menu solver (HiGHS) could not run; please report this")
    status, info = h.getModelStatus(), h.getInfo()
    found = info.primal_solution_status == highspy.SolutionStatus.kSolutionStatusFeasible
    x = np.array(h.getSolution().col_value) if found else None
    value, bound = info.objective_function_value, info.mip_dual_bound
    if status == highspy.HighsModelStatus.kOptimal:
        return Result("optimal", x, 0.0, info.mip_node_count, value, value)
    if status in (
        highspy.HighsModelStatus.kInfeasible,
        highspy.HighsModelStatus.kUnboundedOrInfeasible,  # costs >= 0 and x >= 0: never unbounded
    ):
        return Result("infeasible", None, 0.0, info.mip_node_count)
    state = "node limit" if found else "no menu"
    return Result(state, x, info.mip_gap, info.mip_node_count, value, bound)
