"""No page one user saw is ever served to another: every page without URL arguments, opened by one user and then
by a colleague with the same scope (camat then sekcam, lurah then petugas), is exactly what the colleague gets on
an empty cache. Every whole-page cache declared in pamong.core.pagecache is also opened at its own URL."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from pamong.accounts.models import Role, User
from pamong.core import pagecache
from pamong.organization.models import Position
from pamong.testing import Padang, make_employee, make_position, make_user

# Pages that answer something other than a page for a person: downloads, feeds, machine endpoints.
NOT_PAGES = ("admin:", "api-", "open311:", "logout", "healthz", "feed", "ekspor", "xlsx", "csv", "pdf")
# Per-render values: the CSRF token and the one-time token of a form (a double submit makes one record).
_TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value="|"X-CSRFToken": "|name="(?:submit_)?token" value=")[^"]+')


def _pages_without_arguments() -> list[str]:
    found: list[str] = []

    def walk(patterns: list[Any], prefix: str, namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
                walk(p.url_patterns, prefix + str(p.pattern), ns)
            elif isinstance(p, URLPattern) and p.name and not p.pattern.converters and "(?P" not in str(p.pattern):
                name = namespace + p.name
                if not any(word in name for word in NOT_PAGES):
                    found.append(name)

    walk(get_resolver().url_patterns, "", "")
    return sorted(set(found))


def _normalised(html: str) -> str:
    return _TOKEN.sub(r"\1TOKEN", html)


@pytest.fixture
def sekcam_padang_selatan(padang: Padang) -> User:
    position = make_position(padang.kantor_camat_ps, "Sekretaris Camat", Position.Kind.SEKRETARIS)
    return make_user("sekcam_ps", Role.SEKRETARIS, make_employee(padang.kantor_camat_ps, "Nofrizal", position))


@pytest.fixture
def work(padang: Padang) -> None:
    from pamong.servicerequests.testing import make_request, make_service

    make_request(padang.kantor_lurah_bp, make_service())


def _get(user: User, url: str) -> tuple[int, str]:
    client = Client()
    client.force_login(user)
    response = client.get(url)
    if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
        return response.status_code, response.get("Content-Type", "")
    return response.status_code, _normalised(response.content.decode())


@pytest.mark.slow
def test_a_colleague_with_the_same_scope_never_gets_the_page_another_user_saw(
    padang: Padang,
    work: None,
    camat_padang_selatan: User,
    sekcam_padang_selatan: User,
    lurah_belakang_pondok: User,
    petugas_belakang_pondok: User,
) -> None:
    pairs = [(camat_padang_selatan, sekcam_padang_selatan), (lurah_belakang_pondok, petugas_belakang_pondok)]
    names = _pages_without_arguments()
    urls = [reverse(n) for n in names]
    checked = 0
    for first, second in pairs:
        for url in urls:
            for each in caches.all():
                each.clear()
            status, _ = _get(first, url)
            warm_status, warm = _get(second, url)
            for each in caches.all():
                each.clear()
            cold_status, cold = _get(second, url)
            if (warm_status, warm) != (cold_status, cold):
                import difflib

                diff = "\n".join(difflib.unified_diff(cold.splitlines(), warm.splitlines(), lineterm="", n=1))
                raise AssertionError(f"{second.username} got another page at {url}:\n{diff[:3000]}")
            checked += status == 200 and cold_status == 200
    assert checked >= 40  # most staff pages open for both users of a pair


def test_every_declared_page_cache_keeps_users_apart(
    padang: Padang, camat_padang_selatan: User, sekcam_padang_selatan: User
) -> None:
    from pamong.servicerequests.testing import make_request, make_service

    request = make_request(padang.kantor_lurah_bp, make_service())
    from pamong.innovation.models import Status as InnovationStatus
    from pamong.innovation.testing import make_innovation

    innovation = make_innovation(padang.kantor_lurah_bp, status=InnovationStatus.DITERBITKAN)
    urls = {
        "servicerequests.inbox": reverse("servicerequests:inbox"),
        "servicerequests.track": reverse("servicerequests:track", kwargs={"code": request.code}),
        "complaints.board": reverse("complaints:board"),
        "kinerja.dashboard": reverse("kinerja:dashboard"),
        "portal.region": reverse("portal:region", kwargs={"code": "13.71.01"}),
        "portal.front": reverse("portal:front"),
        "portal.browse": reverse("portal:browse", kwargs={"code": "13.71.01"}),
        "catalog.catalogue": reverse("catalog:catalogue"),
        "surveys.public_index": reverse("surveys:public_index"),
        "innovation.public_list": reverse("innovation:public_list"),
        "innovation.public_detail": reverse("innovation:public_detail", kwargs={"pk": innovation.pk}),
    }
    assert set(urls) == set(pagecache.REGISTRY), "a declared page cache has no URL in this test"
    for name, url in urls.items():
        caches["local"].clear()
        _get(camat_padang_selatan, url)
        warm = _get(sekcam_padang_selatan, url)
        caches["local"].clear()
        assert warm == _get(sekcam_padang_selatan, url), name
        assert warm[0] == 200 and sekcam_padang_selatan.employee.name in warm[1], name  # type: ignore[union-attr]


def test_the_kept_menu_follows_the_users_account_and_post(
    padang: Padang, camat_padang_selatan: User, django_capture_on_commit_callbacks: Any
) -> None:
    """base.html keeps each user's rendered menu between pages; a change of the user's role (the admin page) or
    of their post shows on the next page, and a colleague never gets it."""
    petugas = make_user("petugas_menu", Role.PETUGAS, make_employee(padang.kantor_lurah_bp, "Rahmi"))
    caches["local"].clear()
    inbox = reverse("servicerequests:inbox")
    admin_link = f'href="{reverse("admin:index")}"'
    assert admin_link not in _get(petugas, inbox)[1]
    with django_capture_on_commit_callbacks(execute=True):
        petugas.role = Role.ADMIN
        petugas.is_staff = True
        petugas.save()
    assert admin_link in _get(petugas, inbox)[1]
    assert admin_link not in _get(camat_padang_selatan, inbox)[1]
    with django_capture_on_commit_callbacks(execute=True):
        petugas.role = Role.PETUGAS
        petugas.save()
    assert admin_link not in _get(petugas, inbox)[1]
