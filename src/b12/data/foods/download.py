"""Fetch the official FoodData Central archive (for users with internet).

The URL is configurable (``--url`` or ``$B12_FDC_URL``); the default is the SR Legacy CSV archive
published on the FDC "Download Datasets" page. The file is written next to its destination under a
temporary name, checked to be a zip archive holding ``food.csv``, and only then renamed into place,
so an interrupted or wrong download never replaces a good file.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable
from pathlib import Path

from b12.errors import DataFileError
from b12.settings import DEFAULT_FDC_URL as DEFAULT_FDC_URL
from b12.settings import get_settings

CHUNK_BYTES = 1 << 16
TIMEOUT_S = 60.0

DownloadProgress = Callable[[int, int | None], None]  # (bytes so far, total bytes or None)


def fdc_url() -> str:
    """``$B12_FDC_URL`` if set, else the official SR Legacy CSV archive."""
    return get_settings().fdc_url


def download(url: str, destination: Path, progress: DownloadProgress | None = None) -> Path:
    """Download ``url`` to ``destination`` (a file or a folder); return the file."""
    if destination.is_dir():
        name = Path(urllib.request.url2pathname(url.rsplit("/", 1)[-1])).name or "fdc.zip"
        destination = destination / name
    destination.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".b12-download-", dir=destination.parent)
    partial = Path(temporary)
    try:
        with os.fdopen(handle, "wb") as out, urllib.request.urlopen(url, timeout=TIMEOUT_S) as resp:
            length = resp.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else None
            done = 0
            while chunk := resp.read(CHUNK_BYTES):
                out.write(chunk)
                done += len(chunk)
                if progress is not None:
                    progress(done, total)
        _check_archive(partial, url)
        shutil.move(partial, destination)
    except DataFileError:
        raise
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise DataFileError(f"download of {url} failed: {exc}") from exc
    finally:
        partial.unlink(missing_ok=True)
    return destination


def _check_archive(path: Path, url: str) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            names = [Path(n).name for n in archive.namelist()]
    except zipfile.BadZipFile:
        raise DataFileError(f"{url}: the download is not a zip archive") from None
    if "food.csv" not in names:
        raise DataFileError(f"{url}: the archive holds no food.csv (not an FDC CSV download)")
