"""What apps above servicerequests add to a request's pages and messages, registered at start-up in their
``AppConfig.ready``, so that servicerequests never imports them (the layers run one way): today the SKM invitation
of a finished request, from surveys."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pamong.servicerequests.models import ServiceRequest

# A function of a finished request giving its invitation (with ``url``, ``path``, ``qr``, ``answered``) or None.
Invitation = Callable[[ServiceRequest], Any]
_invitations: list[Invitation] = []


def register_invitation(provider: Invitation) -> None:
    if provider not in _invitations:
        _invitations.append(provider)


def invitation_for(request: ServiceRequest) -> Any:
    """The first invitation a registered app offers for this finished request, or None."""
    for provider in _invitations:
        found = provider(request)
        if found is not None:
            return found
    return None
