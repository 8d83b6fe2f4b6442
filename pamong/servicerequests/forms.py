"""The citizen's application form, built from the service's own fields and required documents."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django import forms
from django.utils import timezone
from lokal import normalize_phone, parse_nik

from pamong.catalog.models import ServiceField, ServiceType
from pamong.core.errors import DomainError
from pamong.core.forms import KeepsFiles, bootstrap
from pamong.core.staging import Keeper
from pamong.core.uploads import CleanFile, clean_upload
from pamong.organization.models import Unit
from pamong.regions.models import Region
from pamong.servicerequests.services import Applicant

RELIGIONS = ["Islam", "Kristen", "Katolik", "Hindu", "Buddha", "Khonghucu", "Kepercayaan terhadap Tuhan YME"]
REQUIRED = {"required": "Wajib diisi."}
ACCEPT = "application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
# The browser checks 16 digits as a courtesy before sending (pamong/static/pamong/forms.js); the server decides.
NIK_ATTRS = {"inputmode": "numeric", "autocomplete": "off", "data-periksa": "nik"}


def nik_problem(nik: str, *, birth_date: dt.date | None, gender: str | None) -> str | None:
    """Why a NIK cannot be the applicant's, or None: valid structure, and the birth date and sex it encodes agree."""
    info = parse_nik(nik)
    if not info.valid:
        return " ".join(issue.message for issue in info.errors) or "NIK tidak valid."
    if birth_date and info.birth_date and info.birth_date != birth_date.isoformat():
        encoded = dt.date.fromisoformat(info.birth_date)
        return (
            f"NIK ini milik orang yang lahir {encoded:%d-%m-%Y}, bukan {birth_date:%d-%m-%Y}. "
            "Periksa NIK dan tanggal lahir."
        )
    if gender and info.gender and info.gender != gender:
        encoded_sex = "laki-laki" if info.gender == "L" else "perempuan"
        return f"NIK ini milik seorang {encoded_sex}. Periksa NIK dan jenis kelamin."
    return None


def unit_choices(service: ServiceType) -> list[tuple[str, list[tuple[int, str]]]]:
    """Offices that give this service, grouped by kecamatan, for a select with option groups."""
    if service.level == ServiceType.Level.KECAMATAN:
        units = Unit.objects.filter(kabkota_code=service.kabkota_code, kind=Unit.Kind.KANTOR_CAMAT)
    else:
        units = Unit.objects.filter(
            kabkota_code=service.kabkota_code, kind__in=(Unit.Kind.KANTOR_LURAH, Unit.Kind.KANTOR_DESA)
        )
    units = units.select_related("region").order_by("region_id")
    kecamatan = dict(
        Region.objects.filter(code__startswith=service.kabkota_code + ".", level=Region.Level.KECAMATAN).values_list(
            "code", "name"
        )
    )
    groups: dict[str, list[tuple[int, str]]] = {}
    for unit in units:
        group = f"Kecamatan {kecamatan.get(unit.region_id[:8], '')}".strip()
        groups.setdefault(group, []).append((unit.pk, unit.name))
    return list(groups.items())


class ApplicationForm(KeepsFiles):
    token = forms.CharField(widget=forms.HiddenInput)
    unit = forms.TypedChoiceField(label="Kantor yang dituju", coerce=int, error_messages=REQUIRED)
    nik = forms.CharField(
        label="NIK",
        max_length=24,
        help_text="16 digit, sesuai KTP-el atau Kartu Keluarga.",
        widget=forms.TextInput(attrs=NIK_ATTRS),
        error_messages=REQUIRED,
    )
    name = forms.CharField(label="Nama lengkap", max_length=160, error_messages=REQUIRED)
    birth_place = forms.CharField(label="Tempat lahir", max_length=80, error_messages=REQUIRED)
    birth_date = forms.DateField(
        label="Tanggal lahir",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={**REQUIRED, "invalid": "Tanggal tidak valid."},
    )
    gender = forms.ChoiceField(
        label="Jenis kelamin", choices=[("", "—"), ("L", "Laki-laki"), ("P", "Perempuan")], error_messages=REQUIRED
    )
    religion = forms.ChoiceField(label="Agama", choices=[("", "—"), *[(r, r) for r in RELIGIONS]], required=False)
    occupation = forms.CharField(label="Pekerjaan", max_length=80, required=False)
    address = forms.CharField(
        label="Alamat sesuai KTP/KK",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages=REQUIRED,
    )
    phone = forms.CharField(
        label="Nomor ponsel/WhatsApp",
        max_length=20,
        help_text="Untuk pemberitahuan status permohonan.",
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        error_messages=REQUIRED,
    )
    email = forms.EmailField(
        label="Surel (opsional)", required=False, error_messages={"invalid": "Alamat surel tidak valid."}
    )
    statement = forms.BooleanField(
        label="Saya menyatakan data dan berkas yang saya kirim benar dan dapat dipertanggungjawabkan.",
        error_messages={"required": "Centang pernyataan ini untuk mengirim permohonan."},
    )

    def __init__(self, *args: Any, service: ServiceType, keeper: Keeper | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.service = service
        cast_unit = self.fields["unit"]
        assert isinstance(cast_unit, forms.TypedChoiceField)
        cast_unit.choices = [("", "— pilih kantor —"), *unit_choices(service)]
        if not self.is_bound:
            self.initial.setdefault("token", uuid.uuid4().hex)
        self.service_fields = list(service.fields.all())
        for spec in self.service_fields:
            self.fields[f"f_{spec.code}"] = self._field_for(spec)
        self.documents = list(service.documents.all())
        for doc in self.documents:
            self.fields[f"doc_{doc.pk}"] = forms.FileField(
                label=doc.name,
                required=doc.required,
                help_text=doc.note or "PDF, JPEG atau PNG, paling besar 5 MB.",
                error_messages={"required": "Unggah berkas ini.", "empty": "Berkas kosong."},
                widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
            )
        self.clean_files: list[tuple[int | None, str, CleanFile]] = []
        file_names = [n for n, f in self.fields.items() if isinstance(f, forms.FileField)]
        self.keep_setup(keeper, instance=str(self.data.get("token", "")) if self.is_bound else "", names=file_names)
        bootstrap(self)

    @staticmethod
    def _field_for(spec: ServiceField) -> forms.Field:
        common: dict[str, Any] = {"label": spec.label, "required": spec.required, "help_text": spec.help}
        kind = spec.kind
        if kind == ServiceField.Kind.TEXTAREA:
            return forms.CharField(
                max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), error_messages=REQUIRED, **common
            )
        if kind == ServiceField.Kind.ADDRESS:
            return forms.CharField(
                max_length=300, widget=forms.Textarea(attrs={"rows": 2}), error_messages=REQUIRED, **common
            )
        if kind == ServiceField.Kind.NUMBER:
            return forms.IntegerField(
                min_value=0,
                error_messages={**REQUIRED, "invalid": "Isi dengan angka.", "min_value": "Tidak boleh negatif."},
                **common,
            )
        if kind == ServiceField.Kind.DATE:
            return forms.DateField(
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                error_messages={**REQUIRED, "invalid": "Tanggal tidak valid."},
                **common,
            )
        if kind == ServiceField.Kind.CHOICE:
            return forms.ChoiceField(
                choices=[("", "—"), *[(c, c) for c in spec.choice_list()]],
                error_messages={**REQUIRED, "invalid_choice": "Pilih salah satu pilihan yang ada."},
                **common,
            )
        if kind == ServiceField.Kind.NIK:
            return forms.CharField(
                max_length=24, widget=forms.TextInput(attrs=NIK_ATTRS), error_messages=REQUIRED, **common
            )
        if kind == ServiceField.Kind.FILE:
            return forms.FileField(
                error_messages={"required": "Unggah berkas ini.", "empty": "Berkas kosong."},
                widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
                **common,
            )
        return forms.CharField(max_length=200, error_messages=REQUIRED, **common)

    def clean_nik(self) -> str:
        return "".join(ch for ch in self.cleaned_data["nik"] if ch.isdigit())

    def clean_phone(self) -> str:
        phone = normalize_phone(self.cleaned_data["phone"])
        if phone is None:
            raise forms.ValidationError("Nomor ponsel tidak dikenali. Contoh: 0812 3456 7890.")
        return phone

    def clean_birth_date(self) -> dt.date:
        value = self.cleaned_data["birth_date"]
        if value > timezone.localdate():
            raise forms.ValidationError("Tanggal lahir tidak boleh di masa depan.")
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "nik" in data:
            problem = nik_problem(data["nik"], birth_date=data.get("birth_date"), gender=data.get("gender"))
            if problem:
                self.add_error("nik", problem)
        for spec in self.service_fields:
            name = f"f_{spec.code}"
            value = data.get(name)
            if spec.kind == ServiceField.Kind.NIK and value:
                digits = "".join(ch for ch in value if ch.isdigit())
                problem = nik_problem(digits, birth_date=None, gender=None)
                if problem:
                    self.add_error(name, problem)
                else:
                    data[name] = digits
        self.clean_files = []
        for doc in self.documents:
            self._clean_file(f"doc_{doc.pk}", doc.pk, "")
        for spec in self.service_fields:
            if spec.kind == ServiceField.Kind.FILE:
                self._clean_file(f"f_{spec.code}", None, spec.code)
        return data

    def _clean_file(self, name: str, requirement_id: int | None, field_code: str) -> None:
        upload = self.cleaned_data.get(name)
        if not upload:
            if name not in self.errors:
                self.clean_files.extend((requirement_id, field_code, kept) for kept in self.keep_clean(name))
            return
        try:
            clean = clean_upload(upload, field=name)
        except DomainError as exc:
            self.add_error(name, exc.message)
            return
        self.clean_files.append((requirement_id, field_code, clean))
        self.keep_passed(name, clean)

    def unit_instance(self) -> Unit:
        return Unit.objects.select_related("region").get(pk=self.cleaned_data["unit"])

    def applicant(self) -> Applicant:
        d = self.cleaned_data
        return Applicant(
            nik=d["nik"],
            name=d["name"],
            birth_place=d["birth_place"],
            birth_date=d["birth_date"],
            gender=d["gender"],
            address=d["address"],
            phone=d["phone"],
            email=d["email"],
            religion=d["religion"],
            occupation=d["occupation"],
        )

    def answers(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for spec in self.service_fields:
            if spec.kind == ServiceField.Kind.FILE:
                continue
            value = self.cleaned_data.get(f"f_{spec.code}")
            out[spec.code] = value.isoformat() if isinstance(value, dt.date) else value
        return out

    APPLICANT_FIELDS = (
        "nik",
        "name",
        "birth_place",
        "birth_date",
        "gender",
        "religion",
        "occupation",
        "address",
        "phone",
        "email",
    )

    def applicant_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.APPLICANT_FIELDS]

    def answer_fields(self) -> list[forms.BoundField]:
        return [self[f"f_{spec.code}"] for spec in self.service_fields]

    def document_fields(self) -> list[forms.BoundField]:
        return [self[f"doc_{doc.pk}"] for doc in self.documents]


class CorrectionForm(KeepsFiles):
    """The citizen corrects a returned request: proves it is theirs with the NIK, adds documents, may reply."""

    nik = forms.CharField(
        label="NIK pemohon", max_length=24, error_messages=REQUIRED, widget=forms.TextInput(attrs=NIK_ATTRS)
    )
    reply = forms.CharField(
        label="Keterangan untuk petugas", required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self, *args: Any, documents: list[Any], keeper: Keeper | None = None, instance: str = "", **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.documents = documents
        for doc in documents:
            self.fields[f"doc_{doc.pk}"] = forms.FileField(
                label=doc.name,
                required=False,
                help_text="Unggah bila diminta petugas. PDF, JPEG atau PNG, maks. 5 MB.",
                widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
            )
        self.clean_files: list[tuple[int | None, str, CleanFile]] = []
        self.keep_setup(keeper, instance=instance, names=[f"doc_{doc.pk}" for doc in documents])
        bootstrap(self)

    def clean_nik(self) -> str:
        return "".join(ch for ch in self.cleaned_data["nik"] if ch.isdigit())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.clean_files = []
        for doc in self.documents:
            name = f"doc_{doc.pk}"
            upload = data.get(name)
            if not upload:
                self.clean_files.extend((doc.pk, "", kept) for kept in self.keep_clean(name))
                continue
            try:
                clean = clean_upload(upload, field=name)
            except DomainError as exc:
                self.add_error(name, exc.message)
                continue
            self.clean_files.append((doc.pk, "", clean))
            self.keep_passed(name, clean)
        return data
