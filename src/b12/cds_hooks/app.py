"""A FastAPI app serving only the CDS Hooks routes (the main web app can mount the router instead).

Run: ``uvicorn --factory b12.cds_hooks.app:create_cds_app --port 8012``
"""

from __future__ import annotations

from fastapi import FastAPI

from b12 import __version__
from b12.cds_hooks.router import router
from b12.cds_hooks.settings import CdsSettings, get_settings


def create_cds_app(settings: CdsSettings | None = None) -> FastAPI:
    """The CDS Hooks service as an ASGI app; ``settings`` override the environment (tests)."""
    app = FastAPI(
        title="b12 CDS Hooks service",
        version=__version__,
        description="Vitamin B12 decision support in the EHR (CDS Hooks 2.0). Not a diagnosis.",
    )
    if settings is not None:
        app.dependency_overrides[get_settings] = lambda: settings
    app.include_router(router)
    return app
