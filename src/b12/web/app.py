"""Mount the web UI on an app."""

from __future__ import annotations

from fastapi import FastAPI

from b12.web import (
    audit_page,
    corrections,
    history_pages,
    menu_page,
    pages,
    record_forms,
    report_pages,
    sign_in,
    worklist_page,
)
from b12.web.security import SecurityHeaders


def mount(app: FastAPI) -> None:
    """Add the pages, the web UI's exception handlers and its security headers."""
    app.include_router(sign_in.router)
    app.include_router(worklist_page.router)
    app.include_router(record_forms.router)
    app.include_router(report_pages.router)
    app.include_router(corrections.router)
    app.include_router(history_pages.router)
    app.include_router(menu_page.router)
    app.include_router(audit_page.router)
    pages.install(app)
    app.add_middleware(SecurityHeaders)
