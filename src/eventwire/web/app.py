"""The web app: middleware that keeps it local and read-only, error pages, and the pages' routers.

Safe by default: ``TrustedHostMiddleware`` refuses requests for other host names (DNS rebinding), every
response carries a Content-Security-Policy without ``unsafe-inline`` (scripts and styles come only from
``/static``), FastAPI's own ``/docs`` pages (CDN assets) are off, each request reads through its own
``mode=ro`` + ``query_only`` connection that a deadline interrupts, and a bad filter is a 400 page.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from ..errors import EventwireError, Serve, ServeError, StoreError
from ..store.queries import connect_readonly
from .render import page

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
#: Seconds a page's queries may run before SQLite is interrupted (a 503 page says so).
QUERY_SECONDS = 10.0
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")


def create_app(db: str | Path, *, hosts: tuple[str, ...] = LOCAL_HOSTS,
               query_seconds: float = QUERY_SECONDS) -> FastAPI:
    """The app over store ``db`` (opened read-only per request); ``hosts`` are the Host names it answers."""
    from . import actors, documents, events, maps, stories, timeline

    connect_readonly(db).close()  # a missing or unreadable store fails here, before the server starts
    app = FastAPI(title="eventwire", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.db = Path(db)
    app.state.query_seconds = query_seconds
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(hosts))

    @app.middleware("http")
    async def headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    @app.exception_handler(ServeError)
    async def bad_request(request: Request, exc: ServeError) -> Response:
        missing = exc.code == Serve.V04.code
        return page(request, "error.html", {"error": {"code": exc.code, "message": exc.args[0]}},
                    title="Not found" if missing else "Bad request", status_code=404 if missing else 400)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        busy = "interrupted" in str(exc)
        message = "the query took too long and was stopped; narrow the filters" if busy else exc.args[0]
        return page(request, "error.html", {"error": {"code": exc.code, "message": message}},
                    title="Query stopped" if busy else "Bad request", status_code=503 if busy else 400)

    @app.exception_handler(EventwireError)
    async def other_error(request: Request, exc: EventwireError) -> Response:
        return page(request, "error.html", {"error": {"code": exc.code, "message": exc.args[0]}},
                    title="Bad request", status_code=400)

    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")
    for module in (events, documents, timeline, maps, actors, stories):
        app.include_router(module.router)
    return app

