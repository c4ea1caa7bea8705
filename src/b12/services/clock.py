"""Today's date for the live interfaces (CDS Hooks, the web app, REST): one clock tests can set.

A live system judges a record as of the day it is asked, so a result older than the core's
current-result window is history (test again), whatever the record's latest date; a person file
describes one visit and keeps its own default (services.assess.assessment_date). The date is the
machine's, unless ``B12_TODAY`` sets it (tests and demonstrations: a server in a subprocess).
Callers use ``clock.today()`` through this module, so an in-process test can also replace it
(``monkeypatch.setattr(clock, "today", ...)``).
"""

from __future__ import annotations

import datetime as dt

from b12.settings import Settings, get_settings


def today(settings: Settings | None = None) -> dt.date:
    """``B12_TODAY`` (of ``settings``, else of the environment), else the machine's local date."""
    return (settings or get_settings()).today or dt.date.today()
