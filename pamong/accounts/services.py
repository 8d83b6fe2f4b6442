"""Writes for staff accounts: second-factor devices and account creation."""

from __future__ import annotations

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from pamong.accounts.models import Role, User
from pamong.core.errors import DomainError
from pamong.organization.models import Employee


def totp_device_pending(*, user: User) -> TOTPDevice:
    """The unconfirmed TOTP device a user is setting up, created on first call."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Aplikasi autentikator", confirmed=False)
    return device


def check_not_throttled(device: TOTPDevice) -> None:
    """django-otp slows down guessing after a wrong code; tell the user instead of calling a good code wrong."""
    allowed, _data = device.verify_is_allowed()
    if not allowed:
        raise DomainError(
            "Terlalu banyak kode salah. Tunggu beberapa detik lalu masukkan kode yang baru.", field="token"
        )


def totp_device_confirm(*, user: User, token: str) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        raise DomainError("Tidak ada perangkat yang sedang didaftarkan. Muat ulang halaman.", field="token")
    check_not_throttled(device)
    if not device.verify_token(token.strip()):
        raise DomainError("Kode tidak cocok. Periksa jam ponsel lalu masukkan kode yang baru.", field="token")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    return device


def totp_device_verify(*, user: User, token: str) -> TOTPDevice:
    """The second factor at sign-in: the user's confirmed device must accept the code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        raise DomainError("Belum ada aplikasi autentikator terdaftar.", field="token")
    check_not_throttled(device)
    if not device.verify_token(token.strip()):
        raise DomainError("Kode tidak cocok atau sudah kedaluwarsa. Coba kode yang baru.", field="token")
    return device


def user_create_for_employee(*, employee: Employee, username: str, password: str, role: Role, email: str = "") -> User:
    if User.objects.filter(username=username).exists():
        raise DomainError(f"Nama pengguna {username} sudah dipakai.", field="username")
    user = User(username=username, email=email or employee.email, role=role, employee=employee)
    user.first_name = employee.name[:150]
    user.is_staff = role == Role.ADMIN
    user.is_superuser = role == Role.ADMIN
    user.set_password(password)
    user.save()
    return user


def admin_account_ensure(*, username: str, password: str | None, email: str = "") -> tuple[User, bool]:
    """The first admin account of a deployment (Diskominfo). Created with the password checked against the password
    validators; an existing account is kept as it is (its password is not changed). Returns (user, created)."""
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user, False
    if not password:
        raise DomainError("Kata sandi admin diperlukan untuk membuat akun baru.", field="password")
    candidate = admin_password_check(username=username, password=password, email=email)
    candidate.is_staff = candidate.is_superuser = True
    candidate.set_password(password)
    candidate.save()
    return candidate, True


def admin_password_check(*, username: str, password: str, email: str = "") -> User:
    """Check a new admin's password against the password validators before anything is made; returns the unsaved
    account it was checked for."""
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    candidate = User(username=username, email=email, role=Role.ADMIN, first_name="Admin Diskominfo")
    try:
        validate_password(password, candidate)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), field="password") from exc
    return candidate
