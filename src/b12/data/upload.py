"""Parse an uploaded person file (JSON or YAML, by its name) from bytes, as the CLI reads files."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from b12.data.person_file import MAX_BYTES, parse_text
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
    return parse_text(text, PurePath(name).suffix, name)
