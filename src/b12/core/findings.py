"""Small result types shared by the clinical modules: a finding carries its reason and rule ids."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Finding(BaseModel):
    """A caveat, reason or advice item, with the rules it rests on."""

    model_config = ConfigDict(frozen=True)
    code: str
    message: str
    rules: tuple[str, ...]


class NextTest(BaseModel):
    """A test worth ordering next, and why."""

    model_config = ConfigDict(frozen=True)
    test: str
    reason: str
    rules: tuple[str, ...]
