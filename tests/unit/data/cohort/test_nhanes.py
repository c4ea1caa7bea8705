"""The NHANES reader on the real CDC files: merge, units, weights, top-code, flags, errors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from b12.core.status.epidemiology import serum_b12_band
from b12.core.survey import detection_limits
from b12.data.cohort.nhanes import read_cycle, read_nhanes, read_xpt
from b12.errors import DataFileError


@pytest.fixture(scope="module")
def h(nhanes_dir: Path) -> pd.DataFrame:
    return read_nhanes([nhanes_dir / "2013-2014"])


def test_merge_keeps_every_person(h: pd.DataFrame) -> None:
    assert len(h) == 10_175  # DEMO_H
    assert h["seqn"].is_unique
    assert (h["weight"] == 0).sum() == 362  # interview-only persons stay in the design
    assert int(h["b12"].notna().sum()) == 5_447


def test_mma_converted_from_nmol_to_umol(h: pd.DataFrame, nhanes_dir: Path) -> None:
    raw = read_xpt(nhanes_dir / "2013-2014" / "MMA_H.XPT").set_index("SEQN")["LBXMMASI"]
    merged = h.set_index("seqn")["mma"].reindex(raw.index)
    assert np.allclose(merged.to_numpy(), raw.to_numpy() / 1000, equal_nan=True)
    assert h["mma"].max() == pytest.approx(5.54)  # 5,540 nmol/L in the codebook


def test_mma_2003_is_already_umol(nhanes_dir: Path) -> None:
    c = read_cycle(nhanes_dir / "2003-2004")
    assert c["mma"].median() == pytest.approx(0.12, abs=0.01)
    assert c["hcy"].notna().sum() > 7000


def test_detection_limit_flag_and_sas_zeros(h: pd.DataFrame) -> None:
    flags = h["mma_below_lod"]
    assert flags.notna().sum() == 5_444
    assert not flags.dropna().any()  # all stored as SAS 0 (5.4e-79 in pandas) = at/above LOD


def test_below_llod_results_in_the_real_files(h: pd.DataFrame, nhanes_dir: Path) -> None:
    # MMA 2013-2014: LBDMMALC is 0 for every result and no value reaches the LLOD (22.1 nmol/L),
    # so the file holds no LLOD/sqrt(2) fill value (15.6 nmol/L) at all.
    raw = read_xpt(nhanes_dir / "2013-2014" / "MMA_H.XPT")
    assert set(raw["LBDMMALC"].dropna()) == {0.0}
    assert raw["LBXMMASI"].min() == pytest.approx(26.6)
    assert h["mma"].min() > detection_limits.MMA_LLOD_UMOL_L_2013_2014
    # B12 2013-2014: VITB12_H has no comment code; one result (18 pg/mL) lies below the LLOD of
    # 30 pg/mL (the Deming-adjusted fill value), and it reads as deficient like any value < LLOD.
    vitb12 = read_xpt(nhanes_dir / "2013-2014" / "VITB12_H.XPT")
    assert not any(c.endswith("LC") for c in vitb12.columns)
    assert (vitb12["LBDB12"] < detection_limits.B12_LLOD_PG_ML_2013_2014).sum() == 1
    below = h[h["b12_below_lod"].fillna(False).astype(bool)]
    assert below["b12"].tolist() == [pytest.approx(13.3)]
    assert serum_b12_band(float(below["b12"].iloc[0])) == "deficient"
    assert int(h["b12_below_lod"].notna().sum()) == int(h["b12"].notna().sum())
    # 2011-2012: MMA flags all 0; B12 has no comment code and no LLOD in b12's data: unknown.
    g = read_cycle(nhanes_dir / "2011-2012")
    assert not g["mma_below_lod"].dropna().any() and g["mma_below_lod"].notna().sum() == 4_880
    assert g["b12_below_lod"].isna().all()
    c = read_cycle(nhanes_dir / "2003-2004")
    assert c["mma_below_lod"].isna().all() and c["b12_below_lod"].isna().all()


def test_top_coded_age_and_grip(h: pd.DataFrame, nhanes_dir: Path) -> None:
    assert h["age"].max() == 80
    assert h.loc[h["age_topcoded"], "age"].eq(80).all()
    raw = read_xpt(nhanes_dir / "2013-2014" / "MGX_H.XPT").set_index("SEQN")
    trials = raw[["MGXH1T1", "MGXH1T2", "MGXH1T3", "MGXH2T1", "MGXH2T2", "MGXH2T3"]]
    grip = h.set_index("seqn")["grip_max"].reindex(raw.index)
    assert np.allclose(grip, trials.max(axis=1), equal_nan=True)
    both = grip.notna() & raw["MGDCGSZ"].notna()
    assert (grip[both] < raw.loc[both, "MGDCGSZ"]).mean() > 0.99  # the sum of two hands


def test_pooling_divides_weights(nhanes_dir: Path, h: pd.DataFrame) -> None:
    pooled = read_nhanes([nhanes_dir / "2011-2012", nhanes_dir / "2013-2014"])
    assert len(pooled) == 9_756 + 10_175
    part = pooled[pooled["cycle"] == "2013-2014"]
    assert part["weight"].sum() == pytest.approx(h["weight"].sum() / 2)


def test_missing_files_are_named(tmp_path: Path, nhanes_dir: Path) -> None:
    (tmp_path / "DEMO_H.XPT").write_bytes((nhanes_dir / "2013-2014" / "DEMO_H.XPT").read_bytes())
    with pytest.raises(DataFileError, match=r"lacks: VITB12_H.XPT, MMA_H.XPT, MGX_H.XPT, BMX_H"):
        read_cycle(tmp_path)
    with pytest.raises(DataFileError, match="no NHANES demographics file"):
        read_cycle(_empty(tmp_path / "empty"))
    with pytest.raises(DataFileError, match="not found"):
        read_cycle(tmp_path / "nope")


def test_diet_uses_day1_weights(nhanes_dir: Path, h: pd.DataFrame) -> None:
    diet = read_nhanes([nhanes_dir / "2013-2014"], diet=True)
    assert len(diet) == len(h)
    assert diet["diet_b12_ug"].notna().sum() == 8_531  # reliable day-1 recalls (DR1DRSTZ = 1)
    assert (diet["weight"] == diet["weight_diet"]).all()
    assert (diet["weight_mec"] == h["weight"]).all()
    assert (diet.loc[diet["diet_b12_ug"].isna(), "weight"] == 0).mean() > 0.5


def test_diet_file_missing_is_named(nhanes_dir: Path) -> None:
    with pytest.raises(DataFileError, match=r"DR1TOT_G.XPT \(or DR1TOT_G.csv.zip\)"):
        read_nhanes([nhanes_dir / "2011-2012"], diet=True)


def test_kidney_and_blood_count_files(h: pd.DataFrame, nhanes_dir: Path) -> None:
    # BIOPRO_H: creatinine mg/dL × 88.4 = µmol/L (LBDSCRSI, rounded to 0.01 by the CDC).
    raw = read_xpt(nhanes_dir / "2013-2014" / "BIOPRO_H.XPT").set_index("SEQN")
    creatinine = h.set_index("seqn")["creatinine"].reindex(raw.index)
    assert np.allclose(creatinine, raw["LBDSCRSI"], atol=0.005, equal_nan=True)
    assert int(h["creatinine"].notna().sum()) == 6_553
    cbc = read_xpt(nhanes_dir / "2013-2014" / "CBC_H.XPT").set_index("SEQN")
    merged = h.set_index("seqn").reindex(cbc.index)
    assert np.allclose(merged["hemoglobin"], cbc["LBXHGB"] * 10, equal_nan=True)  # g/dL → g/L
    assert np.allclose(merged["mcv"], cbc["LBXMCVSI"], equal_nan=True)
    assert int(h["hemoglobin"].notna().sum()) == 8_544


def test_optional_files_are_required_only_when_used(nhanes_dir: Path, tmp_path: Path) -> None:
    g = read_cycle(nhanes_dir / "2011-2012")  # no BIOPRO_G or CBC_G in the shared folder
    assert g["creatinine"].isna().all() and g["hemoglobin"].isna().all()
    with pytest.raises(DataFileError, match=r"egfr_band needs BIOPRO_G\.XPT .* 2011-2012"):
        read_cycle(nhanes_dir / "2011-2012", need={"egfr_band"})
    with pytest.raises(DataFileError, match=r"anaemia needs CBC_G\.XPT"):
        read_cycle(nhanes_dir / "2011-2012", need={"anaemia", "b12_deficient"})
    with pytest.raises(DataFileError, match="reads for 2011-2012, 2013-2014 only, not for 2003"):
        read_cycle(nhanes_dir / "2003-2004", need={"egfr"})
    for path in (nhanes_dir / "2013-2014").glob("*.XPT"):
        if not path.name.startswith("BIOPRO"):
            (tmp_path / path.name).symlink_to(path)
    assert read_cycle(tmp_path, need={"anaemia"})["hemoglobin"].notna().any()
    with pytest.raises(DataFileError, match=r"egfr needs BIOPRO_H\.XPT"):
        read_cycle(tmp_path, need={"egfr"})


def _empty(folder: Path) -> Path:
    folder.mkdir()
    return folder


def test_2001_2002_names_the_missing_demo_b_and_where_to_get_it(
    nhanes_dir: Path, tmp_path: Path
) -> None:
    with pytest.raises(DataFileError) as raised:
        read_cycle(nhanes_dir / "2001-2002")
    message = str(raised.value)
    assert "NHANES 2001-2002" in message and "L06_2_B.XPT" in message
    assert "lacks DEMO_B.XPT" in message
    assert "https://wwwn.cdc.gov/Nchs/Data/Nhanes/Public/2001/DataFiles/DEMO_B.xpt" in message
    assert "not in its NHANES layouts yet" in message
    # With DEMO_B present the refusal says the cycle is not one b12 reads.
    (tmp_path / "L06_2_B.XPT").symlink_to(nhanes_dir / "2001-2002" / "L06_2_B.XPT")
    (tmp_path / "DEMO_B.XPT").write_bytes(b"")
    with pytest.raises(DataFileError, match=r"2001-2002 .* is not a cycle b12 reads"):
        read_cycle(tmp_path)


def test_a_known_cycle_without_its_demo_file(nhanes_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "VITB12_H.XPT").symlink_to(nhanes_dir / "2013-2014" / "VITB12_H.XPT")
    with pytest.raises(DataFileError) as raised:
        read_cycle(tmp_path)
    message = str(raised.value)
    assert "lacks DEMO_H.XPT" in message and "Public/2013/DataFiles/DEMO_H.xpt" in message
    assert "layouts yet" not in message
