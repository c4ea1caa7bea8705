"""The `b12` command: parse, call a service, format. Errors become exit codes in one place."""

from __future__ import annotations

import inspect
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any, Protocol, TypeVar

import typer
from rich.console import Console

from b12 import __version__
from b12.cli import cohort as cohort_cli
from b12.cli import menu as menu_cli
from b12.cli import serve
from b12.cli.foods import foods_app, intake
from b12.core.catalog import all_rules
from b12.core.muscle.model import Criteria
from b12.data.person_file import person_json_schema
from b12.errors import (
    B12Error,
    DataFileError,
    InputError,
    MissingExtraError,
    NotFoundError,
    StoreUnavailableError,
)
from b12.extras import missing_extra
from b12.reports.import_notes import notes_document, notes_table
from b12.reports.json_report import assessment_document, cb12_document, rule_entries
from b12.reports.terminal import assessment_report, cb12_report, rule_detail, rules_table
from b12.services.assess import assess_input, cb12_from_quantities, write_fhir
from b12.settings import get_settings
from b12.units import Analyte

EXIT_OK = 0
EXIT_INPUT = 2  # bad input: a file, option or value that does not fit
EXIT_DATA_FILE = 3  # a data file that is missing or unreadable
EXIT_MISSING_EXTRA = 4  # an optional part is not installed; the message names the pip install line
EXIT_UNAVAILABLE = 69  # the records database is down, read-only or full (EX_UNAVAILABLE)
EXIT_INTERNAL = 70  # a bug in b12 (EX_SOFTWARE)

app = typer.Typer(
    name="b12",
    help="Vitamin B12 status and muscle-health decision support, every result cited.\n\n"
    "Decision support, never a diagnosis: discuss results with a clinician.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)
out = Console()
err = Console(stderr=True, soft_wrap=True)
app.add_typer(cohort_cli.app, name="cohort")

JsonFlag = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]


def _print_json(data: Any) -> None:
    out.print_json(json.dumps(data, ensure_ascii=False), indent=2)


def _version(value: bool) -> None:
    if value:
        out.print(f"b12 {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Vitamin B12 status and muscle-health decision support."""


@app.command()
def assess(
    file: Annotated[
        Path,
        typer.Argument(
            help="Person file (.json, .yaml or .yml) with age, sex and labs in the units the lab "
            "printed, or a FHIR R4 Bundle (detected by its resourceType). See `b12 schema`, "
            "examples/ and docs/fhir.md.",
            show_default=False,
        ),
    ],
    as_json: JsonFlag = False,
    muscle_criteria: Annotated[
        Criteria,
        typer.Option(
            "--muscle-criteria",
            help="Sarcopenia criteria: ewgsop2 (default), awgs2019 or fnih.",
            case_sensitive=False,
        ),
    ] = Criteria.EWGSOP2,
    fhir_out: Annotated[
        Path | None,
        typer.Option(
            "--fhir-out",
            help="Also write the assessment as a FHIR R4 Bundle (JSON) to this file.",
            show_default=False,
        ),
    ] = None,
    local_codes: Annotated[
        Path | None,
        typer.Option(
            "--local-codes",
            help="FHIR input: a file of the site's own lab codes (labs: [{system, code, analyte}]; "
            "default: B12_LOCAL_CODES).",
            show_default=False,
        ),
    ] = None,
    report: Annotated[
        Path | None,
        typer.Option(
            "--report", help="Also write a printable report (.pdf or .html).", show_default=False
        ),
    ] = None,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose",
            "--rules",
            "-v",
            help="The full report: all evidence, every reading, screening and muscle details, "
            "and each rule with its source (default: a brief view).",
        ),
    ] = False,
) -> None:
    """Assess a person: B12 status, screening, muscle health and a personalised plan.

    Example: b12 assess examples/older-adult-probable-sarcopenia-low-b12.yaml --muscle-criteria awgs2019
    """
    assessed = assess_input(file, local_codes or get_settings().local_codes, muscle_criteria)
    if fhir_out is not None:
        write_fhir(assessed, fhir_out)
    if report is not None:
        from b12.services.reports import file_report  # loads WeasyPrint and Jinja2 only when asked

        file_report(assessed.input.person, assessed.assessment, file.name, report)
        err.print(f"report written to {report}", markup=False, highlight=False)
    notes = assessed.input.notes
    if as_json:
        document = assessment_document(assessed.assessment)
        if assessed.input.format == "fhir":
            document["fhir_import"] = {"unused": notes_document(notes)}
        _print_json(document)
    else:
        out.print(assessment_report(assessed.assessment, verbose=verbose))
        if notes:
            out.print(notes_table(notes))


def _marker(analyte: Analyte, canonical: str) -> Any:
    return typer.Option(
        f"--{analyte.value}",
        help=f"{analyte.value} with an optional unit, e.g. '250 pg/mL'; a bare number is in "
        f"{canonical}.",
        show_default=False,
    )


@app.command()
def cb12(
    b12: Annotated[str | None, _marker(Analyte.B12, "pmol/L")] = None,
    holotc: Annotated[str | None, _marker(Analyte.HOLOTC, "pmol/L")] = None,
    mma: Annotated[str | None, _marker(Analyte.MMA, "µmol/L")] = None,
    hcy: Annotated[str | None, _marker(Analyte.HCY, "µmol/L")] = None,
    age: Annotated[float, typer.Option("--age", help="Age in years.", show_default=False)] = ...,  # type: ignore[assignment]
    folate: Annotated[str | None, _marker(Analyte.FOLATE, "nmol/L")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Compute the combined indicator cB12 (Fedosov 2015) from the four markers and age.

    Example: b12 cb12 --b12 "300 pmol/L" --holotc 60 --mma "200 nmol/L" --hcy 10 --age 60
    """
    quantities = {Analyte.B12: b12, Analyte.HOLOTC: holotc, Analyte.MMA: mma, Analyte.HCY: hcy}
    if folate is not None:
        # Folate is validated but not used: the Fedosov folate correction is not available.
        cb12_from_quantities({Analyte.FOLATE: folate}, age)
    result = cb12_from_quantities(quantities, age)
    if as_json:
        _print_json(cb12_document(result))
    else:
        out.print(cb12_report(result))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the person file."""
    _print_json(person_json_schema())


serve.register(app)  # serve, users, db: the web app and its records


@app.command("rules")
def list_rules(
    rule_id: Annotated[
        str | None,
        typer.Argument(
            metavar="[RULE]",
            help="A rule id, or the start of one (nice-ng239): show only those rules; one exact "
            "id shows the rule in full, with its module file and its tests.",
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """List every rule b12 knows: the module that declares it, its evidence level and source.

    Example: b12 rules nice-ng239.total-b12
    """
    prefix = rule_id or ""
    ids = sorted(i for i in all_rules() if i.startswith(prefix))
    if not ids:
        raise InputError(f"no rule id starts with {prefix[:80]!r}; `b12 rules` lists them all")
    if as_json:
        _print_json(rule_entries(ids))
    elif ids == [prefix]:
        out.print(rule_detail(prefix))
    else:
        out.print(rules_table(ids, with_module=True))


app.add_typer(foods_app, name="foods")
app.command()(intake)
app.command()(menu_cli.menu)


def exit_code(exc: B12Error) -> int:
    """The exit code for a b12 error: the one place errors map to codes."""
    if isinstance(exc, DataFileError):
        return EXIT_DATA_FILE
    if isinstance(exc, InputError | NotFoundError):  # a record named on the command line is absent
        return EXIT_INPUT
    if isinstance(exc, StoreUnavailableError):
        return EXIT_UNAVAILABLE
    if isinstance(exc, MissingExtraError):
        return EXIT_MISSING_EXTRA
    return EXIT_INTERNAL


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code; never lets a traceback reach the user.

    Usage errors (unknown option, missing value) are reported by Typer itself with exit code 2.
    """
    command = _unwrapped(typer.main.get_command(app))
    try:
        get_settings()  # a bad B12_* value stops every command here, naming the variable
        command.main(args=list(argv) if argv is not None else None, prog_name="b12")
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (EXIT_OK if exc.code is None else 1)
    except B12Error as exc:
        err.print(f"error: {exc}", markup=False, highlight=False)
        return exit_code(exc)
    except ModuleNotFoundError as exc:  # an optional dependency a command needs: name its extra
        missing = missing_extra(exc.name or "")
        if missing is None:
            return _internal_error()
        err.print(f"error: {missing}", markup=False, highlight=False)
        return EXIT_MISSING_EXTRA
    except Exception:
        return _internal_error()
    return EXIT_OK


# A line that starts a list item or an example keeps its own line.
_OWN_LINE = re.compile(r"\s|[-•*] |\d+[.)] |\$ |b12 ")


def unwrap(text: str) -> str:
    """A docstring's paragraphs as single lines (a list item or indented line keeps its own): Typer
    keeps the source's line breaks, so at 80 columns help broke mid-sentence."""
    paragraphs = []
    for paragraph in inspect.cleandoc(text).split("\n\n"):
        lines = paragraph.split("\n")
        if paragraph.startswith("\b"):
            paragraphs.append(paragraph)
            continue
        joined = lines[0]
        for line in lines[1:]:
            joined += ("\n" if _OWN_LINE.match(line) else " ") + line
        paragraphs.append(joined)
    return "\n\n".join(paragraphs)


class _Helped(Protocol):
    help: str | None


_Command = TypeVar("_Command", bound=_Helped)


def _unwrapped(command: _Command) -> _Command:
    """``command`` and its subcommands with their help unwrapped (:func:`unwrap`)."""
    if command.help:
        command.help = unwrap(command.help)
    for sub in getattr(command, "commands", {}).values():
        _unwrapped(sub)
    return command


def _debug() -> bool:
    """B12_DEBUG is set (a bad value of it was already refused when the command started)."""
    try:
        return get_settings().debug
    except InputError:
        return False


def _internal_error() -> int:
    """A bug: one line for the user (called while the exception is handled; B12_DEBUG re-raises it)."""
    if _debug():
        raise
    err.print("internal error in b12 (set B12_DEBUG=1 to see details); please report it")
    return EXIT_INTERNAL


def run() -> None:
    """Console-script entry point: every file b12 writes is the user's alone (umask 077)."""
    os.umask(0o077)  # reports, exports, databases and stores hold personal data
    sys.exit(main())
