"""Dependencies of the web pages: the records store and the CSRF check of every form."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from b12.data.store import Store
from b12.web.security import check_csrf


def get_store(request: Request) -> Store:
    """The app's records store."""
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(get_store)]
Csrf = [Depends(check_csrf)]
