"""The week under the rotation rule: one small program per rotation class, joined by a search.

Under the rotation (:mod:`b12.services.menu.rotation`) the program falls apart by class: the grams
moved, the new-food penalty (once per food and class) and every daily limit belong to one class;
the only link between classes is that a new food is served in at most one of them. So each class is
planned on its own (a small program HiGHS proves optimal at or near its root), and a best-first
branch and bound resolves the classes that want the same new food: at a node some (food, class)
pairs are forbidden; its bound is the sum of the classes' proven optima; a node whose classes share
no new food is a menu, and the first one taken from the queue is optimal. A shared food c of
classes A and B splits the node in two: "c not in A" and "c in A only". When A and B plan the same
days of the diary with the same weights and the same forbidden foods, they are interchangeable and
"c not in B" alone loses nothing (swap A and B).

Why not one program: measured on the FNIH example (7 days), HiGHS ran the whole week into its node
limit (2000 nodes, 2.6 s of CPU, gap 0.068), since its relaxation serves a food a third in each
class; this search proves the optimum by solving a few dozen class programs. Deterministic: counts only, the
queue is ordered by (bound, order of creation).
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar


class ClassPlan(Protocol):
    """What the search reads from one class's solved program."""

    @property
    def cost(self) -> float: ...

    @property
    def bound(self) -> float: ...

    @property
    def new(self) -> frozenset[str]: ...

    @property
    def nodes(self) -> int: ...


P = TypeVar("P", bound=ClassPlan)
Forbidden = tuple[frozenset[str], ...]  # per class, the new foods it may not serve


class NodeLimitError(Exception):
    """The search reached its node limit before any menu: not a proof that none exists."""


@dataclass(frozen=True)
class Found(Generic[P]):
    """The chosen plan per class, the proven relative gap (0: optimal) and the search's nodes."""

    plans: tuple[P, ...]
    gap: float
    nodes: int
    forbidden: Forbidden


def disjoint_search(
    kinds: Sequence[Hashable],
    plan: Callable[[int, frozenset[str]], P | None],
    max_nodes: int,
    max_work: int,
) -> Found[P] | None:
    """The cheapest plans, one per class, whose new foods are disjoint; None if there are none.

    ``kinds[k]`` says which classes are interchangeable (equal kinds plan alike); ``plan(k, F)``
    is class k's best plan without the foods F, or None if it has none. Stops after ``max_nodes``
    nodes, or once the class programs it solved used ``max_work`` branch-and-bound nodes in all
    (counts, not clocks), with the best menu found and its gap: if it found none by then, the
    classes in order each without the new foods of the ones before (a menu, not a proof); if that
    has none either, raises :class:`NodeLimitError`.
    """
    cache: dict[tuple[Hashable, frozenset[str]], P | None] = {}
    work = 0

    def solved(k: int, forbidden: frozenset[str]) -> P | None:
        nonlocal work
        key = (kinds[k], forbidden)
        if key not in cache:
            reused = _known(cache, kinds[k], forbidden)
            if reused is None:
                reused = plan(k, forbidden)
                work += 1 + (reused.nodes if reused is not None else 0)
            cache[key] = reused
        return cache[key]

    queue: list[tuple[float, int, Forbidden]] = [
        (float("-inf"), 0, tuple(frozenset() for _ in kinds))
    ]
    created = nodes = 0
    best: tuple[float, tuple[P, ...], Forbidden] | None = None
    while queue and nodes < max_nodes and work < max_work:
        known, _, forbidden = heapq.heappop(queue)
        if best is not None and known >= best[0]:
            break
        nodes += 1
        plans = [solved(k, f) for k, f in enumerate(forbidden)]
        if any(p is None for p in plans):
            continue
        ready = tuple(p for p in plans if p is not None)
        bound = sum(p.bound for p in ready)
        if bound > known + 1e-9:  # first visit: queue again at its real bound
            created += 1
            heapq.heappush(queue, (bound, created, forbidden))
            continue
        shared = _shared(ready)
        if shared is None:
            cost = sum(p.cost for p in ready)
            if best is None or cost < best[0]:
                best = (cost, ready, forbidden)
            continue
        for child in _children(shared, kinds, forbidden):
            created += 1
            heapq.heappush(queue, (bound, created, child))
    if best is None and queue:  # stopped by a count, not by running out of nodes
        best = _in_turn(len(kinds), solved)
        if best is None:
            raise NodeLimitError(max_nodes)
    if best is None:
        return None
    lowest = min([best[0], *(b for b, _, _ in queue[:1])])
    gap = 0.0 if best[0] <= 0 else max(0.0, (best[0] - lowest) / abs(best[0]))
    return Found(best[1], round(gap, 9), nodes, best[2])


def _in_turn(
    classes: int, solved: Callable[[int, frozenset[str]], P | None]
) -> tuple[float, tuple[P, ...], Forbidden] | None:
    """Each class in turn without the new foods of the classes before it: a menu, or None."""
    taken: frozenset[str] = frozenset()
    plans, forbidden = [], []
    for k in range(classes):
        p = solved(k, taken)
        if p is None:
            return None
        plans.append(p)
        forbidden.append(taken)
        taken |= p.new
    return sum(p.cost for p in plans), tuple(plans), tuple(forbidden)


def _known(
    cache: dict[tuple[Hashable, frozenset[str]], P | None],
    kind: Hashable,
    forbidden: frozenset[str],
) -> P | None:
    """A plan solved with fewer foods forbidden that serves none of ``forbidden``: still the best.

    Forbidding foods a plan does not serve leaves it feasible and cannot lower the optimum, so its
    cost and bound hold; this saves re-solving the classes a branch does not touch.
    """
    for (k, earlier), p in cache.items():
        if k == kind and p is not None and earlier <= forbidden and not p.new & forbidden:
            return p
    return None


def _shared(plans: Sequence[ClassPlan]) -> tuple[str, int, int] | None:
    """The first new food (key order) two classes both serve, with the first two such classes."""
    owner: dict[str, int] = {}
    clashes: list[tuple[str, int, int]] = []
    for k, p in enumerate(plans):
        for food in sorted(p.new):
            if food in owner:
                clashes.append((food, owner[food], k))
            else:
                owner[food] = k
    return min(clashes) if clashes else None


def _children(
    shared: tuple[str, int, int], kinds: Sequence[Hashable], forbidden: Forbidden
) -> list[Forbidden]:
    food, a, b = shared

    def without(classes: Sequence[int]) -> Forbidden:
        return tuple(f | {food} if k in classes else f for k, f in enumerate(forbidden))

    if kinds[a] == kinds[b] and forbidden[a] == forbidden[b]:
        return [without([b])]  # a and b are interchangeable: serve it in a, if anywhere
    return [without([a]), without([k for k in range(len(kinds)) if k != a])]
