"""Read a person file (JSON or YAML) into a validated :class:`~b12.core.person.Person`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from b12.core.person import Person
from b12.data.validation import input_error
from b12.errors import DataFileError, InputError
from b12.settings import PERSON_FILE_MAX_BYTES

MAX_BYTES = PERSON_FILE_MAX_BYTES

YAML_SUFFIXES = frozenset({".yaml", ".yml"})


class _AliasRefused(yaml.YAMLError):
    """A YAML alias (``*name``) in user input."""

    def __init__(self, mark: yaml.Mark) -> None:
        super().__init__()
        self.line, self.column = mark.line + 1, mark.column + 1


class _NoAliasLoader(yaml.SafeLoader):
    """The safe loader, refusing aliases: a few hundred bytes of nested aliases ("billion laughs")
    expand to gigabytes wherever the value is copied or printed, and no b12 file needs them."""

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            raise _AliasRefused(self.peek_event().start_mark)  # type: ignore[no-untyped-call]
        return super().compose_node(parent, index)  # type: ignore[arg-type]


def load_yaml(text: str) -> Any:
    """YAML (safe types only, no aliases) into Python data."""
    return yaml.load(text, Loader=_NoAliasLoader)  # a SafeLoader: no arbitrary objects


def parse_text(text: str, suffix: str, name: str) -> Any:
    """JSON, or YAML for a .yaml/.yml ``suffix``; errors name the file ``name`` and the line."""
    try:
        if suffix.lower() in YAML_SUFFIXES:
            return load_yaml(text)
        return json.loads(text)
    except json.JSONDecodeError as exc:
        # Read as JSON by its suffix: a YAML file named .txt should learn why.
        hint = "" if suffix.lower() == ".json" else "; YAML is read from .yaml or .yml files"
        raise InputError(
            f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}){hint}", field=name
        ) from None
    except _AliasRefused as exc:
        raise InputError(
            f"YAML aliases (*name) are not accepted (line {exc.line}, column {exc.column}); "
            "write the value out",
            field=name,
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        raise InputError(f"not valid YAML{where}", field=name) from None
    except RecursionError:
        raise InputError("nested too deeply", field=name) from None


def read_document(path: Path) -> Any:
    """Parse a JSON or YAML file (by suffix; JSON is also valid YAML) into Python data."""
    if path.is_dir():
        raise DataFileError(f"{path.name or path}: a folder, not a person file")
    if not path.is_file():
        raise DataFileError(f"{path.name}: no such file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(f"file is {size:,} bytes; the limit is {MAX_BYTES:,}", field=path.name)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError("file is not UTF-8 text", field=path.name) from exc
    return parse_text(text, path.suffix, path.name)


def parse_person(data: Any) -> Person:
    """Validate parsed data as a person, raising :class:`InputError` naming the field."""
    if not isinstance(data, dict):
        raise InputError("a person file must hold one object with at least 'age' and 'sex'")
    try:
        return Person.model_validate(data)
    except ValidationError as exc:
        raise input_error(exc) from None


def load_person(path: Path) -> Person:
    """Read and validate a person file."""
    return parse_person(read_document(path))


def person_json_schema() -> dict[str, Any]:
    """JSON Schema of the person file."""
    schema = Person.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "b12 person file"
    return schema
