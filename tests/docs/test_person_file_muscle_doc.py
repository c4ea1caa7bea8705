"""The person-file doc's symptoms/muscle example is valid and the CLI doc names the new option."""

from __future__ import annotations

import re

import yaml

from b12.data.person_file import parse_person
from tests.conftest import REPO


def test_muscle_example_in_the_person_file_doc_is_valid() -> None:
    doc = (REPO / "docs" / "person-file.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", doc, flags=re.DOTALL)
    block = next(b for b in blocks if "\nmuscle:" in b or b.startswith("muscle:"))
    data = yaml.safe_load(block) | {"age": 70, "sex": "male"}
    person = parse_person(data)
    assert person.muscle is not None and person.muscle.sarc_f is not None
    assert person.symptoms and person.assessed_on is not None


def test_cli_doc_describes_muscle_criteria_and_the_new_sections() -> None:
    doc = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    for word in ("--muscle-criteria", "`screening`", "`muscle`", "`plan`", "`sources`"):
        assert word in doc
