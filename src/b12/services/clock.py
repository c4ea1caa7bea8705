"""Today's date for every interface (CLI, CDS Hooks, the web app, REST): one clock tests can set.

An assessment is of the day it is asked, so a result older than the core's current-result window
is history (test again), whatever the record's latest date; a person file or record with
``assessed_on`` is of that visit (services.assess.assessment_date). The date is the machine's,
unless ``B12_TODAY`` sets it (tests and demonstrations; the test suite fixes it).
Callers use ``clock.today()`` through this module, so an in-process test can also replace it
(``monkeypatch.setattr(clock, "today", ...)``).
"""

from __future__ import annotations

import datetime as dt

from b12.settings import Settings, get_settings


def today(settings: Settings | None = None) -> dt.date:
    """``B12_TODAY`` (of ``settings``, else of the environment), else the machine's local date."""
    return (settings or get_settings()).today or dt.date.today()


def fixed_date_warning(settings: Settings | None = None) -> str | None:
    """A warning for a server started with ``B12_TODAY`` set, or None: every record would be
    judged as of that date, so a result that is history today could read as current."""
    fixed = (settings or get_settings()).today
    if fixed is None:
        return None
    return (
        f"warning: B12_TODAY is set to {fixed.isoformat()}: every record is judged as of that "
        "date, not today's. For tests and demonstrations only; unset it in production."
    )
