"""When the database cannot be reached, say so honestly: HTTP 503 with Retry-After and a page (or a JSON body for
the APIs) that asks to try again, instead of a 500 that looks like a bug."""

from __future__ import annotations

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader

log = logging.getLogger("pamong.unavailable")

RETRY_AFTER = 30  # seconds
MESSAGE = "Basis data sedang tidak dapat dihubungi. Coba lagi dalam beberapa saat."

# SQLSTATE classes of a server that is away or overwhelmed: connection exception (08), insufficient resources
# (53: too many connections, disk full), operator intervention (57: shutting down, starting up, statement timeout),
# system error (58: I/O error).
_UNAVAILABLE_SQLSTATE = ("08", "53", "57", "58")
_UNAVAILABLE_TEXT = (
    "connection",  # refused, failed, closed, reset; server closed the connection unexpectedly
    "could not connect",
    "terminating",
    "the database system is",  # starting up, shutting down, in recovery mode
    "database is locked",  # SQLite: another process held the lock beyond the busy timeout
    "unable to open database",
    "disk i/o error",
    "database or disk is full",
    "timeout",
)


def database_unavailable(exc: BaseException) -> bool:
    """Whether ``exc`` says the database is away (try again later), not that a query is wrong (a bug: 500)."""
    if isinstance(exc, InterfaceError):
        return True  # the connection is already closed
    if not isinstance(exc, OperationalError):
        return False
    sqlstate = getattr(exc.__cause__, "sqlstate", None)
    if sqlstate:
        return str(sqlstate)[:2] in _UNAVAILABLE_SQLSTATE
    text = str(exc).lower()
    return any(part in text for part in _UNAVAILABLE_TEXT)


def unavailable_response(request: HttpRequest) -> HttpResponse:
    """503 with Retry-After. Rendered without context processors or the database: it is what failed."""
    if request.path.startswith(("/api/", "/open311/")):
        response: HttpResponse = JsonResponse({"detail": MESSAGE, "field": None}, status=503)
    else:
        html = loader.get_template("503.html").render({"retry_after": RETRY_AFTER, "reload": request.method == "GET"})
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Turns a database outage during a view into a 503 (see ``core.views.error_500`` for the same answer when the
    outage shows up in a middleware, e.g. while the session is saved)."""

    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)  # type: ignore[no-any-return]

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not database_unavailable(exception):
            return None
        log.warning(
            "database unavailable during %s %s: %s: %s",
            request.method,
            request.path,
            type(exception).__name__,
            " ".join(str(exception).split())[:200],
        )
        return unavailable_response(request)
