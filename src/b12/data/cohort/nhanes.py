"""Read NHANES cycles from the CDC's SAS transport (XPT) files into b12's canonical columns.

One folder per two-year cycle, holding the unmodified CDC files (``DEMO_H.XPT``, ``VITB12_H.XPT``,
...). Files are merged on ``SEQN`` starting from the demographics file, so every examined or
interviewed person stays in the design (domain estimation needs the whole design).

Canonical columns: ``seqn``, ``cycle``, ``age`` (years; ``age_topcoded`` true at NHANES's 80 =
"80 and over"), ``sex`` (``male``/``female``), ``pregnant``, ``weight`` (WTMEC2YR divided by the
number of cycles pooled: MEC weights for laboratory and examination data), ``stratum`` (SDMVSTRA),
``psu`` (SDMVPSU), ``b12`` (LBDB12SI, pmol/L), ``mma`` (µmol/L: LBXMMA in 2003-2004,
LBXMMASI nmol/L converted with :mod:`b12.units` in 2011-2014), ``mma_below_lod`` and
``b12_below_lod`` (true: the result was below the lower limit of detection and the value column
holds CDC's fill value LLOD/√2, rule ``nhanes.llod-fill``; from the comment code LBDMMALC, or for
B12 2013-2014 from the documented LLOD of 30 pg/mL; null where unknown),
``hcy`` (LBXHCY, µmol/L, 2003-2004), ``folate`` (LBDFOLSI, nmol/L, 2003-2004), ``holotc`` (always
null: NHANES never measured holotranscobalamin), ``grip_max`` (kg, the best of the six trials
MGXH1T1..MGXH2T3; MGDCGSZ is a sum of both hands and is never compared with cut-offs),
``height_m``, ``body_weight_kg``, ``bmi``; when the cycle folder holds them, ``creatinine``
(µmol/L, BIOPRO LBXSCR mg/dL × 88.4), ``hemoglobin`` (g/L, CBC LBXHGB g/dL × 10) and ``mcv``
(fL, LBXMCVSI), else empty (an error only for an analysis that uses them).

pandas reads SAS zeros as about 5.4e-79; values with |x| < 1e-70 are set to 0.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from b12.core.survey import detection_limits
from b12.core.survey.standards import NHANES_AGE_TOPCODE_YEARS
from b12.data.cohort import cache
from b12.data.cohort.kidney_blood import BLOOD_NAMES, KIDNEY_NAMES
from b12.errors import DataFileError
from b12.units import Analyte, find_unit

SAS_ZERO_BELOW = 1e-70  # pandas shows SAS's stored 0 as ~5.4e-79
DIET_COLUMNS = ("SEQN", "DR1TVB12", "DR1TB12A", "WTDRD1", "DR1DRSTZ")
GRIP_TRIALS = ("MGXH1T1", "MGXH1T2", "MGXH1T3", "MGXH2T1", "MGXH2T2", "MGXH2T3")

_NMOL_TO_UMOL = find_unit(Analyte.MMA, "nmol/L").to_canonical
_CREATININE_MG_DL = find_unit(Analyte.CREATININE, "mg/dL").to_canonical
_HAEMOGLOBIN_G_DL = find_unit(Analyte.HEMOGLOBIN, "g/dL").to_canonical


@dataclass(frozen=True)
class OptionalFile:
    """A laboratory file read when present and required only by the analyses that use it."""

    prefix: str
    description: str
    variables: tuple[str, ...]
    names: frozenset[str]  # the cohort columns and indicators that need it


OPTIONAL_FILES = (
    OptionalFile(
        "BIOPRO", "standard biochemistry profile (serum creatinine)", ("LBXSCR",), KIDNEY_NAMES
    ),
    OptionalFile(
        "CBC", "complete blood count (haemoglobin, MCV)", ("LBXHGB", "LBXMCVSI"), BLOOD_NAMES
    ),
)


@dataclass(frozen=True)
class CycleLayout:
    """The files of one cycle and how their variables map to canonical columns."""

    name: str
    suffix: str
    files: tuple[str, ...]
    columns: Callable[[pd.DataFrame], dict[str, pd.Series]]
    optional: tuple[str, ...] = ()  # prefixes of OPTIONAL_FILES b12 knows for this cycle


def _col(df: pd.DataFrame, name: str) -> pd.Series:
    if name in df.columns:
        return df[name].astype("float64")
    return pd.Series(np.nan, index=df.index, dtype="float64")


def _common(df: pd.DataFrame) -> dict[str, pd.Series]:
    sex = df["RIAGENDR"].map({1.0: "male", 2.0: "female"})
    return {
        "age": _col(df, "RIDAGEYR"),
        "age_topcoded": _col(df, "RIDAGEYR") >= NHANES_AGE_TOPCODE_YEARS,
        "sex": sex.astype("string"),
        "pregnant": _col(df, "RIDEXPRG") == 1.0,
        "weight": _col(df, "WTMEC2YR"),
        "stratum": df["SDMVSTRA"].astype("int64"),
        "psu": df["SDMVPSU"].astype("int64"),
        "b12": _col(df, "LBDB12SI"),
        "holotc": pd.Series(np.nan, index=df.index, dtype="float64"),
        "folate": _col(df, "LBDFOLSI"),
        "hcy": _col(df, "LBXHCY"),
        "grip_max": df.reindex(columns=list(GRIP_TRIALS)).astype("float64").max(axis=1),
        "creatinine": _col(df, "LBXSCR") * _CREATININE_MG_DL,  # mg/dL → µmol/L
        "hemoglobin": _col(df, "LBXHGB") * _HAEMOGLOBIN_G_DL,  # g/dL → g/L
        "mcv": _col(df, "LBXMCVSI"),  # fL
        "height_m": _col(df, "BMXHT") / 100.0,
        "body_weight_kg": _col(df, "BMXWT"),
        "bmi": _col(df, "BMXBMI"),
    }


def _unknown(df: pd.DataFrame) -> pd.Series:
    return pd.Series(pd.NA, index=df.index, dtype="boolean")


def _comment_code(df: pd.DataFrame, name: str) -> pd.Series:
    """A comment-code variable (1 = below the LLOD, value = LLOD/√2); null without a result."""
    if name not in df.columns:
        return _unknown(df)
    flag = _col(df, name)
    return (flag == 1.0).astype("boolean").mask(flag.isna())


def _cycle_2003(df: pd.DataFrame) -> dict[str, pd.Series]:
    cols = _common(df)
    cols["mma"] = _col(df, "LBXMMA")  # µmol/L in 1999-2004
    # L06NB_C and L06MH_C carry no comment codes and b12 has no LLOD for them: unknown.
    cols["mma_below_lod"] = _unknown(df)
    cols["b12_below_lod"] = _unknown(df)
    return cols


def _cycle_2011(df: pd.DataFrame) -> dict[str, pd.Series]:
    cols = _common(df)
    cols["mma"] = _col(df, "LBXMMASI") * _NMOL_TO_UMOL  # nmol/L in 2011-2014
    cols["mma_below_lod"] = _comment_code(df, "LBDMMALC")
    # VITB12_G has no comment code for B12 and its LLOD is not in b12's rule data: unknown.
    cols["b12_below_lod"] = _comment_code(df, "LBDB12LC")
    return cols


def _cycle_2013(df: pd.DataFrame) -> dict[str, pd.Series]:
    cols = _cycle_2011(df)
    if "LBDB12LC" not in df.columns:
        # VITB12_H has no comment code either, but its codebook gives the LLOD (30 pg/mL). The
        # Deming adjustment of LBDB12 moved the LLOD/√2 fill value (21.2 pg/mL) to 18 pg/mL,
        # still below the LLOD, so the flag is read off the pg/mL value.
        b12_pg_ml = _col(df, "LBDB12")
        below = b12_pg_ml < detection_limits.B12_LLOD_PG_ML_2013_2014
        cols["b12_below_lod"] = below.astype("boolean").mask(b12_pg_ml.isna())
    return cols


CYCLES: dict[str, CycleLayout] = {
    "C": CycleLayout("2003-2004", "C", ("DEMO_C", "L06NB_C", "L06MH_C"), _cycle_2003),
    "G": CycleLayout(
        "2011-2012",
        "G",
        ("DEMO_G", "VITB12_G", "MMA_G", "MGX_G", "BMX_G"),
        _cycle_2011,
        ("BIOPRO", "CBC"),
    ),
    "H": CycleLayout(
        "2013-2014",
        "H",
        ("DEMO_H", "VITB12_H", "MMA_H", "MGX_H", "BMX_H"),
        _cycle_2013,
        ("BIOPRO", "CBC"),
    ),
}


def _find(folder: Path, stem: str) -> Path | None:
    for candidate in (f"{stem}.XPT", f"{stem}.xpt"):
        if (folder / candidate).is_file():
            return folder / candidate
    return None


CDC_DATA_FILES = "https://wwwn.cdc.gov/Nchs/Data/Nhanes/Public/{year}/DataFiles/{stem}.xpt"
_SUFFIXED = re.compile(r"^[A-Z0-9_]+_([B-Z])\.XPT$")


def cycle_of_suffix(suffix: str) -> tuple[str, int]:
    """NHANES file suffix → cycle name and first year (B = 2001-2002, ..., H = 2013-2014)."""
    year = 1999 + 2 * (ord(suffix) - ord("A"))
    return f"{year}-{year + 1}", year


def detect_cycle(folder: Path) -> CycleLayout:
    """The cycle whose demographics file is in ``folder``.

    Without one, the error names the DEMO file of the cycle the folder's other files belong to
    (``L06_2_B.XPT`` → ``DEMO_B.XPT``, 2001-2002) and where the CDC publishes it.
    """
    if not folder.is_dir():
        raise DataFileError(f"NHANES folder not found: {folder}")
    for layout in CYCLES.values():
        if _find(folder, f"DEMO_{layout.suffix}") is not None:
            return layout
    readable = ", ".join(f"{c.name}" for c in CYCLES.values())
    files = sorted(p.name for p in folder.iterdir() if _SUFFIXED.match(p.name.upper()))
    suffixes = sorted({m.group(1) for name in files if (m := _SUFFIXED.match(name.upper()))})
    if len(suffixes) != 1:
        known = ", ".join(f"DEMO_{c.suffix}.XPT ({c.name})" for c in CYCLES.values())
        raise DataFileError(f"no NHANES demographics file in {folder}; expected one of: {known}")
    suffix = suffixes[0]
    cycle, year = cycle_of_suffix(suffix)
    demo = f"DEMO_{suffix}"
    if _find(folder, demo) is not None:
        raise DataFileError(
            f"NHANES {cycle} ({demo}.XPT in {folder}) is not a cycle b12 reads; it reads {readable}"
        )
    where = CDC_DATA_FILES.format(year=year, stem=demo)
    message = (
        f"NHANES {cycle} folder {folder} holds {', '.join(files)} but lacks {demo}.XPT, the "
        f"demographics file with age, sex, MEC weights, strata and PSUs that every estimate "
        f"needs; download it from the CDC: {where}"
    )
    if suffix not in CYCLES:
        message += f" (b12 reads {readable}; {cycle} is not in its NHANES layouts yet)"
    raise DataFileError(message)


def read_xpt(path: Path) -> pd.DataFrame:
    """Read one XPT file, turning SAS zeros (|x| < 1e-70) into 0."""
    try:
        df = pd.read_sas(path, format="xport")
    except (OSError, ValueError) as exc:
        raise DataFileError(f"cannot read {path}: {exc}") from None
    numeric = df.select_dtypes("number").columns
    values = df[numeric]
    df[numeric] = values.mask(values.abs() < SAS_ZERO_BELOW, 0.0)
    return df


def _diet(folder: Path, layout: CycleLayout) -> pd.DataFrame:
    """Day-1 dietary totals: the XPT file, or the CSV conversion (``.csv.zip``/``.csv``)."""
    stem = f"DR1TOT_{layout.suffix}"
    path = _find(folder, stem)
    if path is not None:
        raw = read_xpt(path)
    else:
        csv = next(
            (
                folder / f"{stem}{ext}"
                for ext in (".csv.zip", ".csv")
                if (folder / f"{stem}{ext}").is_file()
            ),
            None,
        )
        if csv is None:
            raise DataFileError(
                f"dietary variables need {stem}.XPT (or {stem}.csv.zip) in {folder}"
            )
        try:
            raw = pd.read_csv(csv, usecols=list(DIET_COLUMNS))
        except (OSError, ValueError) as exc:
            raise DataFileError(f"cannot read {csv}: {exc}") from None
    reliable = raw["DR1DRSTZ"] == 1.0  # 1 = reliable and met the minimum criteria
    return pd.DataFrame(
        {
            "SEQN": raw["SEQN"],
            "diet_b12_ug": raw["DR1TVB12"].where(reliable),
            "diet_b12_added_ug": raw["DR1TB12A"].where(reliable),
            "diet_reliable": reliable,
            "WTDRD1": raw["WTDRD1"],
        }
    )


def _optional(
    folder: Path, layout: CycleLayout, merged: pd.DataFrame, need: Collection[str]
) -> pd.DataFrame:
    """Merge the optional files present; a missing one is an error only if ``need`` uses it."""
    for item in OPTIONAL_FILES:
        used = sorted(item.names & set(need))
        stem = f"{item.prefix}_{layout.suffix}"
        path = _find(folder, stem) if item.prefix in layout.optional else None
        if path is None:
            if not used:
                continue
            what = f"{', '.join(used)} {'needs' if len(used) == 1 else 'need'}"
            if item.prefix not in layout.optional:
                known = ", ".join(c.name for c in CYCLES.values() if item.prefix in c.optional)
                raise DataFileError(
                    f"{what} the NHANES {item.description}, which b12 reads for "
                    f"{known} only, not for {layout.name}"
                )
            raise DataFileError(
                f"{what} {stem}.XPT (NHANES {layout.name} {item.description}) in "
                f"{folder}; download it from the CDC's NHANES {layout.name} laboratory data page"
            )
        part = read_xpt(path)
        lacking = [v for v in item.variables if v not in part.columns]
        if lacking:
            raise DataFileError(f"{path} has no {', '.join(lacking)}: not the CDC {stem} file?")
        merged = merged.merge(part[["SEQN", *item.variables]], on="SEQN", how="left")
    return merged


def read_cycle(folder: Path, *, diet: bool = False, need: Collection[str] = ()) -> pd.DataFrame:
    """One cycle, merged by SEQN, in canonical columns (weights not yet divided).

    With ``diet`` the day-1 dietary totals are merged too and ``weight_diet`` holds WTDRD1.
    Biochemistry (``BIOPRO``: creatinine) and blood count (``CBC``: haemoglobin, MCV) are merged
    when present; when absent their columns are empty, and an error only if ``need`` (the
    columns and indicators an analysis names) uses them.
    """
    layout = detect_cycle(folder)
    paths = {stem: _find(folder, stem) for stem in layout.files}
    missing = [f"{stem}.XPT" for stem, path in paths.items() if path is None]
    if missing:
        raise DataFileError(f"NHANES {layout.name} folder {folder} lacks: {', '.join(missing)}")
    merged: pd.DataFrame | None = None
    for stem in layout.files:
        path = paths[stem]
        assert path is not None
        part = read_xpt(path)
        merged = (
            part
            if merged is None
            else merged.merge(part, on="SEQN", how="left", suffixes=("", f"_{stem}"))
        )
    assert merged is not None
    merged = _optional(folder, layout, merged, need)
    if diet:
        merged = merged.merge(_diet(folder, layout), on="SEQN", how="left")
    out = pd.DataFrame(layout.columns(merged))
    if diet:
        out["diet_b12_ug"] = merged["diet_b12_ug"].astype("float64")
        out["diet_b12_added_ug"] = merged["diet_b12_added_ug"].astype("float64")
        out["weight_diet"] = merged["WTDRD1"].astype("float64").fillna(0.0)
    out.insert(0, "seqn", merged["SEQN"].astype("int64"))
    out.insert(1, "cycle", layout.name)
    return out


def read_nhanes(
    folders: Sequence[Path], *, diet: bool = False, need: Collection[str] = ()
) -> pd.DataFrame:
    """Read and pool cycles: weights are divided by the number of cycles.

    ``weight`` is the MEC weight WTMEC2YR (laboratory and examination data); with ``diet`` it is
    the day-1 dietary weight WTDRD1 instead, the weight of the smallest subsample used (the MEC
    weight stays in ``weight_mec``).

    References
    ----------
    CDC/NCHS NHANES analytic guidelines (combining two-year cycles).
    """
    if not folders:
        raise DataFileError("give at least one NHANES cycle folder")
    frames = [read_cycle(Path(folder), diet=diet, need=need) for folder in folders]
    cycles = [frame["cycle"].iloc[0] for frame in frames]
    if len(set(cycles)) != len(cycles):
        raise DataFileError(f"the same cycle was given twice: {', '.join(cycles)}")
    pooled = pd.concat(frames, ignore_index=True)
    pooled["weight"] = pooled["weight"] / len(frames)
    pooled["weight_mec"] = pooled["weight"]
    if diet:
        pooled["weight_diet"] = pooled["weight_diet"] / len(frames)
        pooled["weight"] = pooled["weight_diet"]
    return pooled


def cache_parts(
    folders: Sequence[Path], *, diet: bool = False, need: Collection[str] = ()
) -> dict[str, Any] | None:
    """What a prepared NHANES cohort depends on: every file of the folders (path, size,
    modification time), their order (the row order), ``diet`` and ``need``; None when a folder
    cannot be listed (then it is read uncached, so :func:`read_nhanes` reports the problem)."""
    try:
        listed = [[p for p in Path(f).iterdir() if p.is_file()] for f in folders]
        files: list[Any] = [str(Path(f).resolve()) for f in folders]
        files += [cache.file_fingerprints(each) for each in listed]
    except OSError:
        return None
    return {"kind": "nhanes", "files": files, "diet": diet, "need": sorted(need)}


def read_nhanes_cached(
    folders: Sequence[Path],
    *,
    diet: bool = False,
    need: Collection[str] = (),
    use_cache: bool = True,
) -> pa.Table:
    """:func:`read_nhanes` as an Arrow table, through the cohort cache (:mod:`.cache`) under
    :func:`cache_parts`'s key unless ``use_cache`` is false."""

    def build() -> pa.Table:
        frame = read_nhanes(folders, diet=diet, need=need)
        return pa.Table.from_pandas(frame, preserve_index=False)

    parts = cache_parts(folders, diet=diet, need=need) if use_cache else None
    if parts is None:
        return build()
    return cache.cached_table(parts, build, f"NHANES {', '.join(Path(f).name for f in folders)}")
