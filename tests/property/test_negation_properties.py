"""Properties of the free-text reading (b12.core.screening.negation, terms.codes_in): a term
written as absent is never read as its code, the same term written plainly always is, and no
text makes the reader fail.

The senses named by their loss ("vibration sense", "position sense", "proprioception") are the
one exception to "no T is not T": "no vibration sense" is the examination sign itself, so for
them the property uses the cues that cannot mean a loss ("denies", "negative for", ...).
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from b12.core.relatives import about_blood_relative
from b12.core.screening.negation import FUNCTION_TERMS, SENSE_TERMS
from b12.core.screening.terms import CONDITION_TERMS, SYMPTOM_TERMS, codes_ever, codes_in
from b12.core.status import confounders

_BEFORE = ["no", "not", "denies", "denied", "without", "negative for", "nil", "absent"]
_BEFORE += ["no history of", "no evidence of", "never had", "no signs of", "ruled out"]
_SENSE_SAFE = ["denies", "denied", "negative for", "no history of", "no evidence of", "ruled out"]
_AFTER = [": none", " - none", ": nil", ": no", " denied", " ruled out", " not present"]
_RELATIVES = ["mother has", "father had", "sister:", "maternal aunt with", "brother has"]

terms = st.sampled_from(SYMPTOM_TERMS)
case = st.sampled_from([str.lower, str.upper, str.capitalize])


@st.composite
def negated_term(draw: st.DrawFn) -> tuple[str, str]:
    """A symptom term written as absent, with its code."""
    term, code = draw(terms)
    before = _SENSE_SAFE if term in SENSE_TERMS else _BEFORE
    after = [a for a in _AFTER if not (term in FUNCTION_TERMS and "absent" in a)]
    form = draw(st.sampled_from([f"{cue} {term}" for cue in before] + [term + a for a in after]))
    return draw(case)(form), code


@given(negated_term())
def test_a_term_written_as_absent_is_never_its_code(written: tuple[str, str]) -> None:
    text, code = written
    assert code not in codes_in(text, SYMPTOM_TERMS), text


@given(terms, case)
def test_a_term_written_plainly_is_its_code(row: tuple[str, str], how: object) -> None:
    term, code = row
    assert code in codes_in(how(term), SYMPTOM_TERMS)  # type: ignore[operator]


@given(terms, terms)
def test_a_negation_reaches_the_whole_list_and_not_back(
    first: tuple[str, str], second: tuple[str, str]
) -> None:
    assert codes_in(f"denies {first[0]} or {second[0]}", SYMPTOM_TERMS) == []
    # "tired, no tingling": the negation reaches forward only.
    found = codes_in(f"{first[0]}, denies {second[0]}", SYMPTOM_TERMS)
    assert first[1] in found
    assert found == [first[1]]


not_senses = st.sampled_from([row for row in SYMPTOM_TERMS if row[0] not in SENSE_TERMS])


@given(not_senses, not_senses)
def test_a_negated_comma_list_is_absent_and_a_negated_other_item_is_no_finding(
    first: tuple[str, str], second: tuple[str, str]
) -> None:
    assert codes_in(f"no {first[0]}, {second[0]}", SYMPTOM_TERMS) == []
    # "not eating, tired": the negation ended with an item that is no finding.
    assert codes_in(f"not eating, {second[0]}", SYMPTOM_TERMS) == [second[1]]


@given(st.sampled_from(CONDITION_TERMS), st.sampled_from(["no", "denies", "no history of"]))
def test_a_condition_written_as_absent_is_never_its_code(row: tuple[str, str], cue: str) -> None:
    term, code = row
    assert code not in codes_in(f"{cue} {term}", CONDITION_TERMS)
    assert code in codes_in(term, CONDITION_TERMS)


@given(st.sampled_from(CONDITION_TERMS), st.sampled_from(_RELATIVES))
def test_a_relatives_condition_is_a_family_history(row: tuple[str, str], who: str) -> None:
    text = f"{who} {row[0]}"
    assert about_blood_relative(text)
    assert row[1] in codes_in(text, CONDITION_TERMS)  # still read, as the relative's


@given(st.sampled_from(confounders.CONFOUNDER_CONDITION_TERMS))
def test_the_confounder_reader_agrees(term: str) -> None:
    terms_ = confounders.CONFOUNDER_CONDITION_TERMS
    assert confounders.mentions([term], terms_)
    assert not confounders.mentions([f"no {term}"], terms_)


@given(st.text(max_size=400))
def test_any_text_is_read_without_error(text: str) -> None:
    found = codes_in(text, SYMPTOM_TERMS) + codes_in(text, CONDITION_TERMS)
    assert all(isinstance(code, str) for code in found)


# Red team round 13: a negation's scope ends where the clause reports another finding; "until"
# says when a sign began; a sign written as gone is past, not current, and still read as past.


@given(not_senses, terms)
def test_a_finding_reported_after_a_denied_one_is_read(
    denied: tuple[str, str], reported: tuple[str, str]
) -> None:
    found = codes_in(f"denies {denied[0]}, reports {reported[0]}", SYMPTOM_TERMS)
    assert reported[1] in found
    if denied[1] != reported[1]:
        assert denied[1] not in found


@given(not_senses)
def test_a_sign_absent_until_recently_is_present(row: tuple[str, str]) -> None:
    term, code = row
    assert code in codes_in(f"no {term} until last month", SYMPTOM_TERMS)


@given(not_senses, st.sampled_from(["resolved", "gone", "has settled", "no longer present"]))
def test_a_sign_written_as_gone_is_past_not_current(row: tuple[str, str], gone: str) -> None:
    term, code = row
    if term in FUNCTION_TERMS and gone in ("gone", "no longer present"):
        # "Concentration gone" is the loss itself, as "memory absent" is.
        assert code in codes_in(f"{term} {gone}", SYMPTOM_TERMS)
        return
    assert code not in codes_in(f"{term} {gone}", SYMPTOM_TERMS)
    assert code in codes_ever(f"{term} {gone}", SYMPTOM_TERMS)
