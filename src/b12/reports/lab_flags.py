"""The flag a lab prints beside a result (H, L, HH, LL, A), in words, for the pages and reports.

b12 keeps the flag and shows it to the clinician; its rules never read it: they read the value
against the reference range the lab printed.
"""

from __future__ import annotations

from b12.core.person import LabFlag

FLAG_WORDS: dict[LabFlag, str] = {
    "H": "high",
    "L": "low",
    "HH": "critically high",
    "LL": "critically low",
    "A": "abnormal",
}


def flag_text(flag: str | None) -> str:
    """A flag as shown beside a value, e.g. 'L (low)'; '' for none."""
    if not flag:
        return ""
    return f"{flag} ({FLAG_WORDS[flag]})" if flag in FLAG_WORDS else flag
