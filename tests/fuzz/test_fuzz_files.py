"""Person files and food diaries: any input gives a result or a b12 error, never a crash."""

from __future__ import annotations

import contextlib
import json
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from b12.data.diary import load_diary, parse_amount, parse_diary_data
from b12.data.person_file import load_person, parse_person
from b12.errors import B12Error
from b12.services.records import assess_document
from tests.conftest import EXAMPLES, PERSON_EXAMPLES
from tests.fuzz.conftest import CHEAP, FUZZ_SETTINGS, fuzz_settings
from tests.fuzz.strategies import NASTY_TEXT, TALLY, json_values, mutated, mutated_text

PEOPLE = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in PERSON_EXAMPLES]
PERSON_TEXTS = [p.read_text(encoding="utf-8") for p in PERSON_EXAMPLES]
DIARIES = EXAMPLES / "diaries"
B12_CSV = (DIARIES / "diary-omnivore.csv").read_text(encoding="utf-8")
CRONOMETER_CSV = (DIARIES / "cronometer-servings.csv").read_text(encoding="utf-8")
DIARY_DATA = yaml.safe_load((DIARIES / "diary-vegan.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    # hypothesis reruns the body many times; a module-scoped folder avoids the fixture health check
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def survives(call: Callable[[], Any]) -> None:
    """Run ``call``: a result or a B12Error pass; any other exception fails the test."""
    with contextlib.suppress(B12Error):
        call()


def _person_then_assess(path: Path) -> None:
    assess_document(load_person(path))


@FUZZ_SETTINGS
@given(
    st.one_of(
        st.sampled_from(PERSON_TEXTS).flatmap(mutated_text),
        st.sampled_from(PEOPLE).flatmap(mutated).map(lambda d: json.dumps(d, default=str)),
        st.sampled_from(PEOPLE)
        .flatmap(mutated)
        .map(lambda d: yaml.safe_dump(d, allow_unicode=True)),
        st.text(max_size=200),
    ),
    st.sampled_from([".json", ".yaml"]),
)
def test_fuzz_person_file_text(folder: Path, text: str, suffix: str) -> None:
    TALLY["person_file_text"] += 1
    path = folder / f"person{suffix}"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    survives(lambda: _person_then_assess(path))


@FUZZ_SETTINGS
@given(st.one_of(st.sampled_from(PEOPLE).flatmap(mutated), json_values()))
def test_fuzz_person_data(data: Any) -> None:
    TALLY["person_data"] += 1
    survives(lambda: assess_document(parse_person(data)))


@FUZZ_SETTINGS
@given(
    st.one_of(
        st.just(B12_CSV).flatmap(mutated_text),
        st.just(CRONOMETER_CSV).flatmap(mutated_text),
        st.text(max_size=200),
    )
)
def test_fuzz_diary_csv(folder: Path, text: str) -> None:
    TALLY["diary_csv"] += 1
    path = folder / "diary.csv"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    survives(lambda: load_diary(path))


@FUZZ_SETTINGS
@given(st.one_of(st.just(DIARY_DATA).flatmap(mutated), json_values()))
def test_fuzz_diary_data(data: Any) -> None:
    TALLY["diary_data"] += 1
    survives(lambda: parse_diary_data(data))


@fuzz_settings(CHEAP)
@given(st.one_of(st.text(max_size=40), st.sampled_from(NASTY_TEXT)))
def test_fuzz_diary_amount(text: str) -> None:
    TALLY["diary_amount"] += 1
    survives(lambda: parse_amount(text, "amount"))
