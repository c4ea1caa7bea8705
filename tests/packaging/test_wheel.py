"""The package as a user gets it: the sdist and wheel built from the checkout, the wheel installed
with no extras in a clean venv outside the checkout, and every command either working or naming
the extra it needs (exit code 4, the `pip install` line).

Slow by nature (a build and an install, about a minute with pip's cache); it runs in CI and in
`.ci/run`, and installs only from the pinned constraints.
"""

from __future__ import annotations

import email
import os
import subprocess
import sys
import tarfile
import venv
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import b12
from b12.cli.main import EXIT_MISSING_EXTRA, EXIT_OK
from tests.conftest import EXAMPLES, NHANES, REPO, SHARED_DATA, require

pytestmark = pytest.mark.slow

# The default install serves these; our target for its size (issue 17).
MAX_SITE_PACKAGES_MB = 200


@dataclass(frozen=True)
class Dist:
    sdist: Path
    wheel: Path


@dataclass(frozen=True)
class Installed:
    bin: Path
    site_packages: Path
    env: dict[str, str]
    home: Path


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Dist:
    out = tmp_path_factory.mktemp("dist")
    build = [sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", str(out), str(REPO)]
    subprocess.run(build, check=True, capture_output=True, text=True)
    return Dist(next(out.glob("*.tar.gz")), next(out.glob("*.whl")))


@pytest.fixture(scope="module")
def installed(dist: Dist, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    """The wheel, no extras, in a fresh venv; HOME and the data folders are a temporary folder so
    that nothing is written into the user's own b12 folders."""
    home = tmp_path_factory.mktemp("home")
    env_dir = home / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / "bin"
    pip = [str(bin_dir / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    subprocess.run(
        [*pip, "-c", str(REPO / "constraints.txt"), str(dist.wheel)], check=True, cwd=home
    )
    env = {
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "LANG": "C.UTF-8",
    }
    site = next((env_dir / "lib").glob("python3*/site-packages"))
    yield Installed(bin_dir, site, env, home)


def _b12(installed: Installed, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(installed.bin / "b12"), *args],
        capture_output=True, text=True, env=installed.env, cwd=installed.home, timeout=120,
    )  # fmt: skip


def test_sdist_holds_the_tests_docs_and_examples(dist: Dist) -> None:
    with tarfile.open(dist.sdist) as sdist:
        top = {Path(name).parts[1] for name in sdist.getnames() if len(Path(name).parts) > 1}
    assert {"tests", "docs", "examples", "constraints.txt", "LICENSE", "src"} <= top


def test_wheel_metadata(dist: Dist) -> None:
    with zipfile.ZipFile(dist.wheel) as wheel:
        name = next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
        meta = email.message_from_bytes(wheel.read(name))
    assert meta["License-Expression"] == "MIT"
    versions = {c for c in meta.get_all("Classifier") if c.startswith("Programming Language")}
    assert {f"Programming Language :: Python :: 3.{v}" for v in (11, 12, 13)} <= versions
    extras = set(meta.get_all("Provides-Extra"))
    assert {"web", "pdf", "plot", "cohort", "spark", "postgres", "menu", "all"} <= extras
    urls = {url.split(",")[0] for url in meta.get_all("Project-URL")}
    assert urls == {"Repository", "Documentation", "Issues", "Changelog"}


def _megabytes(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1e6


def test_the_default_install_stays_small(installed: Installed) -> None:
    # pip and setuptools come with every venv; they are not b12's.
    own = _megabytes(installed.site_packages) - sum(
        _megabytes(p) for p in installed.site_packages.glob("pip*") if p.is_dir()
    )
    assert own <= MAX_SITE_PACKAGES_MB, f"{own:.0f} MB"


EXAMPLE = str(EXAMPLES / "vegan-low-holotc.yaml")
DIARY = str(EXAMPLES / "diaries" / "diary-omnivore.csv")
# Every command with the default install: it works (0), or exits 4 naming its extra.
COMMANDS: list[tuple[tuple[str, ...], int, str | None]] = [
    (("--help",), EXIT_OK, None),
    (("--version",), EXIT_OK, None),
    (("assess", EXAMPLE), EXIT_OK, None),
    (("assess", EXAMPLE, "--json"), EXIT_OK, None),
    (("cb12", "--b12", "300 pg/mL", "--holotc", "60", "--mma", "0.2", "--hcy", "10", "--age", "60"),
     EXIT_OK, None),
    (("schema",), EXIT_OK, None),
    (("rules", "nice-ng239"), EXIT_OK, None),
    (("foods", "search", "salmon"), EXIT_OK, None),
    (("intake", DIARY, "--age", "60"), EXIT_OK, None),
    (("intake", DIARY, "--age", "60", "--plot", "intake.png"), EXIT_MISSING_EXTRA, "plot"),
    (("assess", EXAMPLE, "--report", "report.html"), EXIT_MISSING_EXTRA, "pdf"),
    (("assess", EXAMPLE, "--report", "report.pdf"), EXIT_MISSING_EXTRA, "pdf"),
    (("serve",), EXIT_MISSING_EXTRA, "web"),
    (("users", "create", "someone"), EXIT_MISSING_EXTRA, "web"),
    (("users", "list"), EXIT_MISSING_EXTRA, "web"),
    (("db", "upgrade"), EXIT_MISSING_EXTRA, "web"),
    (("cohort", "nhanes", str(NHANES / "2013-2014")), EXIT_MISSING_EXTRA, "cohort"),
    (("cohort", "run", "cohort.csv", "--map", "b=b12"), EXIT_MISSING_EXTRA, "cohort"),
]  # fmt: skip


def _id(value: object) -> str | None:
    return " ".join(value) if isinstance(value, tuple) else None


@pytest.mark.parametrize(("args", "code", "extra"), COMMANDS, ids=_id)
def test_every_command_works_or_names_its_extra(
    installed: Installed, args: tuple[str, ...], code: int, extra: str | None
) -> None:
    done = _b12(installed, *args)
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    if extra is not None:
        assert f"pip install 'b12[{extra}]'" in done.stderr


def test_food_import_needs_no_extra(installed: Installed) -> None:
    sr28 = require(SHARED_DATA / "usda-sr28")
    done = _b12(installed, "foods", "import", "usda-sr28", str(sr28))
    assert done.returncode == EXIT_OK, done.stderr
    assert (installed.home / "data" / "b12" / "foods.sqlite").exists()  # never the user's own


def test_the_python_api_works_and_cohort_names_its_extra(installed: Installed) -> None:
    code = (
        "import b12\n"
        f"print(b12.assess({EXAMPLE!r}).status.judgment.level.value)\n"
        "import b12.cohort\n"
        "try:\n"
        "    b12.cohort.nhanes('.')\n"
        "except b12.B12Error as exc:\n"
        "    print(exc)\n"
    )
    done = subprocess.run(
        [str(installed.bin / "python"), "-c", code],
        capture_output=True, text=True, env=installed.env, cwd=installed.home, check=True,
    )  # fmt: skip
    level, message = done.stdout.splitlines()
    assert level == b12.assess(EXAMPLE).status.judgment.level.value
    assert "pip install 'b12[cohort]'" in message
