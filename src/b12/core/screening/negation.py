"""Whether a term found in free text is written as absent ("no tingling", "coeliac: ruled out").

A record that says a symptom or condition is absent must never count as it: "no developmental
delay" read as a sign made a thriving child urgent. The cues follow NegEx (Chapman WW et al.
J Biomed Inform 2001;34:301-10): a negation before the term reaches forward to the end of its
clause over a list of findings ("no tingling or numbness" negates both, "tired, no tingling" only
the tingling, "not eating, tired" not the tiredness); a few cues follow the term ("tingling:
none"); pseudo-negations ("no longer able to", "not improving", "cannot") are not negations, and
an inability before the cue undoes it ("cannot walk without losing balance" is a sign). Input:
one text and the span of one term found in it; pure, no I/O.

A negation also ends where its clause reports another finding as present ("denies numbness,
reports tingling"), and "no tingling until last month" says when the tingling began (new, not
absent). A symptom written as gone ("numbness resolved", "tingling has settled", "no longer
tingling") is not current, as a resolved ``symptom_course`` is not: :func:`resolved` tells it
from one never present, so that the nerves' past involvement is still read.
"""

from __future__ import annotations

import re

# A clause ends at a full stop, semicolon, new line or a contrast ("no tingling but numb feet").
_CLAUSE_END = re.compile(
    r"[.;!?\n]|\b(?:but|however|although|though|yet|except|apart from|aside from)\b", re.I
)
# Words that look like negations but say the sign is there or continuing.
_PSEUDO = re.compile(
    r"\b(?:no longer (?:able|can|manages?)|not able|can ?not|could not|not only|no change"
    r"|no improvement|no better|not better|not improv\w*|not resolv\w*|not gone|not settl\w*"
    r"|not sure|not certain|no relief|not relieved|no help|not help\w*)\b",
    re.I,
)
# A condition written as a question, not a diagnosis: "suspected pernicious anaemia", "?PA",
# "possible autoimmune gastritis", "pernicious anaemia to be excluded".
_UNCERTAIN = re.compile(
    r"\?|\b(?:suspect\w*|possible|possibly|probable|probably|likely|query|queried|presumed"
    r"|to (?:be )?(?:excluded?|ruled out)|rule out|r/o|under investigation|awaiting|pending"
    r"|not (?:yet )?(?:confirmed|diagnosed)|unconfirmed)\b",
    re.I,
)


def written_uncertain(text: str) -> bool:
    """Whether a condition is written as suspected or still to be confirmed, not diagnosed."""
    return _UNCERTAIN.search(text) is not None


# A symptom written "no longer" there is gone (:func:`resolved`).
_NO_LONGER = re.compile(r"\b(?:no longer|not any ?more)\b", re.I)
# A lasting condition written as past is its history, not its absence: pernicious anaemia does
# not go away and a removed stomach does not grow back (NICE NG239: an irreversible cause needs
# treatment for life), so "no longer has pernicious anaemia", "no more pernicious anaemia" or
# "no longer has a stomach (total gastrectomy)" still need B12 for life; past nitrous oxide use is
# still an exposure. "No pernicious anaemia" (never had it) stays absent.
_HISTORY = re.compile(
    r"\b(?:no longer|no more|any ?more|no current|not current|no active|not active|now"
    r"|resolved|cured|remission)\b",
    re.I,
)
# A negation before the term: its scope runs to the end of the clause. Longer cues first, so that
# "no history of" is one cue, not "no".
_BEFORE = re.compile(
    r"\b(?:no history of|no evidence of|no signs? of|negative for|free of|ruled out|rules out"
    r"|(?:does|do|did|is|are|was|were|has|have|had)n['’]?t"
    r"|no|not|nil|never|nor|neither|without|absent|denies|denied|deny|excluded|exclude)\b",
    re.I,
)
# An inability before the negation makes a double negative: "unable to stand without swaying".
_UNABLE = re.compile(r"\b(?:cannot|can['’]?t|couldn['’]?t|unable|not able|no longer able)\b", re.I)
# A negation just after the term ("tingling: none", "coeliac disease ruled out"), at most two
# words on, before any comma or "and" ("numb feet, reflexes absent" and "numbness and absent
# reflexes" keep the numbness; "memory not as good" is no "memory ... good"). A bare "no" counts
# only after a colon ("tired no tingling" is tired).
# "Partly resolved" and "almost gone" are still there.
_GAP = (
    r"\w*(?:\s+(?!(?:and|or|nor|with|despite|plus|but|not|no|never|less|worse|than|as|partly"
    r"|partially|almost|nearly|mostly|largely|slowly)\b)[\w'’]+){0,2}?"
)
# Words after the term saying it has gone: a resolved symptom, not a current one (person-file.md).
# Not "gone to her hands" or "settled into a burning": those say it moved or changed.
_GONE = (
    r"(?:resolved|gone|settled|cleared|disappeared|went away|no longer present|no longer there)"
    r"(?!\s+(?:to|into|in|on|up|down|worse|over)\b)"
)
_AFTER = re.compile(
    rf"^{_GAP}(?:\s*[:=]\s*(?:none|nil|no|negative|absent|{_GONE})\b|\s*[(-]?\s*(?:none|nil"
    rf"|negative|denied|ruled out|excluded|not present|not found|absent|{_GONE})\b)",
    re.I,
)
_LOSS_END = re.compile(r"(?:absent|gone|disappeared|went away|no longer (?:present|there))$", re.I)
_GONE_AFTER = re.compile(rf"^{_GAP}\s*[:=(-]?\s*(?:{_GONE})\b", re.I)
# After a denied item, a clause that reports another item ends the list (NegEx: the negation's
# scope is a list of findings): "denies numbness, reports tingling", "no tingling and has numbness".
_AFFIRM = re.compile(
    r"\b(?:reports?|reported|reporting|complains?|complained|complaining|c/o|presents?|presented"
    r"|presenting|describes?|described|notes?|noted|admits?|admitted|endorses?|endorsed"
    r"|experiences?|experienced|develop(?:s|ed)?|has|have|had|having|now|still)\b",
    re.I,
)
# "No tingling until last month": the sign began then, so it is present (and new).
_UNTIL = re.compile(r"\b(?:until|till|til)\b", re.I)
# A sense named by its loss: "no vibration sense" or "absent position sense" is the sign itself
# (an examination finding), so "no", "nil", "without" or "absent" before it negates only when a
# problem word follows ("no vibration sense loss"). Any function ("balance", "memory") followed
# by "normal" or "intact" is a negation, and "vibration sense absent" is the sign.
_FUNCTION_NORMAL = re.compile(
    rf"^{_GAP}\s*[:=(-]?\s*(?:normal|intact|unremarkable|fine|good)\b", re.I
)
_PROBLEM = re.compile(
    r"^\w*\W*(?:\w+\s+)?(?:problem|issue|difficult|loss|abnormal|impair|disturb|deficit|change"
    r"|neuritis|neuropathy|atrophy|concern)",
    re.I,
)
# "without loss of vibration sense": the words between the negation and the sense name the loss.
_LOSS_BETWEEN = re.compile(
    r"\b(?:losing|loss of|lost|poor|reduced|impaired|problems? with)\b", re.I
)
_LOSS_CUES = frozenset({"no", "nil", "without", "absent"})
SENSE_TERMS = frozenset({"position sense", "proprioception", "vibration sense"})
FUNCTION_TERMS = SENSE_TERMS | {"balance", "gait", "memory", "concentration", "optic"}


# Items of a list: "no tingling, numbness or weakness", "no tingling and numbness".
_LIST_SEPARATOR = re.compile(r",|/|\b(?:and|or|nor|&)\b", re.I)


# What :func:`mark` writes over each letter of a term.
TERM_MARK = "§"


def mark(pattern: re.Pattern[str], text: str) -> str:
    """The text with each match of ``pattern`` written over with :data:`TERM_MARK`."""
    return pattern.sub(lambda m: TERM_MARK * len(m.group()), text)


def _clause_start(text: str, start: int) -> int:
    """Where the term's clause begins."""
    ends = list(_CLAUSE_END.finditer(text, 0, start))
    return ends[-1].end() if ends else 0


def _list_of_findings(between: str) -> bool:
    """Whether the items between a negation and the term are findings too: "no tingling, numbness"
    negates a list, while in "not eating, tired" the negation ended with its own item."""
    items = _LIST_SEPARATOR.split(between)
    later = items[1:]  # the items after the denied one: "reports tingling" reports, not denies
    return all(not item.strip() or TERM_MARK in item for item in items[:-1]) and not any(
        _AFFIRM.search(item) for item in later
    )


def _clause(text: str, start: int, end: int) -> str:
    """The clause that holds the term at ``text[start:end]``."""
    return text[_clause_start(text, start) : start] + text[start:end] + _clause_rest(text, end)


def _clause_rest(text: str, end: int) -> str:
    """The rest of the term's clause, after the term."""
    stop = _CLAUSE_END.search(text, end)
    return text[end : stop.start() if stop else len(text)]


def _negated_before(text: str, start: int, end: int, sense: bool, marked: str) -> bool:
    # Terms marked (so "not feeding" is no cue and "pins and needles" no list), then
    # pseudo-negations blanked; both keep the length, so positions hold.
    begin = _clause_start(text, start)
    clause = text[begin:start]
    terms_marked = marked[begin:start]
    marked = _PSEUDO.sub(lambda m: " " * len(m.group()), terms_marked)
    cues = list(_BEFORE.finditer(marked))
    # With the terms marked: an inability that is itself a term ("cannot feel") is no double
    # negative; "cannot walk without losing balance" is one.
    if not cues or _UNABLE.search(terms_marked[: cues[-1].start()]):
        return False
    if not _list_of_findings(marked[cues[-1].end() :]):
        return False
    # "no vibration sense" is the sign; "no vibration sense loss" is not.
    loss_cue = cues[-1].group().lower() in _LOSS_CUES
    named_loss = _PROBLEM.match(text[end:]) or _LOSS_BETWEEN.search(clause[cues[-1].end() :])
    return not (sense and loss_cue and not named_loss)


def _negated_after(text: str, end: int, function: bool) -> bool:
    after = text[end:].split(",", 1)[0]
    if function and _FUNCTION_NORMAL.match(after):
        return True
    hit = _AFTER.match(after)
    # "Memory gone" or "balance absent" is the loss itself; "balance problems resolved" is not.
    return hit is not None and not (function and _LOSS_END.search(hit.group()))


def negated(
    text: str, start: int, end: int, term: str, marked: str, *, lasting: bool = False
) -> bool:
    """Whether the term found at ``text[start:end]`` is written as absent; ``marked`` is the same
    text with each term of the table written over (:func:`mark`), to tell a negated list's items.
    A ``lasting`` condition written as past ("no longer", "no more", "now resolved") is its history,
    not its absence.

    References
    ----------
    Chapman WW, Bridewell W, Hanbury P, Cooper GF, Buchanan BG. A simple algorithm for identifying
    negated findings and diseases in discharge summaries. J Biomed Inform 2001;34:301-10.
    """
    sense, function = term.lower() in SENSE_TERMS, term.lower() in FUNCTION_TERMS
    if lasting and _HISTORY.search(_clause(text, start, end)):
        return False
    before = _negated_before(text, start, end, sense, marked)
    if before and _UNTIL.search(_clause_rest(text, end)):
        return False  # "no tingling until last month": new tingling
    return before or _negated_after(text, end, function)


def resolved(text: str, start: int, end: int) -> bool:
    """Whether a term written as absent is written as gone, rather than never there: "numbness
    resolved", "tingling has settled", "no longer tingling" (a past sign, as a resolved
    ``symptom_course``)."""
    if _GONE_AFTER.match(text[end:].split(",", 1)[0]):
        return True
    clause = text[_clause_start(text, start) : start]
    cues = list(_BEFORE.finditer(clause))
    return bool(cues) and bool(_NO_LONGER.search(clause[max(0, cues[-1].start() - 3) :]))
