from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from axes.models import AccessAttempt, AccessLog
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from pamong.accounts.models import User
from pamong.testing import Padang

pytestmark = pytest.mark.django_db
PASSWORD = "rahasia-panjang-123"


def current_token(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def sign_in(client: Client, username: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_sign_in_and_out_are_recorded(client: Client, petugas_belakang_pondok: User) -> None:
    response = sign_in(client, "petugas_bp")
    assert response.status_code == 302
    assert client.get(reverse("organization:staffing")).status_code == 200
    log = AccessLog.objects.get(username="petugas_bp")
    assert log.attempt_time is not None and log.logout_time is None
    client.post(reverse("accounts:logout"))
    log.refresh_from_db()
    assert log.logout_time is not None


def test_wrong_password_message_is_indonesian(client: Client, petugas_belakang_pondok: User) -> None:
    html = sign_in(client, "petugas_bp", "salah").content.decode()
    assert "Nama pengguna atau kata sandi salah" in html
    assert 'value="petugas_bp"' in html


def test_five_failures_lock_the_account(client: Client, petugas_belakang_pondok: User) -> None:
    for _ in range(4):
        assert sign_in(client, "petugas_bp", "salah").status_code == 200
    locked = sign_in(client, "petugas_bp", "salah")
    assert locked.status_code == 429
    assert "Akun dikunci sementara" in locked.content.decode()
    # Even the right password is refused while locked.
    assert sign_in(client, "petugas_bp").status_code == 429
    # The refused attempt while locked counts too.
    assert AccessAttempt.objects.get(username="petugas_bp").failures_since_start == 6


@override_settings(PAMONG_REQUIRE_OTP=True)
def test_pimpinan_daerah_must_set_up_and_use_totp(client: Client, padang: Padang, pimpinan_padang: User) -> None:
    sign_in(client, "pimpinan")
    response = client.get(reverse("organization:employees"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp"))
    setup = client.get(reverse("accounts:otp_setup") + "?next=/pegawai/")
    assert setup.status_code == 200
    assert "data:image/svg+xml" in setup.content.decode()
    device = TOTPDevice.objects.get(user=pimpinan_padang, confirmed=False)

    start = dt.datetime.now(dt.UTC)
    with time_machine.travel(start, tick=False):
        wrong = client.post(reverse("accounts:otp_setup") + "?next=/pegawai/", {"token": "000000"})
        assert "Kode tidak cocok" in wrong.content.decode()
        # A good code straight after a wrong one is slowed down, and the user is told why.
        throttled = client.post(reverse("accounts:otp_setup") + "?next=/pegawai/", {"token": current_token(device)})
        assert "Tunggu beberapa detik" in throttled.content.decode()

    with time_machine.travel(start + dt.timedelta(seconds=30)):
        done = client.post(reverse("accounts:otp_setup") + "?next=/pegawai/", {"token": current_token(device)})
        assert done.status_code == 302 and done["Location"] == reverse("organization:employees")
        assert client.get(reverse("organization:employees")).status_code == 200

    # Next sign-in asks for a code from the confirmed device.
    client.post(reverse("accounts:logout"))
    sign_in(client, "pimpinan")
    assert client.get(reverse("organization:staffing"))["Location"].startswith(reverse("accounts:otp") + "?")


@override_settings(PAMONG_REQUIRE_OTP=True)
def test_petugas_does_not_need_a_second_factor(client: Client, petugas_belakang_pondok: User) -> None:
    sign_in(client, "petugas_bp")
    assert client.get(reverse("organization:employees")).status_code == 200


@override_settings(PAMONG_REQUIRE_OTP=True)
def test_otp_next_parameter_cannot_send_users_elsewhere(client: Client, padang: Padang, pimpinan_padang: User) -> None:
    sign_in(client, "pimpinan")
    client.get(reverse("accounts:otp_setup"))
    device = TOTPDevice.objects.get(user=pimpinan_padang)
    done = client.post(
        reverse("accounts:otp_setup") + "?next=https://contoh.invalid/", {"token": current_token(device)}
    )
    assert done["Location"] == reverse("desk:home")


@override_settings(PAMONG_REQUIRE_OTP=True)
def test_the_way_back_after_the_second_factor_keeps_the_whole_address(
    client: Client, padang: Padang, pimpinan_padang: User
) -> None:
    sign_in(client, "pimpinan")
    response = client.get(reverse("organization:employees") + "?q=a&unit=3")
    assert response["Location"] == reverse("accounts:otp") + "?next=%2Fpegawai%2F%3Fq%3Da%26unit%3D3"
