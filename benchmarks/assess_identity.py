"""Byte-identity check of ``b12 assess`` outputs, for refactors that must not change any of them.

Run: ``.venv/bin/python benchmarks/assess_identity.py --save /tmp/before.json`` on the code before
the change, then ``.venv/bin/python benchmarks/assess_identity.py --check /tmp/before.json`` after
it; the check names every person whose output changed and exits 1 if any did.

Persons: every person file and FHIR Bundle in ``examples/`` (with its food diary, as ``b12 assess``
reads it), every vignette person of ``tests/clinical/vignettes`` (the breadth vignettes mapped as
their test maps them) and ``--random`` generated persons (bench_assess's generator, fixed seed).
Outputs hashed per person and per muscle criteria: the ``--json`` document, the whole
``Assessment`` model as JSON, and the brief and verbose terminal reports as rendered text.

An assessment without a date of its own is dated today: compare runs of the same day.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

from bench_assess import random_person  # this folder is on the path
from rich.console import Console

from b12.core.assessment import Assessment
from b12.core.muscle.model import Criteria
from b12.core.person import Person
from b12.reports.json_report import assessment_document
from b12.reports.terminal import assessment_report
from b12.services.assess import assess_input, assess_person

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
sys.path.insert(0, str(ROOT))  # the vignette loaders live in tests/clinical


def _render(assessment: Assessment, *, verbose: bool) -> str:
    console = Console(width=100, record=True, file=io.StringIO(), color_system=None)
    console.print(assessment_report(assessment, verbose=verbose))
    return console.export_text()


def digest(assessment: Assessment) -> str:
    """One hash of every output of one assessment."""
    h = hashlib.sha256()
    h.update(json.dumps(assessment_document(assessment), ensure_ascii=False).encode())
    h.update(assessment.model_dump_json().encode())
    h.update(_render(assessment, verbose=False).encode())
    h.update(_render(assessment, verbose=True).encode())
    return h.hexdigest()


def example_files() -> list[Path]:
    return sorted(
        p
        for p in EXAMPLES.rglob("*")
        if p.suffix in {".yaml", ".json"} and "diaries" not in p.parts
    )


def vignette_persons() -> Iterator[tuple[str, Person]]:
    from tests.clinical import test_breadth_vignettes as breadth
    from tests.clinical import test_guideline_vignettes as guideline

    for v in guideline.VIGNETTES:
        yield f"vignette:{v.id}", v.person
    for b in breadth.VIGNETTES:
        yield f"breadth:{b.id}", breadth.person_of(b)


def digests(randoms: int) -> dict[str, str]:
    """Every person's hash, keyed by where the person came from and the muscle criteria."""
    found: dict[str, str] = {}
    for criteria in Criteria:
        for path in example_files():
            try:
                assessed = assess_input(path, criteria=criteria)
            except Exception as error:  # a file that is not a person (a code table): note it
                found[f"{path.relative_to(ROOT)}:{criteria.value}"] = f"error {error!r}"
                continue
            found[f"{path.relative_to(ROOT)}:{criteria.value}"] = digest(assessed.assessment)
        for name, person in vignette_persons():
            found[f"{name}:{criteria.value}"] = digest(assess_person(person, criteria))
    rng = random.Random(2026)
    for k in range(randoms):
        person = Person.model_validate(random_person(rng))
        found[f"random:{k}"] = digest(assess_person(person))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--save", type=Path, help="write the hashes to this file")
    parser.add_argument("--check", type=Path, help="compare with hashes saved before")
    parser.add_argument("--random", type=int, default=300, help="generated persons")
    args = parser.parse_args()
    found = digests(args.random)
    whole = hashlib.sha256(json.dumps(found, sort_keys=True).encode()).hexdigest()
    errors = sum(v.startswith("error") for v in found.values())
    print(f"{len(found)} assessments ({errors} inputs not assessable), digest {whole[:16]}")
    if args.save:
        args.save.write_text(json.dumps(found, indent=1, sort_keys=True), encoding="utf-8")
    if args.check:
        saved = json.loads(args.check.read_text(encoding="utf-8"))
        changed = sorted(k for k in saved.keys() | found.keys() if saved.get(k) != found.get(k))
        for key in changed:
            print(f"CHANGED {key}")
        if changed:
            raise SystemExit(1)
        print("all outputs byte-identical")


if __name__ == "__main__":
    main()
