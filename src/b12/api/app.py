"""The app factory: the REST API under /api and the web UI at /, over one records store."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, Depends, FastAPI

from b12 import __version__
from b12.api import openapi, problems
from b12.api.deps import cds_jwt
from b12.api.limits import BodyLimit, JsonPostsOnly, NoStore, TrustedHosts
from b12.api.routes import (
    antibodies,
    assessments,
    diary,
    docs,
    foods,
    labs,
    measurements,
    menu,
    meta,
    persons,
)
from b12.api.strict import strict_json_body
from b12.cds_hooks.router import router as cds_router
from b12.data.store import Store, records_url, upgrade
from b12.services.menu.admission import MenuSlots
from b12.settings import Settings
from b12.web.app import mount as mount_web

DESCRIPTION = """Vitamin B12 status decision support, every result cited.

**Decision support, never a diagnosis.** Errors are RFC 9457 problem details naming the field.
Off loopback, behind a reverse proxy and with `B12_AUTH=required`, every request needs
`Authorization: Bearer <token>` (`b12 users create NAME --role ROLE`). Roles: **read-only** reads
and exports, **clinician** also creates and corrects, **admin** also deletes persons.
"""


def create_app(settings: Settings) -> FastAPI:
    """Build the app for ``settings``; the store is opened and migrated at start-up."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        store = Store(records_url(settings))
        upgrade(store)
        app.state.store = store
        yield
        store.dispose()

    app = FastAPI(
        title="b12",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # /api/docs and /api/openapi.json are routes with a role (api.routes.docs)
        redoc_url=None,
        openapi_url=None,
        generate_unique_id_function=openapi.operation_id,
    )
    app.state.settings = settings
    app.state.menu_slots = MenuSlots(settings.menu_solves)  # menus planned at once (503 past)
    # each route declares its role (b12.api.deps); any of them may meet these problems
    # and every JSON body is read with JSON's own types (b12.api.strict)
    api = APIRouter(
        prefix="/api",
        responses=openapi.problems(401, 403, 413, 422, 503),
        dependencies=[Depends(strict_json_body)],
    )
    for module in (
        meta,
        foods,
        persons,
        labs,
        antibodies,
        measurements,
        diary,
        assessments,
        menu,
        docs,
    ):
        api.include_router(module.router)
    app.include_router(api)
    # CDS Hooks callers authenticate with signed JWTs (B12_CDS_JWKS_FILE), not b12 tokens: off
    # loopback the service is only offered when those keys are configured.
    app.state.cds_signed = bool(settings.cds.jwks_file)
    if not settings.auth_required or app.state.cds_signed:
        cds_problems = openapi.problems(400, 401, 404, 412, 413, 415, 422)
        app.include_router(cds_router, dependencies=[Depends(cds_jwt)], responses=cds_problems)
    mount_web(app)
    problems.install(app)
    openapi.install(app)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(JsonPostsOnly, needs_token=settings.auth_required_for)
    app.add_middleware(NoStore)
    if settings.trusted_hosts:
        app.add_middleware(TrustedHosts, names=settings.trusted_hosts)
    return app
