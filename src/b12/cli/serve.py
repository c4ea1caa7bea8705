"""`b12 serve`, `b12 users`, `b12 audit` and `b12 db upgrade`: the web app, users, audit, database.

The web, database and PDF libraries are imported inside the commands, so that `b12 assess` and the
other commands start fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from b12.errors import InputError
from b12.settings import DEFAULT_HOST, DEFAULT_PORT, LOOPBACK_HOST_NAMES, get_settings

if TYPE_CHECKING:
    from b12.data.store import Store

out = Console(highlight=False)

DatabaseUrl = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        help="SQLAlchemy URL, e.g. postgresql+psycopg://user@host/b12 (default: B12_DATABASE_URL, "
        "else a SQLite file in the user data directory).",
        show_default=False,
    ),
]

users_app = typer.Typer(help="API users, their roles and tokens.", no_args_is_help=True)
db_app = typer.Typer(help="The records database.", no_args_is_help=True)


def _store(database_url: str | None) -> Store:
    """The store at ``database_url`` (default: settings), migrated to the latest schema."""
    from b12.data.store import Store, records_url, upgrade

    store = Store(database_url or records_url(get_settings()))
    upgrade(store)
    return store


def serve(
    host: Annotated[
        str | None,
        typer.Option(
            help=f"Address to listen on (default: B12_HOST, else {DEFAULT_HOST}).",
            show_default=False,
        ),
    ] = None,
    port: Annotated[
        int | None,
        typer.Option(
            help=f"Port to listen on (default: B12_PORT, else {DEFAULT_PORT}).",
            min=0,
            max=65535,
            show_default=False,
        ),
    ] = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Start the web app and REST API (http://127.0.0.1:8012; API docs at /api/docs).

    On any address but 127.0.0.1, behind a reverse proxy, and with B12_AUTH=required, every
    request needs a token from `b12 users create`.
    """
    import uvicorn

    from b12.api.app import create_app
    from b12.api.connections import uvicorn_options
    from b12.data.store import records_url
    from b12.services import clock
    from b12.services import users as user_service

    base = get_settings()
    host = base.host if host is None else host
    port = base.port if port is None else port
    settings = base.model_copy(
        update={"database_url": database_url or records_url(base), "host": host, "port": port}
    )
    if not settings.auth_required:  # no tokens: answer only requests addressed to this machine
        settings = settings.model_copy(update={"trusted_hosts": LOOPBACK_HOST_NAMES})
    store = _store(records_url(settings))
    if settings.auth_required and user_service.user_count(store) == 0:
        raise InputError(
            f"refusing to listen on {host} without API users: anyone on the network could read "
            "the records. Create one with `b12 users create NAME --role admin`, or use "
            "--host 127.0.0.1",
            field="--host",
        )
    store.dispose()
    out.print(f"b12 on http://{host}:{port}/ (API docs at /api/docs); Ctrl+C stops it")
    if (warning := clock.fixed_date_warning(settings)) is not None:
        Console(stderr=True, highlight=False).print(warning, markup=False)
    # No access log: URLs hold record ids, and b12 never logs personal data. A deadline for request
    # headers and uvicorn's keep-alive and header-size limits (b12.api.connections).
    uvicorn.run(
        create_app(settings),
        host=host,
        port=port,
        access_log=False,
        log_level="warning",
        **uvicorn_options(),
    )


RoleOption = Annotated[
    str,
    typer.Option(
        "--role",
        help="read-only (reads and exports), clinician (also creates and corrects) or admin "
        "(also deletes persons, manages users, reads the audit trail).",
    ),
]


def _lifetime() -> int:
    return get_settings().token_lifetime_days


@users_app.command("create")
def create_user(
    name: Annotated[str, typer.Argument(help="User name (letters, digits, . _ @ -).")],
    role: RoleOption = "clinician",
    database_url: DatabaseUrl = None,
) -> None:
    """Create an API user and print their token (shown once; only a hash is stored)."""
    store = _store(database_url)
    from b12.services import users as user_service

    token = user_service.create_user(store, name, role)
    out.print(f"Token for {name} ({role}; shown once; keep it secret):", markup=False)
    out.print(token, markup=False)


@users_app.command("rotate")
def rotate_token(
    name: Annotated[str, typer.Argument(help="User whose token to replace.")],
    database_url: DatabaseUrl = None,
) -> None:
    """Give a user a new token (printed once); the old one and their web sessions end at once."""
    store = _store(database_url)
    from b12.services import users as user_service

    token = user_service.rotate_token(store, name)
    out.print(f"New token for {name} (shown once; keep it secret):", markup=False)
    out.print(token, markup=False)


@users_app.command("role")
def set_role(
    name: Annotated[str, typer.Argument(help="User whose role to change.")],
    role: Annotated[str, typer.Argument(help="read-only, clinician or admin.")],
    database_url: DatabaseUrl = None,
) -> None:
    """Change a user's role (their next request is judged by it)."""
    store = _store(database_url)
    from b12.services import users as user_service

    user_service.set_role(store, name, role)
    out.print(f"{name} is now {role}", markup=False)


@users_app.command("list")
def list_users(database_url: DatabaseUrl = None) -> None:
    """List API users: name, role, and when their token expires (tokens are never stored)."""
    store = _store(database_url)
    from b12.services import users as user_service

    for user in user_service.list_users(store, _lifetime()):
        when = user.token_expires_at.strftime("%Y-%m-%d %H:%M UTC")
        state = "expired" if user.expired() else "expires"
        out.print(f"{user.name}  {user.role}  token {state} {when}", markup=False)


@users_app.command("delete")
def delete_user(
    name: Annotated[str, typer.Argument(help="User to delete; their token stops working.")],
    database_url: DatabaseUrl = None,
) -> None:
    """Delete an API user, revoking their token and ending their web sessions."""
    store = _store(database_url)
    from b12.services import users as user_service

    user_service.delete_user(store, name)
    out.print(f"deleted user {name}", markup=False)


@db_app.command("upgrade")
def db_upgrade(database_url: DatabaseUrl = None) -> None:
    """Create or migrate the records database to the latest schema."""
    store = _store(database_url)
    from b12.data.store.migrate import current_revision

    out.print(f"database at schema revision {current_revision(store)}")


def register(app: typer.Typer) -> None:
    """Add the serve, users and db commands to the `b12` app."""
    from b12.cli.audit import audit

    app.command()(serve)
    app.command("audit")(audit)
    app.add_typer(users_app, name="users")
    app.add_typer(db_app, name="db")
