"""The lab's printed flag in words: every flag the core accepts has words, none is invented."""

from __future__ import annotations

from typing import get_args

from b12.core.person import LabFlag
from b12.reports.lab_flags import FLAG_WORDS, flag_text


def test_every_flag_the_core_accepts_has_words() -> None:
    assert list(FLAG_WORDS) == list(get_args(LabFlag))


def test_a_flag_is_shown_with_its_words_and_none_as_nothing() -> None:
    assert flag_text("L") == "L (low)"
    assert flag_text("HH") == "HH (critically high)"
    assert flag_text(None) == flag_text("") == ""
