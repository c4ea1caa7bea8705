"""An unexpected database error never carries the row's values (which a server log would keep)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from b12.data.store.engine import make_engine


def test_integrity_error_message_hides_the_parameters(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE t (label TEXT UNIQUE)"))
        connection.execute(text("INSERT INTO t VALUES (:label)"), {"label": "SECRET-LABEL-7"})
    with pytest.raises(IntegrityError) as info, engine.begin() as connection:
        connection.execute(text("INSERT INTO t VALUES (:label)"), {"label": "SECRET-LABEL-7"})
    assert "SECRET-LABEL-7" not in str(info.value)
    engine.dispose()
