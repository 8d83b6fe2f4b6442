"""Approving the Standar Pelayanan: services loaded from the standard catalogue wait for a head's approval; only
pimpinan daerah and the head of the Bagian Tata Pemerintahan approve; an admin's change to the standard sends it
back for approval."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from pamong.accounts.models import Role, User
from pamong.catalog.models import ServiceType
from pamong.catalog.services import service_types_load
from pamong.catalog.testing import DOMISILI, with_changes
from pamong.organization.models import Position
from pamong.testing import Padang, make_position, make_user

pytestmark = pytest.mark.django_db
REVIEW = reverse("catalog:review")


def _load() -> ServiceType:
    service_types_load(
        kabkota_code="13.71", data=[DOMISILI, with_changes(code="sk-usaha", name="Surat Keterangan Usaha")]
    )
    return ServiceType.objects.get(code="sk-domisili")


def test_a_loaded_service_waits_and_pimpinan_approves_it(client: Client, pimpinan_padang: User) -> None:
    service = _load()
    assert service.needs_review
    client.force_login(pimpinan_padang)
    page = client.get(REVIEW).content.decode()
    assert "2 dari 2 layanan perlu ditinjau" in page
    assert page.count("Setujui standar") == 2

    response = client.post(reverse("catalog:approve", args=[service.code]), follow=True)

    service.refresh_from_db()
    assert not service.needs_review and service.reviewed_by == pimpinan_padang
    page = response.content.decode()
    assert "Standar pelayanan Surat Keterangan Domisili disetujui." in page
    assert "1 dari 2 layanan perlu ditinjau" in page
    assert ServiceType.objects.get(code="sk-usaha").needs_review


def test_the_head_of_tata_pemerintahan_approves(client: Client, padang: Padang) -> None:
    service = _load()
    padang.kabag.position = make_position(padang.tapem, "Kepala Bagian Tata Pemerintahan", Position.Kind.KEPALA)
    padang.kabag.save()
    client.force_login(make_user("kabag", Role.KEPALA_UNIT, padang.kabag))
    client.post(reverse("catalog:approve", args=[service.code]))
    service.refresh_from_db()
    assert not service.needs_review


@pytest.mark.parametrize("who", ["camat_padang_selatan", "lurah_belakang_pondok", "admin_diskominfo"])
def test_others_may_not_approve(client: Client, who: str, request: pytest.FixtureRequest) -> None:
    service = _load()
    client.force_login(request.getfixturevalue(who))
    response = client.post(reverse("catalog:approve", args=[service.code]))
    assert response.status_code == 403
    service.refresh_from_db()
    assert service.needs_review
    page = client.get(REVIEW)
    if who == "admin_diskominfo":  # the admin keeps the catalogue and sees the list, without the button
        assert page.status_code == 200 and "Setujui standar" not in page.content.decode()
    else:
        assert page.status_code == 404


def test_an_admin_change_to_the_standard_needs_approval_again(client: Client, pimpinan_padang: User) -> None:
    service = _load()
    client.force_login(pimpinan_padang)
    client.post(reverse("catalog:approve", args=[service.code]))
    admin = make_user("superadmin", Role.ADMIN)
    client.force_login(admin)
    url = reverse("admin:catalog_servicetype_change", args=[service.pk])
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data |= {name: form[name].value() for name in form.fields if form[name].value() is not None}
    for prefix, inline in (("documents", service.documents.all()), ("fields", service.fields.all())):
        rows = list(inline)
        data |= {f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": len(rows)}
        for i, row in enumerate(rows):
            data[f"{prefix}-{i}-id"] = row.pk
            data[f"{prefix}-{i}-service"] = service.pk
            for name in ("order", "name", "note", "required", "code", "label", "kind", "help", "choices"):
                if hasattr(row, name):
                    value = getattr(row, name)
                    if value is not False:
                        data[f"{prefix}-{i}-{name}"] = value

    # Saving with no change keeps the approval.
    assert client.post(url, data).status_code == 302
    service.refresh_from_db()
    assert not service.needs_review
    # A new fee is a new standard.
    assert client.post(url, data | {"fee": 10000}).status_code == 302
    service.refresh_from_db()
    assert service.fee == 10000 and service.needs_review and service.reviewed_by is None
