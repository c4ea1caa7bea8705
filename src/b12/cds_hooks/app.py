"""A FastAPI app serving only the CDS Hooks routes (the main web app can mount the router instead).

Run: ``uvicorn --factory b12.cds_hooks.app:create_cds_app --port 8012``

Like `b12 serve` on loopback, it answers only requests addressed to this machine (127.0.0.1,
localhost, [::1]), to the host of B12_CDS_PUBLIC_URL, or to B12_CDS_TRUSTED_HOSTS: a web page cannot
reach it through a DNS name of its own (DNS rebinding). Wrong settings stop it at start-up.
"""

from __future__ import annotations

from collections.abc import Collection

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp

from b12 import __version__
from b12.cds_hooks.handlers import PROBLEM_JSON, problem
from b12.cds_hooks.router import router
from b12.errors import InputError
from b12.services import hosts
from b12.settings import LOOPBACK_HOST_NAMES, Settings, get_settings
from b12.urls import BaseUrl


class HostGuard(hosts.HostGuard):
    """Answer only requests whose Host header names one of ``names`` (421 problem otherwise)."""

    def __init__(self, app: ASGIApp, names: Collection[str]) -> None:
        status, body = problem(421, "this service answers only requests addressed to its own names")
        refusal = JSONResponse(body, status_code=status, media_type=PROBLEM_JSON)
        super().__init__(app, names, refusal)


def host_names(settings: Settings) -> frozenset[str]:
    """Loopback names, the public URL's host, and the configured extra names (lower-case)."""
    names = set(LOOPBACK_HOST_NAMES) | {name.lower() for name in settings.cds.trusted_hosts}
    public = BaseUrl.parse(settings.cds.public_url or "")
    if public is not None:
        names.add(f"[{public.host}]" if ":" in public.host else public.host)
    return frozenset(names)


def create_cds_app(settings: Settings | None = None) -> FastAPI:
    """The CDS Hooks service as an ASGI app; ``settings`` override the environment (tests)."""
    if settings is None:
        try:
            settings = get_settings()
        except InputError as exc:  # uvicorn's factory loader would print a traceback
            raise SystemExit(f"b12 CDS Hooks service: {exc}") from None
    app = FastAPI(
        title="b12 CDS Hooks service",
        version=__version__,
        description="Vitamin B12 decision support in the EHR (CDS Hooks 2.0). Not a diagnosis.",
    )
    app.state.settings = settings
    app.include_router(router)
    app.add_middleware(HostGuard, names=host_names(settings))
    return app
