"""SKP is for ASN only: a kepala desa (elected) and perangkat desa are not assessed with SKP."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from pamong.accounts.models import Role
from pamong.core.errors import DomainError
from pamong.skp.models import SkpAssessment
from pamong.skp.services import rater_for
from pamong.skp.testing import post_data
from pamong.testing import make_employee, make_kepala_desa, make_konsel, make_perangkat, make_user

pytestmark = pytest.mark.django_db


def test_a_kepala_desa_cannot_be_given_an_skp(client: Client) -> None:
    konsel = make_konsel()
    camat = make_employee(konsel.kantor_camat, "Andi Musa", konsel.position(konsel.kantor_camat, "Camat"))
    camat_tinanggea = make_user("camat_tinanggea", Role.KEPALA_UNIT, camat)
    kades = make_kepala_desa(konsel)
    # The kepala desa reports to the camat in the chain, but is no ASN: nobody rates them with SKP.
    with pytest.raises(DomainError, match="SKP hanya untuk ASN") as error:
        rater_for(kades)
    assert error.value.code == "not_asn"
    client.force_login(camat_tinanggea)
    url = reverse("skp:assess", kwargs={"employee_pk": kades.pk, "period": "2026"})
    refused = client.post(url, post_data(finalkan="1"))
    assert refused.status_code == 403 and "SKP hanya untuk ASN" in refused.content.decode()
    assert not SkpAssessment.objects.exists()
    # Not offered: not on the camat's list of people to rate, nor a link on the employee page.
    assert url not in client.get(reverse("skp:rater")).content.decode()
    page = client.get(reverse("organization:employee", args=[kades.pk])).content.decode()
    assert "SKP hanya untuk ASN" in page and "Nilai di Penilaian SKP" not in page


def test_perangkat_desa_are_not_on_the_kepala_desas_skp_list(client: Client) -> None:
    konsel = make_konsel()
    kades = make_kepala_desa(konsel)
    kades_user = make_user("kades_lapoa", Role.KEPALA_UNIT, kades)
    sekdes = make_perangkat(konsel, "Sekretaris Desa", "Wa Ode Hasnah", gender="P")
    with pytest.raises(DomainError, match="perangkat desa"):
        rater_for(sekdes)
    client.force_login(kades_user)
    listing = client.get(reverse("skp:rater")).content.decode()
    assert "Wa Ode Hasnah" not in listing
