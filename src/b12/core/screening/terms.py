"""Words that reveal risk factors and symptoms in free text (data for :mod:`b12.core.screening.screen`).

Each row maps a lower-case term to a code. Matching is case-insensitive, by whole word, longest
term first, a term written as absent ("no tingling", "coeliac: ruled out") gives no code, and each
stretch of text counts once (so "sleeve gastrectomy" is bariatric surgery, not
also a gastrectomy). The codes, their categories and their sources are in :mod:`b12.core.screening.screen`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache

from b12.core.screening.model import MALABSORPTION_CODES
from b12.core.screening.negation import mark, negated, resolved

CONDITION_TERMS: tuple[tuple[str, str], ...] = (
    ("pernicious anaemia", "pernicious_anaemia"),
    ("pernicious anemia", "pernicious_anaemia"),
    ("intrinsic factor antibod", "pernicious_anaemia"),
    ("anti-intrinsic factor", "pernicious_anaemia"),
    # Its eponyms: Addisonian and Biermer's anaemia (not Addison's disease, an adrenal condition,
    # below). NICE NG239's own name, "autoimmune gastritis", keeps its risk-factor label here and
    # is read as the same irreversible cause (AUTOIMMUNE_GASTRITIS_TERMS).
    ("addisonian anaemia", "pernicious_anaemia"),
    ("addisonian anemia", "pernicious_anaemia"),
    ("addisonian pernicious", "pernicious_anaemia"),
    ("biermer", "pernicious_anaemia"),
    ("autoimmune gastritis", "atrophic_gastritis"),
    ("atrophic gastritis", "atrophic_gastritis"),
    ("coeliac", "coeliac_disease"),
    ("celiac", "coeliac_disease"),
    ("crohn", "crohns_disease"),
    ("ileal resection", "ileal_resection"),
    ("ileum resection", "ileal_resection"),
    ("ileectomy", "ileal_resection"),
    ("ileocaecal resection", "ileal_resection"),
    ("ileocecal resection", "ileal_resection"),
    ("sleeve gastrectomy", "bariatric_surgery"),
    ("gastric sleeve", "bariatric_surgery"),
    ("gastric bypass", "bariatric_surgery"),
    ("roux-en-y", "bariatric_surgery"),
    ("bariatric", "bariatric_surgery"),
    ("weight loss surgery", "bariatric_surgery"),
    ("weight-loss surgery", "bariatric_surgery"),
    ("duodenal switch", "bariatric_surgery"),
    ("biliopancreatic diversion", "bariatric_surgery"),
    # Restrictive only: no direct effect on absorption (BOMSS 2020), kept apart from the others.
    ("gastric band", "gastric_banding"),
    ("lap band", "gastric_banding"),
    ("lap-band", "gastric_banding"),
    ("gastrectomy", "gastrectomy"),
    ("type 1 diabetes", "autoimmune_other"),
    ("type i diabetes", "autoimmune_other"),
    ("sjogren", "autoimmune_other"),
    ("sjögren", "autoimmune_other"),
    ("hashimoto", "autoimmune_other"),
    ("autoimmune thyroid", "autoimmune_other"),
    ("myxoedema", "autoimmune_other"),
    ("myxedema", "autoimmune_other"),
    ("thyrotoxicosis", "autoimmune_other"),
    ("graves", "autoimmune_other"),
    ("addison", "autoimmune_other"),
    ("vitiligo", "autoimmune_other"),
    ("pelvic radiotherapy", "abdominal_pelvic_radiotherapy"),
    ("abdominal radiotherapy", "abdominal_pelvic_radiotherapy"),
    ("radiotherapy to the pelvis", "abdominal_pelvic_radiotherapy"),
    ("radiotherapy to the abdomen", "abdominal_pelvic_radiotherapy"),
    ("family history", "family_history"),
    ("nitrous oxide", "nitrous_oxide"),
    ("laughing gas", "nitrous_oxide"),
    ("n2o", "nitrous_oxide"),
    ("nos balloons", "nitrous_oxide"),
    ("nitrous", "nitrous_oxide"),
    ("nangs", "nitrous_oxide"),
    ("whippets", "nitrous_oxide"),
    ("hippy crack", "nitrous_oxide"),
)

SYMPTOM_TERMS: tuple[tuple[str, str], ...] = (
    ("fatigue", "fatigue"),
    ("tiredness", "fatigue"),
    ("tired", "fatigue"),
    ("exhaustion", "fatigue"),
    ("lack of energy", "fatigue"),
    ("neuropathy", "neuropathy"),
    ("numbness", "neuropathy"),
    ("numb", "neuropathy"),
    ("tingling", "neuropathy"),
    ("pins and needles", "neuropathy"),
    ("pins & needles", "neuropathy"),
    ("paraesthesiae", "neuropathy"),
    ("sensory loss", "neuropathy"),
    ("loss of sensation", "neuropathy"),
    ("stocking", "neuropathy"),
    ("paraesthesia", "neuropathy"),
    ("paresthesia", "neuropathy"),
    ("balance", "neuropathy"),
    ("unsteady", "neuropathy"),
    ("ataxia", "neuropathy"),
    ("burning feet", "neuropathy"),
    ("burning hands", "neuropathy"),
    ("burning sensation", "neuropathy"),
    ("weak legs", "neuropathy"),
    ("leg weakness", "neuropathy"),
    ("weakness in the legs", "neuropathy"),
    ("weakness in both legs", "neuropathy"),
    ("gait", "neuropathy"),
    ("position sense", "neuropathy"),
    ("cannot feel", "neuropathy"),
    ("can't feel", "neuropathy"),
    ("unable to feel", "neuropathy"),
    # "No longer able" is no negation: the feeling has gone (red team round 13).
    ("no longer able to feel", "neuropathy"),
    ("not able to feel", "neuropathy"),
    ("loss of sensation", "neuropathy"),
    ("reduced sensation", "neuropathy"),
    ("proprioception", "neuropathy"),
    ("vibration sense", "neuropathy"),
    ("blurred vision", "neuropathy"),
    ("visual disturbance", "neuropathy"),
    ("optic", "neuropathy"),
    # NG239 box 1 "myelopathy (spinal cord disease)": B12's own myelopathy, as a diagnosis too.
    ("subacute combined degeneration", "neuropathy"),
    ("combined degeneration", "neuropathy"),
    ("sacd", "neuropathy"),
    ("myelopathy", "neuropathy"),
    # A baby's or toddler's signs (Wirthensohn 2023, 292 cases): neurological, and urgent. Not
    # tremor or seizures: in adults they name other conditions (essential tremor, epilepsy).
    ("developmental regression", "infant_neurological"),
    ("developmental delay", "infant_neurological"),
    ("slow to develop", "infant_neurological"),
    ("lost skills", "infant_neurological"),
    ("loss of skills", "infant_neurological"),
    ("floppy", "infant_neurological"),
    ("hypotonia", "infant_neurological"),
    ("hypotonic", "infant_neurological"),
    ("low tone", "infant_neurological"),
    ("poor muscle tone", "infant_neurological"),
    # Regression in a child's own words, and a baby's tremor or seizures (read under 16 only).
    ("speech regression", "infant_neurological"),
    ("loss of milestones", "infant_neurological"),
    ("lost milestones", "infant_neurological"),
    ("lost words", "infant_neurological"),
    ("stopped babbling", "infant_neurological"),
    ("tremor", "infant_neurological"),
    ("seizure", "infant_neurological"),
    ("convulsion", "infant_neurological"),
    ("low muscle tone", "infant_neurological"),
    ("failure to thrive", "infant_feeding"),
    ("faltering growth", "infant_feeding"),
    ("feeding difficulties", "infant_feeding"),
    ("poor feeding", "infant_feeding"),
    ("feeds poorly", "infant_feeding"),
    ("not feeding", "infant_feeding"),
    ("not gaining weight", "infant_feeding"),
    ("poor weight gain", "infant_feeding"),
    ("refuses solid", "infant_feeding"),
    ("food refusal", "infant_feeding"),
    ("memory", "cognitive_change"),
    ("forgetful", "cognitive_change"),
    ("confusion", "cognitive_change"),
    ("cognitive", "cognitive_change"),
    ("brain fog", "cognitive_change"),
    ("dementia", "cognitive_change"),
    ("concentration", "concentration"),
    ("low mood", "psychological"),
    ("depression", "psychological"),
    ("anxiety", "psychological"),
    ("irritability", "psychological"),
    ("psychosis", "psychological"),
    ("breathless", "breathlessness"),
    ("shortness of breath", "breathlessness"),
    # NG239's signs include mobility problems (rule screening.rules.falls): a fall or falls are
    # a sign that, with a risk factor, calls for a test; not by themselves a neurological
    # presentation (a fall has many causes). Not "fall" or "falling" alone ("falling asleep").
    ("falls", "falls"),
    ("had a fall", "falls"),
    ("a fall", "falls"),
    ("fallen", "falls"),
    ("fell over", "falls"),
    ("fell down", "falls"),
    ("fell twice", "falls"),
    ("fell several", "falls"),
    ("fell again", "falls"),
    ("keeps falling", "falls"),
    ("falling over", "falls"),
    ("falling down", "falls"),
    ("mobility problem", "falls"),
    ("reduced mobility", "falls"),
    ("poor mobility", "falls"),
    ("glossitis", "glossitis"),
    ("sore tongue", "glossitis"),
    ("red tongue", "glossitis"),
    ("smooth tongue", "glossitis"),
    ("mouth ulcers", "glossitis"),
)


# NICE NG239's family risk factor is a "family history of vitamin B12 deficiency or autoimmune
# conditions" (evidence.md §3.1): a relative's pernicious anaemia, autoimmune disease (Crohn's kept
# as before) or B12 deficiency is one; a relative's operation or nitrous oxide use is not.
FAMILY_HISTORY_CODES = frozenset(
    {
        "pernicious_anaemia",
        "atrophic_gastritis",
        "coeliac_disease",
        "crohns_disease",
        "autoimmune_other",
        "family_history",
    }
)
# A relative's B12 deficiency, read only in a relative's clause (the person's own is a result).
RELATIVE_B12_DEFICIENCY_TERMS: tuple[tuple[str, str], ...] = (
    ("b12 deficien", "family_history"),
    ("b12-deficien", "family_history"),
    ("deficient in b12", "family_history"),
    ("deficient in vitamin b12", "family_history"),
    ("low b12", "family_history"),
    ("low vitamin b12", "family_history"),
    ("cobalamin deficien", "family_history"),
)


# A baby's mother at risk of low B12: her diet (ODS: "infants of vegan mothers") or her own B12
# deficiency (CDC: "if a breastfeeding mother is deficient in vitamin B12, her infant may also
# become deficient"); read only in a text naming the mother.
MOTHER_TERMS = ("mother", "mum", "mom", "maternal")
MOTHER_DIET_TERMS = ("vegan", "vegetarian", "plant-based", "plant based")
# The mother's conditions that lower her own B12 (malabsorption or nitrous oxide); not an
# autoimmune association (a family history) nor a gastric band (no effect on absorption).
_MOTHER_RISK_CODES = MALABSORPTION_CODES | {"abdominal_pelvic_radiotherapy", "nitrous_oxide"}


def mother_at_risk(text: str) -> bool:
    """Whether a text names the mother with a B12 deficiency, a plant-based diet or a condition
    b12 reads as a B12 risk factor ("breastfed by a vegan mother", "mother had gastric bypass")."""
    if not _pattern(MOTHER_TERMS).search(text):
        return False
    conditions = [c for c in codes_in(text, CONDITION_TERMS) if c in _MOTHER_RISK_CODES]
    return bool(
        conditions
        or codes_in(text, RELATIVE_B12_DEFICIENCY_TERMS)
        or mentions([text], MOTHER_DIET_TERMS)
    )


def family_history_codes(relatives_text: str) -> list[str]:
    """Codes in a relative's clause that make a family history (NICE NG239)."""
    codes = codes_in(relatives_text, CONDITION_TERMS) + codes_in(
        relatives_text, RELATIVE_B12_DEFICIENCY_TERMS
    )
    return [c for c in dict.fromkeys(codes) if c in FAMILY_HISTORY_CODES]


# NICE NG239's name for pernicious anaemia's cause: the same lifelong need for B12.
AUTOIMMUNE_GASTRITIS_TERMS: tuple[tuple[str, str], ...] = (
    ("autoimmune gastritis", "pernicious_anaemia"),
    ("autoimmune atrophic gastritis", "pernicious_anaemia"),
)

# Surgery in general, read only when written as absent ("never had surgery", "no previous
# operations"): such a text is read, and not reported as unrecognised (person-file.md: "Texts read
# as absent are not reported as unrecognised"; red team round 16, note on 14). Written as present
# ("had surgery in 2010") it names no operation b12 can read, and stays unrecognised.
ANY_SURGERY_TERMS: tuple[tuple[str, str], ...] = (
    ("surgery", "surgery"),
    ("surgical", "surgery"),
    ("operation", "surgery"),
    ("operated", "surgery"),
)


# Pernicious anaemia and its cause, autoimmune gastritis, do not go away, and a removed stomach
# or ileum does not grow back: "no longer has pernicious anaemia" is its history (NICE NG239: an
# irreversible cause needs B12 for life).
_PERNICIOUS = frozenset(
    term
    for term, code in (*CONDITION_TERMS, *AUTOIMMUNE_GASTRITIS_TERMS)
    if code == "pernicious_anaemia"
)
# Nitrous oxide used in the past is still an exposure: its nerve damage shows weeks after the use
# ends, while serum B12 looks normal (evidence.md §2.7), so "no longer uses nitrous oxide" reads
# as "former nitrous oxide user" does (NICE: homocysteine first), not as never used.
_PAST_EXPOSURE_TERMS = frozenset(term for term, code in CONDITION_TERMS if code == "nitrous_oxide")
_REMOVALS = ("gastrectomy", "resection", "ileectomy")


def _lasting(term: str) -> bool:
    """A condition or exposure that a past tense does not undo (:func:`negation.negated`)."""
    term = term.lower()
    return (
        term in _PERNICIOUS
        or term in _PAST_EXPOSURE_TERMS
        or any(word in term for word in _REMOVALS)
    )


INFANT_CODES = frozenset({"infant_neurological", "infant_feeding"})
# An adult's "developmental delay" or "poor feeding" is no sign of B12 deficiency's own.
ADULT_SYMPTOM_TERMS = tuple(row for row in SYMPTOM_TERMS if row[1] not in INFANT_CODES)


def terms_for(code: str) -> tuple[str, ...]:
    """The condition words that b12 reads as ``code``."""
    return tuple(term for term, c in CONDITION_TERMS if c == code)


@cache
def _compiled(table: tuple[tuple[str, str], ...]) -> tuple[tuple[re.Pattern[str], str], ...]:
    rows = sorted(table, key=lambda row: -len(row[0]))
    return tuple(
        (re.compile(rf"(?<![\w-]){re.escape(term)}", re.IGNORECASE), code) for term, code in rows
    )


def _mark_terms(table: tuple[tuple[str, str], ...], text: str) -> str:
    for pattern, _ in _compiled(table):
        text = mark(pattern, text)
    return text


# NG239's sign is a mobility problem B12 deficiency may explain: falls or mobility problems
# written with an injury or an operation as their cause ("mobility problems after knee
# replacement", "falls since hip fracture") are explained, as a fall from a ladder is (red team
# round 17b, 08). A faint is no such cause: B12 deficiency itself can cause it (anaemia,
# autonomic neuropathy), so "falls from fainting" stays the sign.
_EXPLAINED_MOBILITY = re.compile(
    r"\b(?:after|following|since|due to|because of|caused by|from)\b[^,;.]*?"
    r"\b(?:replacement|surgery|operation|operated|fracture\w*|broken|broke|injur\w*|accident"
    r"|amputation|sprain\w*)",
    re.IGNORECASE,
)


# Pure functions of the text and the table: one assessment reads the same conditions and symptoms
# with the same table many times (screening, judgment, plan), so each reading is kept.
@lru_cache(maxsize=8192)
def _read(
    text: str, table: tuple[tuple[str, str], ...]
) -> tuple[tuple[str, ...], bool, tuple[str, ...]]:
    """Codes of the terms present in one text, whether any term was found at all (a term
    written as absent, "no tingling", is read but gives no code), and the codes of terms written
    as gone ("numbness resolved": past, not current)."""
    found: list[str] = []
    past: list[str] = []
    read = False
    text = expand_abbreviations(text)
    remaining = text
    marked = _mark_terms(table, text)
    for pattern, code in _compiled(table):
        hit = pattern.search(remaining)
        while hit:
            read = True
            # Judged on the text with longer terms blanked, so that "not feeding, tired" is not
            # read as "not ... tired".
            lasting = _lasting(hit.group())
            if code == "falls" and _EXPLAINED_MOBILITY.search(text):
                pass  # read, but a mobility problem with an injury or operation as its cause
            elif code not in found and not negated(
                remaining, hit.start(), hit.end(), hit.group(), marked, lasting=lasting
            ):
                found.append(code)
            elif code not in past and resolved(remaining, hit.start(), hit.end()):
                past.append(code)
            remaining = remaining[: hit.start()] + " " * len(hit.group()) + remaining[hit.end() :]
            hit = pattern.search(remaining)
    return tuple(found), read, tuple(c for c in past if c not in found)


def codes_in(text: str, table: tuple[tuple[str, str], ...]) -> list[str]:
    """Codes of the terms found in one text, each stretch of text counted once, and none for a
    term written as absent (:func:`b12.core.screening.negation.negated`)."""
    return list(_read(text, table)[0])


def codes_ever(text: str, table: tuple[tuple[str, str], ...]) -> list[str]:
    """Codes of the terms present in one text or written as gone ("numbness resolved"): what a
    symptom listed with any course, resolved too, names."""
    codes, _, past = _read(text, table)
    return [*codes, *past]


def written_absent(text: str, table: tuple[tuple[str, str], ...]) -> bool:
    """Whether the text names terms of the table, each written as absent ("no neuropathy")."""
    codes, read, _ = _read(text, table)
    return read and not codes


# "PA", the usual clinical abbreviation of pernicious anaemia ("PA", "?PA", "PA on B12 jabs"; red
# team round 17b, 06), read as the words. Upper case only and a whole word ("pa", "Pa", "PAD",
# "PsA" are not it), and not where the text spells out another meaning that "PA" abbreviates
# (primary aldosteronism, physical activity, psoriatic arthritis, pulmonary artery, a physician
# associate).
_PA = re.compile(r"(?<![\w-])PA(?![\w-])")
_PA_OTHER = re.compile(
    r"aldosteron|physical activ|psoria|arthritis|pulmonary|arter|physician|assistant|associate"
    r"|pernicious",
    re.IGNORECASE,
)


def expand_abbreviations(text: str) -> str:
    """The text with "PA" written out as "pernicious anaemia" where it can only mean that."""
    if "PA" not in text or _PA.search(text) is None or _PA_OTHER.search(text):
        return text
    return _PA.sub("pernicious anaemia", text)


@cache
def _pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    # Terms match from a word boundary so that stems work ("intrinsic factor antibod" finds
    # antibody and antibodies); a short abbreviation must be a whole word (or its plural), or
    # "hives" would read as HIV.
    def one(term: str) -> str:
        whole = len(term) <= 4  # an abbreviation: "hiv", "n2o", "b12", "cocp"
        return re.escape(term) + (r"s?\b" if whole else "")

    return re.compile(r"\b(?:" + "|".join(one(t) for t in terms) + ")", re.IGNORECASE)


def mentions(texts: Iterable[str], terms: tuple[str, ...]) -> bool:
    """Whether any text contains any term starting at a word boundary (case-insensitive) and not
    written as absent ("no pernicious anaemia", :func:`b12.core.screening.negation.negated`); an
    abbreviation (up to four characters) must also end at one."""
    # A loop, not any() over a generator: ~11 calls per assessment, most with no text at all (an
    # empty list needs no iterator).
    if not texts:
        return False
    for text in texts:  # noqa: SIM110
        if _mentioned(text, terms):
            return True
    return False


@lru_cache(maxsize=8192)
def _mentioned(text: str, terms: tuple[str, ...]) -> bool:
    text = expand_abbreviations(text)
    pattern = _pattern(terms)
    hits = list(pattern.finditer(text))
    marked = mark(pattern, text) if hits else text
    return any(
        not negated(text, m.start(), m.end(), m.group(), marked, lasting=_lasting(m.group()))
        for m in hits
    )


def classify_texts(
    texts: Iterable[str], table: tuple[tuple[str, str], ...]
) -> tuple[dict[str, list[str]], list[str]]:
    """Map each code to the texts that mention it, and list the texts that matched nothing (a text
    that names a term only as absent, "no tingling", is read, not unmatched)."""
    by_code: dict[str, list[str]] = {}
    unmatched: list[str] = []
    if not texts:  # most people list no conditions or symptoms
        return by_code, unmatched
    for text in texts:
        codes, read, _ = _read(text, table)
        if not read:
            unmatched.append(text)
        for code in codes:
            by_code.setdefault(code, []).append(text)
    return by_code, unmatched


# A child recorded as breastfed (a condition such as "still breastfed"): the mother's B12 matters.
# Not "breastfeeding": a teenager breastfeeding her own baby is the mother.
BREASTFED_TERMS = ("breastfed", "breast-fed", "breast fed", "breast milk", "breastmilk")
