"""Dependencies of the API routes: the store and, off loopback, the caller's token."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from b12.data.store import Store
from b12.services import users
from b12.services.settings import Settings

bearer = HTTPBearer(auto_error=False, description="`b12 users create NAME` prints a token")


def get_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


def get_store(request: Request) -> Store:
    """The app's records store."""
    store: Store = request.app.state.store
    return store


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[Store, Depends(get_store)]


def require_token(
    settings: SettingsDep,
    store: StoreDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> str | None:
    """The caller's user name; a valid bearer token is required unless bound to loopback."""
    if not settings.auth_required:
        return None
    user = users.authenticate(store, credentials.credentials) if credentials else None
    if user is None:
        raise HTTPException(
            401, "a valid API token is required", headers={"WWW-Authenticate": "Bearer"}
        )
    return user


UserDep = Annotated[str | None, Depends(require_token)]
