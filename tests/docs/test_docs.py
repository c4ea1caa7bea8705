"""The README's two commands, the docs' examples and .ci/run stay true."""

from __future__ import annotations

import re

import yaml

from b12.data.person_file import parse_person
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def bash_blocks(text: str) -> list[str]:
    return re.findall(r"```bash\n(.*?)```", text, flags=re.DOTALL)


def test_quick_start_is_exactly_two_commands_and_names_a_real_example() -> None:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = [line for block in bash_blocks(section) for line in block.strip().splitlines()]
    assert len(commands) == 2
    example = re.search(r"b12 assess (\S+)", commands[0])
    assert example and (REPO / example.group(1)).is_file()


def test_ci_runs_the_readme_test_command() -> None:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    test_command = bash_blocks(section)[1].strip()
    assert test_command in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_person_file_doc_example_is_a_valid_person() -> None:
    doc = (REPO / "docs" / "person-file.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(.*?)```", doc, flags=re.DOTALL)
    assert block is not None
    person = parse_person(yaml.safe_load(block.group(1)))
    assert person.age == 74 and len(person.labs) == 3


def test_every_required_repository_file_exists() -> None:
    for name in ("LICENSE", "CITATION.cff", "CHANGELOG.md", "GLOSSARY.md", "constraints.txt"):
        assert (REPO / name).is_file(), name
