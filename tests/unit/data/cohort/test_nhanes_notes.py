"""Caveats printed with NHANES estimates: weights, pooling, the assay change (evidence.md §9.2)."""

from __future__ import annotations

from b12.data.cohort.nhanes_notes import nhanes_notes


def test_one_cycle_with_mec_weights() -> None:
    (note,) = nhanes_notes(["2013-2014"])
    assert note.startswith("cycles 2013-2014; MEC weights WTMEC2YR divided by 1;")


def test_dietary_weights_and_the_assay_change_when_pooling_across_it() -> None:
    notes = nhanes_notes(["2003-2004", "2013-2014"], diet=True)
    assert "WTDRD1" in notes[0]
    assert "divided by 2" in notes[0]
    assert "radioassay" in notes[1]
    assert len(nhanes_notes(["2011-2012", "2013-2014"])) == 1
