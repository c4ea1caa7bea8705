"""Parse an uploaded person file (JSON or YAML, by its name) from bytes, as the CLI reads files."""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any

import yaml

from b12.data.person_file import MAX_BYTES, YAML_SUFFIXES
from b12.errors import InputError


def parse_upload(content: bytes, filename: str) -> Any:
    """JSON or YAML data from an uploaded file; errors name the file and the line."""
    name = PurePath(filename or "upload").name
    if not content:
        raise InputError("the file is empty", field=name)
    if len(content) > MAX_BYTES:
        raise InputError(f"file is {len(content):,} bytes; the limit is {MAX_BYTES:,}", field=name)
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("file is not UTF-8 text", field=name) from None
    try:
        if PurePath(name).suffix.lower() in YAML_SUFFIXES:
            return yaml.safe_load(text)
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})", field=name
        ) from None
    except yaml.YAMLError:
        raise InputError("not valid YAML", field=name) from None
