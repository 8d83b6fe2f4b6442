"""API keys: made once, shown once, kept only as a SHA-256 hash."""

from __future__ import annotations

import hashlib
import secrets

from pamong.api.models import ApiClient


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def api_client_create(*, name: str, contact: str = "", hourly_limit: int = 600) -> tuple[ApiClient, str]:
    """A new client and its key (returned once; only its hash is stored)."""
    key = "pmg_" + secrets.token_urlsafe(24)
    client = ApiClient.objects.create(
        name=name, contact=contact, key_prefix=key[:8], key_hash=_digest(key), hourly_limit=hourly_limit
    )
    return client, key


def api_client_by_key(key: str) -> ApiClient | None:
    if not key or len(key) > 100:
        return None
    return ApiClient.objects.filter(key_hash=_digest(key), active=True).first()
