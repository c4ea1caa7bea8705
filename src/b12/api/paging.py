"""Paginated lists: ``limit`` and ``offset`` query parameters, the total in ``X-Total-Count`` and
the next page in a ``Link: <...>; rel="next"`` header (RFC 8288); the body stays a plain list."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query, Request, Response

from b12.services.records import MAX_OFFSET, Page

Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip (0: the first)")]


def limit_query(default: int, largest: int) -> Any:
    """The ``limit`` query parameter: items per page, ``default`` unless given, ``largest`` at most."""
    return Query(ge=1, le=largest, description=f"Items per page (at most {largest})")


def add_page_headers(request: Request, response: Response, page: Page[Any], limit: int) -> None:
    """Set ``X-Total-Count`` and, unless this is the last page, the ``Link`` to the next one."""
    response.headers["X-Total-Count"] = str(page.total)
    if page.next_offset is not None:
        url = request.url.include_query_params(limit=limit, offset=page.next_offset)
        response.headers["Link"] = f'<{url.path}?{url.query}>; rel="next"'
