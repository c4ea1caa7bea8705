"""Checks for the "follow-up and ages" keys (tests/clinical/vignettes/breadth/README.md, keys
``never_stop_treatment``, ``restart_advised``, ``continue_dietary_b12_source``,
``other_causes_considered``, ``adherence_check_advised``, ``injection_interval_max_months``,
``advises_referral_to`` and ``symptom_review_advised``). Each reads b12's output back the way the
README defines the key; none reads the code.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict

from b12.core.assessment import Assessment
from b12.core.plan.model import Category

B12_WORDS = r"(b12|injection|tablet|treatment|hydroxocobalamin|cyanocobalamin|supplement)"
STOPPING = re.compile(
    rf"\b(stop(?! date)|pause|discontinue|come off|reduce|cut down)\b[^.\n]*{B12_WORDS}"
    rf"|{B12_WORDS}[^.\n]*\b(no longer needed|can (be )?stop|can be reduced)"
    r"|no (further|more) b12 (is )?needed"
)
# "do not stop", "never stop", "not be stopped": the opposite of advice to stop.
NOT_STOPPING = re.compile(
    r"\b(do not|don't|never|not be|must not|should not)\b[^.\n]*\b(stop|paus)"
)
RESTART = re.compile(r"\b(restart|resume|start again|re-?start)")
NORMAL_NOT_ENOUGH = re.compile(
    r"even (when|if|though)[^.\n]*normal"
    r"|(normal|within (the )?range)[^.\n]*(does not|doesn't|do not|is not|not) (mean|show|a reason)"
    r"|\bstores\b|(past|earlier|previous) (injections|treatment)"
)
KEEP_SOURCE = re.compile(
    r"\b(keep|continue|carry on|go on)\b[^.\n]*(b12|supplement|fortified|tablet)[^.\n]*"
    r"(as long as|while|for life|lifelong|long[- ]term|every day|each day|daily)"
)
OTHER_CAUSE = re.compile(
    r"\b(other|another|different|alternative) (causes?|explanations?|reasons?|diagnos[ie]s)"
    r"|not (be )?(due to|caused by|explained by) (low )?b12"
)
ADHERENCE = re.compile(
    r"adheren|were taken|was taken|taken (every day|daily|as prescribed)|(were|was|been) given"
    r"|missed (doses|injections|tablets)|check (that )?(the )?(tablets|injections)"
)
# A maintenance interval: "every 3 months", "every 2-3 months", "every 12 weeks".
EVERY_MONTHS = re.compile(r"every (\d+)(?:\s*(?:-|to)\s*(\d+))? months")
EVERY_WEEKS = re.compile(r"every (\d+)(?:\s*(?:-|to)\s*(\d+))? weeks")
WEEKS_PER_MONTH = 52 / 12
PAEDIATRIC = re.compile(r"p(a)?ediatric")
URGENT_WORDS = re.compile(r"urgent|same day|\btoday\b")
# NG239's symptoms and signs of B12 deficiency, as a reader names them.
SYMPTOM_NAMES = {
    "memory": r"memory|confusion|cognit",
    "mood": r"mood|depress|irritab",
    "nerves": r"numb|tingl|pins and needles",
    "balance": r"unsteady|balance|falls?\b|walking",
    "tongue": r"sore (red )?tongue|glossitis|mouth ulcer",
    "tiredness": r"tired|fatigue|lack of energy",
    "breath": r"breathless|short of breath",
    "vision": r"vision|eyesight",
}
CHANGES_NEXT_STEP = re.compile(
    r"\bif\b[^.\n]*(any|present|found|appear|develop|start|notice)"
    r"|would change|(call|calls|need|needs) for (a |an )?(test|mma|treatment)"
)


class FollowUpExpect(BaseModel):
    """The keys this module checks (all optional; omitted = the source is silent)."""

    model_config = ConfigDict(extra="forbid")
    never_stop_treatment: bool | None = None
    restart_advised: bool | None = None
    continue_dietary_b12_source: bool | None = None
    other_causes_considered: bool | None = None
    adherence_check_advised: bool | None = None
    injection_interval_max_months: float | None = None
    advises_referral_to: Literal["paediatrics"] | None = None
    symptom_review_advised: bool | None = None


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\n", text) if s]


def _plan_texts(a: Assessment) -> list[str]:
    assert a.plan is not None
    return [f"{i.text} {i.reason}".lower() for i in a.plan.items]


def _lifelong(a: Assessment) -> bool:
    assert a.plan is not None
    return any("lifelong" in i.text.lower() and i.regimens for i in a.plan.items)


def _stop_advice(text: str) -> list[str]:
    """Sentences that advise stopping, pausing or reducing B12 treatment."""
    return [s for s in _sentences(text) if STOPPING.search(s) and not NOT_STOPPING.search(s)]


def _never_stop_problems(a: Assessment, text: str) -> list[str]:
    found = [f"advises stopping or reducing: {s[:120]!r}" for s in _stop_advice(text)]
    assert a.plan is not None
    if any(str(r) == "oral_low_dose" for i in a.plan.items for r in i.regimens):
        found.append("offers the dietary low oral dose in place of treatment")
    if not _lifelong(a):
        found.append("no plan item says the treatment continues for life")
    return found


def _restart_problems(a: Assessment, text: str) -> list[str]:
    assert a.plan is not None
    items = [i for i in a.plan.items if i.regimens]
    found = []
    if not any(RESTART.search(f"{i.text} {i.reason}".lower()) for i in items):
        found.append("no plan item with a B12 regimen says to restart it")
    if not _lifelong(a):
        found.append("the restarted treatment is not said to be for life")
    if not NORMAL_NOT_ENOUGH.search(text):
        found.append("does not say a normal B12 now does not mean treatment is no longer needed")
    return found


def _interval_problems(text: str, most_months: float) -> list[str]:
    # The record quoted back ("B12 treatment recorded: ... every 3 months") states no interval
    # for the person; advice does.
    text = "\n".join(s for s in _sentences(text) if "treatment recorded" not in s)
    found = []
    for low, high in EVERY_MONTHS.findall(text):
        if float(high or low) > most_months:
            found.append(f"an injection interval of {high or low} months (at most {most_months:g})")
    for low, high in EVERY_WEEKS.findall(text):
        if float(high or low) / WEEKS_PER_MONTH > most_months:
            found.append(
                f"an injection interval of {high or low} weeks (at most {most_months:g} months)"
            )
    return found


def _referral_problems(a: Assessment, text: str) -> list[str]:
    if not PAEDIATRIC.search(text):
        return ["no paediatric clinician named"]
    if a.status.judgment.urgency.value != "urgent":
        return []
    assert a.plan is not None
    urgent = [
        f"{i.text} {i.reason}".lower()
        for i in a.plan.items
        if i.category is Category.URGENT or URGENT_WORDS.search(i.text.lower())
    ]
    if not any(PAEDIATRIC.search(t) for t in urgent):
        return ["the paediatric referral is not the urgent item"]
    return []


def _symptom_review_problems(text: str) -> list[str]:
    for sentence in _sentences(text):
        named = [k for k, pattern in SYMPTOM_NAMES.items() if re.search(pattern, sentence)]
        if len(named) >= 2 and CHANGES_NEXT_STEP.search(sentence):
            return []
    return ["no request to check for named symptoms that would change the next step"]


def follow_up_problems(e: FollowUpExpect, a: Assessment, text: str) -> list[str]:
    """Every way ``a`` departs from the follow-up-and-ages keys of ``e``."""
    found = []
    if e.never_stop_treatment:
        found += _never_stop_problems(a, text)
    if e.restart_advised:
        found += _restart_problems(a, text)
    if e.continue_dietary_b12_source:
        if not any(KEEP_SOURCE.search(t) for t in _plan_texts(a)):
            found.append("no plan item keeps a reliable B12 source while the diet lasts")
        found += [f"advises stopping B12: {s[:120]!r}" for s in _stop_advice(text)]
    if e.other_causes_considered and not OTHER_CAUSE.search(text):
        found.append("does not say the persisting symptom may have another cause")
    if e.adherence_check_advised and not ADHERENCE.search(text):
        found.append("does not ask whether the treatment was taken or given")
    if e.injection_interval_max_months is not None:
        found += _interval_problems(text, e.injection_interval_max_months)
    if e.advises_referral_to == "paediatrics":
        found += _referral_problems(a, text)
    if e.symptom_review_advised:
        found += _symptom_review_problems(text)
    return found
