"""Whether a free-text condition is about a relative, not the person.

NICE NG239 (evidence.md §3.1) counts a family history of pernicious anaemia or autoimmune disease
as a risk factor: "mother has pernicious anaemia" is a family-history risk factor for the person,
never the person's diagnosis, operation or exposure. Input: one condition text; pure, no I/O.
"""

from __future__ import annotations

import re

# Condition texts about a relative, not the person: "family history of ...", "mother has
# pernicious anaemia", "maternal aunt: coeliac", "runs in the family". A parent's, sibling's or
# child's autoimmune disease is a family-history risk factor (NICE NG239); a spouse's is neither
# the person's condition nor a family history (:data:`_SPOUSE`).
_RELATIVES = re.compile(
    r"\b(?:family (?:history|hx|member)|fh of|fhx|in the family|runs in (?:the )?family"
    r"|relatives?|mother|mum|mom|father|dad|parents?|sisters?|brothers?|siblings?"
    r"|sons?|daughters?|child|children|grand(?:mother|father|parents?|ma|pa|mum|dad)"
    r"|aunts?|uncles?|cousins?|nieces?|nephews?|maternal|paternal"
    r"|husband|wife|partner|spouse)(?:['’]s)?\b",
    re.IGNORECASE,
)
_SPOUSE = re.compile(r"\b(?:husband|wife|partner|spouse)\b", re.IGNORECASE)
# A relative named as the object of the person's own feeding or home is no subject: "breastfed by
# her vegan mother", "breastfeeding her son", "lives with father". Not "born to a mother with
# pernicious anaemia" nor "breastfed by a mother with ...": those are the mother's condition.
_OBJECT_BEFORE = re.compile(
    r"\b(?:breast-?fe\w*|fed|feeds?|feeding|nurs\w*|cared for|looked after|lives|living)"
    r"(?:\s+(?:by|with|from|on))?(?:\s+(?:her|his|my|the|their|a|an))?(?:\s+[\w-]+){0,2}?\s*$",
    re.IGNORECASE,
)


# Where one clause of a condition text ends: "pernicious anaemia; family history of it",
# "gastrectomy for cancer, which her father died of", "PA (mother also)", "resection - runs in the
# family". A relative governs the clause that names them and what follows; the clauses before are
# the person's own (red team: "PA; family history of PA" had lost the person's own PA).
_CLAUSE_END = re.compile(r"[;,(]|\s[-–]\s")


# A clause that only names whose the condition is: "(father)", "- maternal aunt", "(mother's)".
_ATTRIBUTION = re.compile(
    rf"(?:(?:her|his|my|the|their)\s+)?(?:(?:maternal|paternal)\s+)?(?:{_RELATIVES.pattern})"
    r"(?:\s+side)?",
    re.IGNORECASE,
)


# "runs in the family": the person's condition, shared with relatives, not only theirs.
_SHARED = re.compile(r"\b(?:in the family|runs in)\b", re.IGNORECASE)

# The person named beside the relative as one subject: "both she and her mother have pernicious
# anaemia", "her mother and she": the condition is the person's own and the relative's (red team
# round 13: the person's own pernicious anaemia had been lost).
_SELF = r"(?:she|he|i|me|herself|himself|myself|the patient|patient|pt)"
_WITH_SELF = re.compile(
    rf"\b{_SELF}\s+(?:and|&)\s+(?:(?:her|his|my|their)\s+)?(?:{_RELATIVES.pattern})"
    rf"|(?:{_RELATIVES.pattern})\s+(?:and|&)\s+{_SELF}\b",
    re.IGNORECASE,
)
# A later clause whose subject is the person again: "husband has pernicious anaemia; she has
# coeliac disease" (the relative governs their clause, not the person's next one). Only a subject
# that cannot be the relative: "I" or "the patient", or "she" after a male relative and "he"
# after a female one ("mother has pernicious anaemia. She has coeliac disease" may be the mother).
_BACK_TO_SELF = re.compile(
    r"(?:[;.\n]|,?\s+(?:and|but|while|whereas)\b)\s*"
    r"(?=(?P<who>she|he|i|the patient|patient|pt)\b(?!\s+(?:and|&)\b))",
    re.IGNORECASE,
)
_MALE = re.compile(
    r"\b(?:father|dad|brothers?|sons?|grandfather|grandpa|granddad|uncles?|nephews?|husband)\b",
    re.IGNORECASE,
)
_FEMALE = re.compile(
    r"\b(?:mother|mum|mom|sisters?|daughters?|grandmother|grandma|grandmum|aunts?|nieces?|wife)"
    r"\b",
    re.IGNORECASE,
)


def split_relative(condition: str) -> tuple[str, str]:
    """(the person's own part, a relative's or partner's part) of a condition text; either may be
    empty, and both are the whole text when the person and the relative are named together."""
    if _WITH_SELF.search(condition):
        return condition, condition
    named = next((m for m in _RELATIVES.finditer(condition) if not _object(condition, m)), None)
    if named is None:
        return condition, ""
    ends = [m.end() for m in _CLAUSE_END.finditer(condition, 0, named.start())]
    cut = ends[-1] if ends else 0
    own, theirs = condition[:cut].strip(" \t;,(-–"), condition[cut:].strip()
    if _ATTRIBUTION.fullmatch(theirs.strip(" ()[]")) and not _SHARED.search(theirs):
        return "", condition  # "pernicious anaemia (father)": the father's, not also the person's
    back = next((m for m in _BACK_TO_SELF.finditer(theirs) if _not_the_relative(theirs, m)), None)
    if back is None:
        return own, theirs
    later_own, later_theirs = split_relative(theirs[back.end() :])
    return _join(own, later_own), _join(theirs[: back.start()].strip(), later_theirs)


def _not_the_relative(theirs: str, back: re.Match[str]) -> bool:
    """Whether the subject of a later clause cannot be the relative named before it."""
    who, before = back.group("who").lower(), theirs[: back.start()]
    if who == "she":
        return bool(_MALE.search(before)) and not _FEMALE.search(before)
    if who == "he":
        return bool(_FEMALE.search(before)) and not _MALE.search(before)
    return True


def _join(first: str, second: str) -> str:
    return "; ".join(part for part in (first, second) if part)


def about_relative(condition: str) -> bool:
    """Whether a condition text names a relative or partner (in a clause of its own or all of
    it): their condition is never the person's."""
    return bool(split_relative(condition)[1])


def _object(condition: str, relative: re.Match[str]) -> bool:
    # Only when the relative ends the text: "breastfed by her mother who has pernicious anaemia"
    # is the mother's condition.
    rest = condition[relative.end() :]
    return (
        not rest.strip(" .,;:)")
        and _OBJECT_BEFORE.search(condition[: relative.start()]) is not None
    )


def about_blood_relative(condition: str) -> bool:
    """Whether a condition text is about a blood relative: a family history (NICE NG239 counts a
    family history of pernicious anaemia or autoimmune disease as a risk factor); a partner's
    condition is not one."""
    return about_relative(_SPOUSE.sub(" ", condition))
