"""Reader for the USDA National Nutrient Database for Standard Reference, Release 28 (ASCII).

Format (SR28 documentation, chapter 3): one record a line, fields delimited by ``^``, text fields
wrapped in ``~``, CRLF line ends, latin-1 encoding. ``NUT_DATA`` may arrive as ``NUT_DATA.txt`` or
7-Zipped as ``NUT_DATA.7z`` (unpacked with py7zr). b12 keeps vitamin B12 (nutrient 418, µg per
100 g) and added vitamin B12 (578, µg per 100 g) and the household weights of ``WEIGHT.txt``.

Cite: U.S. Department of Agriculture, Agricultural Research Service. USDA National Nutrient Database
for Standard Reference, Release 28.
"""

from __future__ import annotations

import errno
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from b12.core.diet.food import Food, Portion
from b12.errors import DataFileError

SOURCE = "usda-sr28"
NUTRIENT_B12 = "418"
NUTRIENT_B12_ADDED = "578"
ENCODING = "latin-1"
# Fields per record in the SR28 layout; a line with another count is a broken file.
FIELDS = {"FOOD_DES": 14, "FD_GROUP": 2, "NUT_DATA": 18, "WEIGHT": 7}

# A write that fails for lack of room or permission, not because the archive is broken.
_NO_ROOM = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT, errno.EROFS, errno.EACCES})

Progress = Callable[[str, int], None]  # (stage, lines read so far)


def _field(raw: str) -> str | None:
    if raw.startswith("~") and raw.endswith("~") and len(raw) >= 2:
        return raw[1:-1]
    return raw or None


def parse_line(line: str, table: str, where: str) -> list[str | None]:
    """Split one SR28 record; raise :class:`DataFileError` naming the file and line if malformed."""
    parts = line.rstrip("\r\n").split("^")
    if len(parts) != FIELDS[table]:
        raise DataFileError(
            f"{where}: expected {FIELDS[table]} '^'-delimited fields in {table}, got {len(parts)}"
        )
    return [_field(p) for p in parts]


def read_table(path: Path, table: str) -> Iterator[list[str | None]]:
    """Records of one SR28 file (skipping blank lines and a trailing end-of-file mark)."""
    try:
        with path.open(encoding=ENCODING, newline="") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip() or line.strip() == "\x1a":
                    continue
                yield parse_line(line, table, f"{path.name} line {number}")
    except DataFileError:
        raise
    except OSError as exc:
        raise DataFileError(f"{path.name}: cannot read ({exc.strerror or exc})") from exc


def _number(value: str | None, where: str) -> float | None:
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        raise DataFileError(f"{where}: {value!r} is not a number") from None


def _find(directory: Path, stem: str) -> Path | None:
    for candidate in directory.iterdir():
        if candidate.stem.upper() == stem and candidate.suffix.lower() == ".txt":
            return candidate
    return None


def _require(directory: Path, stem: str) -> Path:
    path = _find(directory, stem)
    if path is None:
        raise DataFileError(
            f"{directory.name}: {stem}.txt not found (is this the SR28 ASCII folder?)"
        )
    return path


def _b12_values(path: Path, progress: Progress | None) -> dict[str, dict[str, float | None]]:
    values: dict[str, dict[str, float | None]] = {}
    wanted = (f"^~{NUTRIENT_B12}~^", f"^~{NUTRIENT_B12_ADDED}~^")
    try:
        with path.open(encoding=ENCODING, newline="") as handle:
            for number, line in enumerate(handle, start=1):
                if progress is not None and number % 50_000 == 0:
                    progress("NUT_DATA", number)
                if not any(w in line for w in wanted):
                    if line.strip() and line.strip() != "\x1a" and line.count("^") != 17:
                        parse_line(line, "NUT_DATA", f"{path.name} line {number}")
                    continue
                record = parse_line(line, "NUT_DATA", f"{path.name} line {number}")
                ndb, nutrient = record[0] or "", record[1] or ""
                amount = _number(record[2], f"{path.name} line {number}")
                values.setdefault(ndb, {})[nutrient] = amount
    except DataFileError:
        raise
    except OSError as exc:
        raise DataFileError(f"{path.name}: cannot read ({exc.strerror or exc})") from exc
    return values


def _nut_data(directory: Path, progress: Progress | None) -> dict[str, dict[str, float | None]]:
    plain = _find(directory, "NUT_DATA")
    if plain is not None:
        return _b12_values(plain, progress)
    archive = next((p for p in directory.iterdir() if p.name.upper() == "NUT_DATA.7Z"), None)
    if archive is None:
        raise DataFileError(f"{directory.name}: neither NUT_DATA.txt nor NUT_DATA.7z found")
    import py7zr  # imported here: only SR28 imports need it

    with tempfile.TemporaryDirectory(prefix="b12-sr28-") as tmp:
        try:
            with py7zr.SevenZipFile(archive, mode="r") as seven:
                names = [n for n in seven.getnames() if Path(n).name.upper() == "NUT_DATA.TXT"]
                if not names:
                    raise DataFileError(f"{archive.name}: no NUT_DATA.txt inside")
                seven.extract(path=tmp, targets=names)
        except OSError as exc:
            if exc.errno in _NO_ROOM:  # the archive is fine; the temporary folder is full
                raise DataFileError(
                    f"{archive.name}: cannot unpack into {tempfile.gettempdir()} ({exc.strerror})"
                ) from exc
            raise DataFileError(f"{archive.name}: not a readable 7-Zip archive ({exc})") from exc
        except (py7zr.exceptions.Bad7zFile, EOFError) as exc:
            raise DataFileError(f"{archive.name}: not a readable 7-Zip archive ({exc})") from exc
        return _b12_values(Path(tmp) / names[0], progress)


def read_sr28(directory: Path, progress: Progress | None = None) -> list[Food]:
    """Every food of an SR28 ASCII folder with its B12, added B12 and household portions."""
    if not directory.is_dir():
        raise DataFileError(f"{directory}: not a folder")
    group_file = _require(directory, "FD_GROUP")
    groups = {r[0] or "": r[1] or "" for r in read_table(group_file, "FD_GROUP")}
    portions: dict[str, list[Portion]] = {}
    weight = _require(directory, "WEIGHT")
    for number, r in enumerate(read_table(weight, "WEIGHT"), start=1):
        where = f"{weight.name} record {number}"
        amount, grams = _number(r[2], where), _number(r[4], where)
        if amount is None or grams is None or not r[3]:
            raise DataFileError(f"{where}: amount, unit and grams are required")
        portions.setdefault(r[0] or "", []).append(Portion(amount, r[3], grams))
    nutrients = _nut_data(directory, progress)
    foods = []
    for r in read_table(_require(directory, "FOOD_DES"), "FOOD_DES"):
        ndb = r[0] or ""
        values = nutrients.get(ndb, {})
        foods.append(
            Food(
                source=SOURCE,
                food_id=ndb,
                name=r[2] or "",
                group=groups.get(r[1] or "", ""),
                ndb=ndb,
                b12_ug_per_100g=values.get(NUTRIENT_B12),
                b12_added_ug_per_100g=values.get(NUTRIENT_B12_ADDED),
                portions=tuple(portions.get(ndb, ())),
            )
        )
    if not foods:
        raise DataFileError(f"{directory.name}: FOOD_DES.txt holds no foods")
    return foods
