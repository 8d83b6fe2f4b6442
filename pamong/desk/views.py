"""Meja kerja: where staff land after signing in — what waits for them, counted, oldest deadline first."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from pamong.core.scope import scope_of
from pamong.desk.selectors import desk
from pamong.regions.models import Region


@login_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request.user)
    return render(
        request,
        "desk/home.html",
        {
            "desk": desk(user=request.user),
            "scope_region": Region.objects.filter(code=scope.region_code).first() if scope.region_code else None,
        },
    )
