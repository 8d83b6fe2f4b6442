"""Who may see what: one place that turns a user into the region subtree they see.

Every queryset of operational data passes through ``Scope.q`` via its ``visible_to(user)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Self, TypeVar

from django.db import models
from django.db.models import Q


@dataclass(frozen=True)
class Scope:
    """A region subtree. ``everything`` for admins; ``nothing`` for anonymous users."""

    region_code: str | None
    everything: bool = False

    @classmethod
    def nothing(cls) -> Scope:
        return cls(region_code=None, everything=False)

    @classmethod
    def all(cls) -> Scope:
        return cls(region_code=None, everything=True)

    def q(self, field: str) -> Q:
        """A filter on a field that holds a Kemendagri region code (a Region foreign key or a code column)."""
        if self.everything:
            return Q()
        if not self.region_code:
            return Q(pk__in=[])
        return Q(**{field: self.region_code}) | Q(**{f"{field}__startswith": self.region_code + "."})

    def contains(self, region_code: str | None) -> bool:
        if self.everything:
            return True
        if not self.region_code or not region_code:
            return False
        return region_code == self.region_code or region_code.startswith(self.region_code + ".")


def scope_of(user: Any) -> Scope:
    """The region subtree a user sees. Computed once per request and kept on the user object."""
    if user is None or not getattr(user, "is_authenticated", False):
        return Scope.nothing()
    cached = getattr(user, "_pamong_scope", None)
    if cached is not None:
        return cached
    scope = user.compute_scope()
    user._pamong_scope = scope
    return scope


_M = TypeVar("_M", bound=models.Model)


class ScopedQuerySet(models.QuerySet[_M, _M]):
    """A queryset whose rows belong to a region; ``region_field`` names the field with the region code."""

    region_field = "region__code"

    def visible_to(self, user: Any) -> Self:
        return self.filter(scope_of(user).q(self.region_field))
