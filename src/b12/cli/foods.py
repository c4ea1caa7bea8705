"""`b12 foods ...` (search, import, download) and `b12 intake`: parse, call, format."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from b12.reports.intake import foods_document, foods_table, intake_document, intake_report
from b12.reports.intake import plot_intake as draw_plot
from b12.services import foods as service
from b12.services.intake import intake_file

out = Console()
err = Console(stderr=True)

foods_app = typer.Typer(
    help="Food composition: search foods, import USDA data, download FoodData Central.",
    no_args_is_help=True,
)
import_app = typer.Typer(help="Import official USDA food composition files.", no_args_is_help=True)
foods_app.add_typer(import_app, name="import")

StoreOption = Annotated[
    Path | None,
    typer.Option(
        "--store",
        help="Food store (SQLite) to use; default: B12_FOOD_STORE, else foods.sqlite in the user "
        "data folder.",
        show_default=False,
    ),
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]


def _print_json(data: Any) -> None:
    out.print_json(json.dumps(data, ensure_ascii=False), indent=2)


@contextmanager
def _progress(total_label: str) -> Iterator[Callable[[str, int], None]]:
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
        console=err, transient=True, disable=not err.is_terminal,
    ) as bar:  # fmt: skip
        task = bar.add_task(total_label)

        def update(stage: str, lines: int) -> None:
            bar.update(task, description=f"{total_label}: {stage} {lines:,} lines")

        yield update


@foods_app.command("search")
def search(
    query: Annotated[str, typer.Argument(help="Food name (typos are fine) or an id: ndb:01077.")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=100, help="Hits.")] = 10,
    store: StoreOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Find foods with their B12 per 100 g and household portions.

    Example: b12 foods search "salmon"
    """
    matches = service.search_foods(query, limit=limit, store=store)
    if as_json:
        _print_json(foods_document(matches))
    elif not matches:
        out.print(f"no food matches {query!r}")
    else:
        out.print(foods_table(matches))


def _imported(summary: service.ImportSummary) -> None:
    out.print(
        f"imported {summary.foods:,} foods ({summary.with_b12:,} with a B12 value) from "
        f"{summary.origin} into {summary.store}"
    )


@import_app.command("usda-sr28")
def import_sr28(
    directory: Annotated[Path, typer.Argument(help="Folder of the SR28 ASCII release.")],
    store: StoreOption = None,
) -> None:
    """Import the USDA SR28 ASCII release (NUT_DATA.txt or NUT_DATA.7z) into the food store."""
    with _progress("reading SR28") as progress:
        _imported(service.import_usda_sr28(directory, store=store, progress=progress))


@import_app.command("fdc")
def import_fdc(
    location: Annotated[Path, typer.Argument(help="FoodData Central CSV folder or zip archive.")],
    store: StoreOption = None,
) -> None:
    """Import a FoodData Central CSV download (SR Legacy, Foundation, FNDDS) into the store."""
    with _progress("reading FDC") as progress:
        _imported(service.import_fdc_download(location, store=store, progress=progress))


@foods_app.command("download")
def download(
    destination: Annotated[
        Path, typer.Argument(help="File or folder to save the archive in.")
    ] = Path(),
    url: Annotated[
        str | None,
        typer.Option(
            "--url",
            help="Archive URL (default: B12_FDC_URL, else the SR Legacy CSV archive).",
            show_default=False,
        ),
    ] = None,
    and_import: Annotated[
        bool, typer.Option("--import", help="Import the archive into the store afterwards.")
    ] = False,
    store: StoreOption = None,
) -> None:
    """Download the official FoodData Central archive (needs internet).

    Example: b12 foods download ~/Downloads --import
    """
    with Progress(
        TextColumn("downloading"), BarColumn(), DownloadColumn(), console=err, transient=True,
        disable=not err.is_terminal,
    ) as bar:  # fmt: skip
        task = bar.add_task("download", total=None)
        path = service.download_fdc(
            destination, url=url,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )  # fmt: skip
    out.print(f"saved {path}")
    if and_import:
        _imported(service.import_fdc_download(path, store=store))


def intake(
    diary: Annotated[
        Path | None,
        typer.Argument(
            help="Diary: CSV, JSON or YAML (date, meal, food, amount), or a Cronometer servings "
            "export. See docs/intake.md. Optional when the --person file has a diary.",
            show_default=False,
        ),
    ] = None,
    person: Annotated[
        Path | None,
        typer.Option(
            "--person", help="Person file: age, life stage and conditions.", show_default=False
        ),
    ] = None,
    age: Annotated[
        float | None,
        typer.Option("--age", help="Age in years (without --person).", show_default=False),
    ] = None,
    pregnant: Annotated[bool, typer.Option("--pregnant", help="Pregnant.")] = False,
    lactating: Annotated[bool, typer.Option("--lactating", help="Breastfeeding.")] = False,
    malabsorption: Annotated[
        bool,
        typer.Option(
            "--malabsorption", help="Intrinsic-factor route lost (e.g. pernicious anaemia)."
        ),
    ] = False,
    plot: Annotated[
        Path | None,
        typer.Option("--plot", help="Write a PNG chart of daily intake.", show_default=False),
    ] = None,
    store: StoreOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Daily B12 intake from a food diary: natural, added and supplement; absorbed; vs the RDA.

    Example: b12 intake examples/diaries/diary-omnivore.csv --age 60 --plot intake.png
    """
    result = intake_file(
        diary, person_path=person, store=service.existing_store(store), age_years=age,
        pregnant=pregnant, lactating=lactating, malabsorption=malabsorption,
    )  # fmt: skip
    if plot is not None:
        draw_plot(result, plot)
    if as_json:
        _print_json(intake_document(result))
    else:
        out.print(intake_report(result))
        if plot is not None:
            out.print(f"chart written to {plot}")
