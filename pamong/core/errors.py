"""The one domain error type. Services raise it; views turn it into a form error or a JSON body."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


class DomainError(Exception):
    """A rule of the domain refused the action. ``message`` is shown to the user (Bahasa Indonesia).

    ``field`` names the form field the message belongs to, when there is one.
    """

    def __init__(self, message: str, *, field: str | None = None, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code

    def attach_to(self, form) -> None:  # type: ignore[no-untyped-def]
        """Show this error on a Django form, next to its field when the form has it."""
        field = self.field if self.field in getattr(form, "fields", {}) else None
        form.add_error(field, self.message)


class Forbidden(PermissionDenied):
    """The permission gate refused the user (pamong.core.gate). ``message`` is shown to the user (Bahasa
    Indonesia).

    Not a ``DomainError`` on purpose: a view shows a domain error next to the form the user filled in, but a user
    who may not take the action at all gets the 403 page with this message (Django turns PermissionDenied into
    it), whatever the view catches. The API answers 403 with the message.
    """

    code = "forbidden"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
