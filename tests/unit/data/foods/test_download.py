"""`download` against local files only: a file:// URL and a local HTTP server, never the web."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from b12.data.foods.download import DEFAULT_FDC_URL, download, fdc_url
from b12.data.foods.fdc import read_fdc
from b12.errors import DataFileError
from b12.settings import get_settings
from tests.foods_support import fdc_zip


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    folder = tmp_path / "www"
    folder.mkdir()
    fdc_zip(folder / "FoodData_Central_sr_legacy_food_csv_2018-04.zip")
    (folder / "broken.zip").write_bytes(b"PK\x03\x04 broken")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", folder
    finally:
        server.shutdown()
        server.server_close()


def test_download_from_a_local_http_server(served: tuple[str, Path], tmp_path: Path) -> None:
    base, _ = served
    seen: list[tuple[int, int | None]] = []
    path = download(f"{base}/FoodData_Central_sr_legacy_food_csv_2018-04.zip", tmp_path,
                    lambda done, total: seen.append((done, total)))  # fmt: skip
    assert path.name == "FoodData_Central_sr_legacy_food_csv_2018-04.zip"
    assert len(read_fdc(path)) == 4
    assert seen and seen[-1][0] == seen[-1][1] == path.stat().st_size


def test_download_from_a_file_url(tmp_path: Path) -> None:
    archive = fdc_zip(tmp_path / "src" / "fdc.zip")
    target = tmp_path / "out" / "saved.zip"
    assert download(archive.as_uri(), target) == target
    assert target.read_bytes() == archive.read_bytes()


def test_a_bad_download_never_replaces_a_good_file(served: tuple[str, Path], tmp_path: Path
                                                   ) -> None:  # fmt: skip
    base, _ = served
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "fdc.zip"
    target.write_bytes(b"the good file")
    with pytest.raises(DataFileError, match="not a zip archive"):
        download(f"{base}/broken.zip", target)
    with pytest.raises(DataFileError, match=r"download of .* failed"):
        download(f"{base}/missing.zip", target)
    assert target.read_bytes() == b"the good file"
    assert [p.name for p in target.parent.iterdir()] == ["fdc.zip"]  # no partial file left


def test_url_is_configurable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("B12_FDC_URL", raising=False)
    assert fdc_url() == DEFAULT_FDC_URL
    monkeypatch.setenv("B12_FDC_URL", "file:///tmp/x.zip")
    get_settings.cache_clear()  # the settings are read once per process
    assert fdc_url() == "file:///tmp/x.zip"
