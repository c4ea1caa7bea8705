"""Alembic migration scripts of the records store."""
