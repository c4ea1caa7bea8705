"""Use cases for the cohort cache: what it holds, and emptying it (``b12 cohort cache``)."""

from __future__ import annotations

from pathlib import Path

from b12.data.cohort import cache
from b12.data.cohort.cache import CacheEntry


def cache_folder() -> Path:
    """Where prepared cohorts are kept (``B12_CACHE_DIR``, else the XDG user cache folder)."""
    return cache.cache_dir()


def cache_entries() -> list[CacheEntry]:
    """The prepared cohorts in the cache, newest first."""
    return cache.list_entries()


def clear_cache() -> int:
    """Remove every prepared cohort; returns how many were removed."""
    return cache.clear()
