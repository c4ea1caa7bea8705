"""The records store: persons, lab results, measurements and assessments over time (SQLAlchemy 2).

SQLite in the user's data directory by default; PostgreSQL (psycopg 3) by URL. Schema changes ship
as Alembic migrations inside the package (:mod:`b12.data.store.migrate`).
"""

from b12.data.store.engine import DATABASE_URL_ENV, Store, default_database_url, records_url
from b12.data.store.migrate import upgrade

__all__ = ["DATABASE_URL_ENV", "Store", "default_database_url", "records_url", "upgrade"]
