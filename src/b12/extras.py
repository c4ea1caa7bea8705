"""Optional parts of b12 and the ``pip install`` extra each needs (pyproject.toml's extras).

The default install serves ``assess``, ``cb12``, ``schema``, ``rules``, ``foods`` and ``intake``.
Everything else needs an extra; a command that reaches a missing one raises
:class:`~b12.errors.MissingExtraError` naming the line to run (the CLI exits with code 4), never
an "internal error".
"""

from __future__ import annotations

from importlib.util import find_spec

from b12.errors import MissingExtraError

# The modules each extra installs (pyproject.toml's [project.optional-dependencies]).
MODULES_OF_EXTRA: dict[str, tuple[str, ...]] = {
    "web": (
        "fastapi", "starlette", "uvicorn", "sqlalchemy", "alembic", "itsdangerous",
        "python_multipart", "jwt", "httpx", "jinja2",
    ),
    "pdf": ("jinja2", "weasyprint"),
    "plot": ("matplotlib",),
    "cohort": ("duckdb", "ibis", "pandas", "pyarrow", "numpy", "scipy", "matplotlib"),
    "spark": ("pyspark",),
    "postgres": ("psycopg",),
    "menu": ("numpy", "scipy", "highspy"),
}  # fmt: skip
# The extra to name when a command stops at a missing module (a later extra wins: jinja2 is
# "pdf", matplotlib "plot", NumPy and SciPy "cohort").
EXTRA_OF_MODULE: dict[str, str] = {
    module: extra
    for extra in ("menu", "postgres", "spark", "cohort", "web", "plot", "pdf")
    for module in MODULES_OF_EXTRA[extra]
}
# What each extra is for, in the words of the error message.
PURPOSE = {
    "web": "the web app, REST API and CDS Hooks service (b12 serve, users, db)",
    "pdf": "printable reports (--report)",
    "plot": "PNG charts (--plot)",
    "cohort": "cohort analytics (b12 cohort, b12.cohort)",
    "spark": "cohorts on Apache Spark (--engine spark)",
    "postgres": "records in PostgreSQL (--database-url postgresql+psycopg://...)",
    "menu": "the menu planner's solver (HiGHS through highspy)",
}


def install_line(extra: str) -> str:
    """The command that installs an extra, and the one for a source checkout, whose pinned
    versions (constraints.txt) are the ones tested (README's install line)."""
    return (
        f"pip install 'b12[{extra}]' (in a b12 checkout: "
        f"pip install -c constraints.txt '.[{extra}]')"
    )


def _error(extra: str, module: str) -> MissingExtraError:
    return MissingExtraError(
        f"{PURPOSE[extra]} needs the '{extra}' extra ({module} is not installed): "
        f"{install_line(extra)}",
        extra=extra,
    )


def missing_extra(module: str) -> MissingExtraError | None:
    """The error for a missing optional module, or None when no extra provides it (a real bug)."""
    extra = EXTRA_OF_MODULE.get(module.partition(".")[0])
    return None if extra is None else _error(extra, module)


def require(extra: str) -> None:
    """Raise :class:`MissingExtraError` naming ``extra`` unless all its modules can be imported."""
    for module in MODULES_OF_EXTRA[extra]:
        if find_spec(module) is None:
            raise _error(extra, module)
