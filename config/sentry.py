"""Optional error reporting to Sentry (or a compatible service such as GlitchTip), on only when SENTRY_DSN is set.

Nothing personal leaves the server: no user data (send_default_pii off), no request bodies (a citizen's form
carries NIK and phone numbers), no local variables of the failing code. Errors logged at ERROR (a task that
failed for good, a scheduler job that failed) are sent as events; WARNING lines travel along as breadcrumbs.
"""

from __future__ import annotations

import os


def init_sentry(dsn: str) -> None:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration()],
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        release=os.environ.get("SENTRY_RELEASE") or None,
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
    )
