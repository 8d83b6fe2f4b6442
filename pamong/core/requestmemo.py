"""Facts read from the shared cache at most once per request.

A page asks the shared cache (files by default, see ``pamong.core.cache``) for the same small facts again and
again: the version counters of every fragment it shows (``staff`` is read by the user's session, the menu and
each fragment about staff), the deployment's region. Each read is a file opened and unpickled. Inside a request
the first read is kept in a dict that lives as long as the request (``RequestMemoMiddleware``), so a counter is
read once however many fragments name it. Outside a request (commands, the worker, a test calling a service)
nothing is kept and every read goes to the shared cache.

What is kept is what the request saw first, as if the request had read everything at its start; a bump made by
this request itself (after its transaction commits) updates the kept value, so a page rendered after a write in
the same request sees the write. Another worker's bump during the request is seen by the next request.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextvars import ContextVar
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse

T = TypeVar("T")
_memo: ContextVar[dict[Any, Any] | None] = ContextVar("pamong_request_memo", default=None)


def current() -> dict[Any, Any] | None:
    """The memo of the request being served, or None outside one."""
    return _memo.get()


def remember(key: Any, build: Callable[[], T]) -> T:
    """``build()``, once per request under ``key`` (every time outside a request)."""
    memo = _memo.get()
    if memo is None:
        return build()
    if key in memo:
        return memo[key]  # type: ignore[no-any-return]
    value = memo[key] = build()
    return value


def forget(keys: Iterable[Any]) -> None:
    memo = _memo.get()
    if memo is not None:
        for key in keys:
            memo.pop(key, None)


class RequestMemoMiddleware:
    """First in the chain: one memo for each request, dropped when the response leaves."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)
