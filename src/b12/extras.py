"""Optional parts of b12 and the ``pip install`` extra each needs (pyproject.toml's extras).

The default install serves ``assess``, ``cb12``, ``schema``, ``rules``, ``foods`` and ``intake``.
Everything else needs an extra; a command that reaches a missing one raises
:class:`~b12.errors.MissingExtraError` naming the line to run (the CLI exits with code 4), never
an "internal error".
"""

from __future__ import annotations

from importlib.util import find_spec

from b12.errors import MissingExtraError

# The extra that provides each optional top-level module, and what it is for (docs/install.md).
EXTRA_OF_MODULE: dict[str, str] = {
    "fastapi": "web",
    "starlette": "web",
    "uvicorn": "web",
    "sqlalchemy": "web",
    "alembic": "web",
    "itsdangerous": "web",
    "python_multipart": "web",
    "jwt": "web",
    "httpx": "web",
    "jinja2": "pdf",
    "weasyprint": "pdf",
    "matplotlib": "plot",
    "duckdb": "cohort",
    "ibis": "cohort",
    "pandas": "cohort",
    "pyarrow": "cohort",
    "numpy": "cohort",
    "scipy": "cohort",
    "pyspark": "spark",
    "psycopg": "postgres",
}
# What each extra is for, in the words of the error message.
PURPOSE = {
    "web": "the web app, REST API and CDS Hooks service (b12 serve, users, db)",
    "pdf": "printable reports (--report)",
    "plot": "PNG charts (--plot)",
    "cohort": "cohort analytics (b12 cohort, b12.cohort)",
    "spark": "cohorts on Apache Spark (--engine spark)",
    "postgres": "records in PostgreSQL (--database-url postgresql+psycopg://...)",
}


def install_line(extra: str) -> str:
    """The command that installs an extra."""
    return f"pip install 'b12[{extra}]'"


def missing_extra(module: str) -> MissingExtraError | None:
    """The error for a missing optional module, or None when no extra provides it (a real bug)."""
    extra = EXTRA_OF_MODULE.get(module.partition(".")[0])
    if extra is None:
        return None
    return MissingExtraError(
        f"{PURPOSE[extra]} needs the '{extra}' extra ({module} is not installed): "
        f"{install_line(extra)}",
        extra=extra,
    )


def require(extra: str) -> None:
    """Raise :class:`MissingExtraError` unless every module of ``extra`` can be imported."""
    for module, provider in EXTRA_OF_MODULE.items():
        if provider == extra and find_spec(module) is None:
            error = missing_extra(module)
            assert error is not None
            raise error
