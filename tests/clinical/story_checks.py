"""One assessment tells one story: the headline opens the plan, urgency matches an urgent plan
item, nothing urgent beside "deficiency unlikely", and nerve involvement gets only the
neurological regimen. Shared by the red-team round-14 tests; reads b12's output, not its code."""

from __future__ import annotations

from b12.core.assessment import Assessment
from b12.core.plan.model import Category, Regimen
from b12.core.status.judgment import Level, Urgency


def plan_text(a: Assessment) -> str:
    """The plan's summary and every item's text."""
    assert a.plan is not None
    return " ".join([a.plan.summary, *(i.text for i in a.plan.items)])


def regimens(a: Assessment) -> set[Regimen]:
    assert a.plan is not None
    return {r for i in a.plan.items for r in i.regimens}


def next_test_names(a: Assessment) -> set[str]:
    return {t.test for t in a.status.judgment.next_tests}


def assert_consistent(a: Assessment) -> None:
    """Headline, urgency, plan and regimens tell one story."""
    j = a.status.judgment
    assert a.plan is not None
    assert a.plan.summary.startswith(j.headline)
    urgent_item = any(i.category is Category.URGENT for i in a.plan.items)
    assert urgent_item is (j.urgency is Urgency.URGENT)
    if j.level is Level.DEFICIENCY_UNLIKELY:
        assert "URGENT" not in plan_text(a)
    if j.neurological:
        assert regimens(a) <= {Regimen.IM_NEUROLOGICAL}
