"""Food use cases: search, import official USDA files into the store, download FDC."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import b12.data.foods as foods
from b12.core.diet.food import Food, Match
from b12.data.foods.download import DownloadProgress, download, fdc_url
from b12.data.foods.search import NOT_IN_TABLE, search_note
from b12.data.foods.sr28 import Progress
from b12.errors import InputError

MAX_QUERY_CHARS = 200


@dataclass(frozen=True)
class ImportSummary:
    """What an import did, and where."""

    store: Path
    origin: str
    foods: int
    with_b12: int


def store_path(store: Path | None) -> Path:
    """The store given, else ``$B12_FOOD_STORE``, else the user data folder."""
    return store if store is not None else foods.default_store_path()


def existing_store(store: Path | None) -> Path | None:
    """The store path if that store exists (else None: use the bundled table)."""
    path = store_path(store)
    return path if path.is_file() else None


def search_foods(query: str, *, limit: int = 10, store: Path | None = None) -> list[Match]:
    """Foods matching ``query``, from the store if imported, else from the bundled table."""
    if not query.strip() or len(query) > MAX_QUERY_CHARS:
        raise InputError(f"give a food name of 1-{MAX_QUERY_CHARS} characters", field="query")
    if "\x00" in query:
        raise InputError("contains a NUL character (\\u0000)", field="query")
    return foods.load_index(existing_store(store)).search(query, limit=limit)


def import_usda_sr28(
    directory: Path, *, store: Path | None = None, progress: Progress | None = None
) -> ImportSummary:
    """Import an SR28 ASCII folder into the store (transactional, idempotent)."""
    path = store_path(store)
    done = foods.import_sr28(directory, path, progress)
    return ImportSummary(path, done.origin, done.foods, done.with_b12)


def import_fdc_download(
    location: Path, *, store: Path | None = None, progress: Progress | None = None
) -> ImportSummary:
    """Import an FDC CSV folder or zip into the store (transactional, idempotent)."""
    path = store_path(store)
    done = foods.import_fdc(location, path, progress)
    return ImportSummary(path, done.origin, done.foods, done.with_b12)


def download_fdc(
    destination: Path, *, url: str | None = None, progress: DownloadProgress | None = None
) -> Path:
    """Download the FDC archive (``url`` or the configured default) to ``destination``."""
    return download(url or fdc_url(), destination, progress)


def search_message(query: str, matches: list[Match]) -> str:
    """What the food search says beside its results: a product the table lacks or holds only in
    another form, or that nothing matched (never a near match instead)."""
    note = search_note(query)
    if note or matches:
        return note
    return f"“{query.strip()}”: {NOT_IN_TABLE}"


def food_named(text: str, *, store: Path | None = None) -> Food | None:
    """The food a diary entry names (an id or its exact name), for its portions; None if unclear."""
    if not text.strip() or len(text) > MAX_QUERY_CHARS or "\x00" in text:
        return None
    return foods.load_index(existing_store(store)).resolve(text)
