"""The public complaint form, the staff intake form and the form of each staff step."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from django import forms
from lokal import normalize_phone

from pamong.complaints.models import Category, CategoryField, Rejection
from pamong.complaints.services import MAX_PHOTOS, Report
from pamong.core import geo
from pamong.core.errors import DomainError
from pamong.core.forms import KeepsFiles, MultipleFileField, MultipleFileInput, bootstrap
from pamong.core.staging import Keeper
from pamong.core.transitions import Field, Transition
from pamong.core.uploads import CleanFile, clean_upload
from pamong.regions.deployment import deployment
from pamong.regions.models import Region

REQUIRED = {"required": "Wajib diisi."}


def _coordinate(label: str, bounds: tuple[Decimal, Decimal]) -> forms.DecimalField:
    outside = "Di luar wilayah Indonesia."
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=bounds[0],
        max_value=bounds[1],
        decimal_places=6,
        error_messages={"invalid": "Koordinat tidak valid.", "min_value": outside, "max_value": outside},
    )


def _question_field(spec: CategoryField) -> forms.Field:
    """A form field for one category question; never required here (required only under the chosen category),
    but a required question is marked so (the asterisk, and the browser's courtesy check while it is shown)."""
    field = _question_input(spec)
    if spec.required:
        field.marked_required = True  # type: ignore[attr-defined]
        field.widget.attrs.update({"data-wajib": "1", "aria-required": "true"})
    return field


def _question_input(spec: CategoryField) -> forms.Field:
    common: dict[str, Any] = {"label": spec.label, "required": False}
    if spec.kind == CategoryField.Kind.CHOICE:
        return forms.ChoiceField(
            choices=[("", "— pilih —"), *spec.choice_list()],
            error_messages={"invalid_choice": "Pilihan tidak dikenal."},
            **common,
        )
    if spec.kind == CategoryField.Kind.NUMBER:
        return forms.DecimalField(
            localize=True,
            min_value=0,
            max_digits=15,
            decimal_places=2,
            error_messages={
                "invalid": "Isi dengan angka, mis. 150000 atau 2,5.",
                "min_value": "Tidak boleh negatif.",
                "max_digits": "Angka terlalu besar.",
                "max_decimal_places": "Paling banyak dua angka di belakang koma.",
            },
            widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            **common,
        )
    if spec.kind == CategoryField.Kind.TEXT:
        return forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), **common)
    return forms.CharField(max_length=200, **common)


class ComplaintForm(KeepsFiles):
    token = forms.RegexField(regex=r"^[0-9a-f]{8,40}$", max_length=40, widget=forms.HiddenInput)
    category = forms.TypedChoiceField(
        label="Kategori", coerce=int, error_messages={**REQUIRED, "invalid_choice": "Pilih kategori."}
    )
    region = forms.ChoiceField(
        label="Kelurahan/desa", error_messages={**REQUIRED, "invalid_choice": "Pilih kelurahan/desa."}
    )
    title = forms.CharField(label="Judul singkat", max_length=150, error_messages=REQUIRED)
    text = forms.CharField(
        label="Isi pengaduan",
        max_length=5000,
        min_length=20,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={**REQUIRED, "min_length": "Ceritakan lebih lengkap (paling sedikit 20 karakter)."},
        help_text="Apa yang terjadi, di mana, sejak kapan. Jangan tulis NIK atau data pribadi orang lain.",
    )
    address = forms.CharField(label="Alamat atau patokan lokasi", max_length=300, required=False)
    latitude = _coordinate("Lintang", geo.LATITUDE)
    longitude = _coordinate("Bujur", geo.LONGITUDE)
    photos = MultipleFileField(
        label=f"Foto (paling banyak {MAX_PHOTOS}, JPEG atau PNG, maks. 5 MB)",
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,.jpg,.jpeg,.png"}),
    )
    anonymous = forms.BooleanField(label="Kirim tanpa nama", required=False)
    confidential = forms.BooleanField(
        label="Rahasiakan identitas saya",
        required=False,
        help_text="Nama dan kontak hanya dilihat petugas unit yang menangani; pengaduan tidak tampil di papan publik.",
    )
    name = forms.CharField(label="Nama", max_length=160, required=False)
    phone = forms.CharField(
        label="Nomor ponsel", max_length=24, required=False, widget=forms.TextInput(attrs={"inputmode": "tel"})
    )
    email = forms.EmailField(label="Surel", required=False, error_messages={"invalid": "Alamat surel tidak valid."})

    def __init__(self, *args: Any, kabkota_code: str, keeper: Keeper | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("token", uuid.uuid4().hex)
        self._categories = {c.pk: c for c in Category.objects.filter(kabkota_code=kabkota_code, active=True)}
        self.kabkota_code = kabkota_code
        self.fields["category"].choices = [("", "— pilih —"), *[(c.pk, c.name) for c in self._categories.values()]]  # type: ignore[attr-defined]
        villages = Region.objects.filter(code__startswith=kabkota_code + ".", level=Region.Level.DESA).order_by("code")
        kecamatan = dict(
            Region.objects.filter(code__startswith=kabkota_code + ".", level=Region.Level.KECAMATAN).values_list(
                "code", "name"
            )
        )
        groups: dict[str, list[tuple[str, str]]] = {}
        self._regions = {}
        for village in villages:
            self._regions[village.code] = village
            groups.setdefault(f"Kecamatan {kecamatan.get(village.code[:8], '')}", []).append(
                (village.code, village.name)
            )
        self.fields["region"].choices = [("", "— pilih —"), *groups.items()]  # type: ignore[attr-defined]
        # The questions of every category, asked under the chosen one (a small script hides the others; without
        # it each group is shown under its category's name). Only the chosen category's answers are checked.
        self.questions: dict[int, list[tuple[CategoryField, str]]] = {}
        specs = CategoryField.objects.filter(category__in=list(self._categories)).order_by("category_id", "order", "id")
        for spec in specs:
            name = f"q-{spec.category_id}-{spec.code}"
            self.fields[name] = _question_field(spec)
            self.questions.setdefault(spec.category_id, []).append((spec, name))
        self.photo_files: list[CleanFile] = []
        self.keep_setup(keeper, instance=str(self.data.get("token", "")) if self.is_bound else "", names=["photos"])
        bootstrap(self)

    def question_groups(self) -> list[tuple[Category, list[Any]]]:
        """(category, bound fields) for the template, in the order of the category list."""
        return [
            (c, [self[name] for _spec, name in self.questions[pk]])
            for pk, c in self._categories.items()
            if pk in self.questions
        ]

    def answers(self) -> dict[str, str]:
        """The typed answers to the chosen category's questions, as text for the service to check."""
        chosen = self.cleaned_data.get("category")
        out = {}
        for spec, name in self.questions.get(chosen or 0, []):
            value = self.cleaned_data.get(name)
            if value not in (None, ""):
                out[spec.code] = str(value)
        return out

    def clean_phone(self) -> str:
        raw = self.cleaned_data["phone"]
        if not raw:
            return ""
        phone = normalize_phone(raw)
        if phone is None:
            raise forms.ValidationError("Nomor ponsel tidak dikenali. Contoh: 0812 3456 7890.")
        return phone

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        uploads = data.get("photos") or []
        if len(uploads) > MAX_PHOTOS:
            self.add_error("photos", f"Paling banyak {MAX_PHOTOS} foto.")
        # Photos chosen now replace those kept from a refused try; none chosen, the kept ones stand.
        self.photo_files = [] if uploads or "photos" in self.errors else self.keep_clean("photos")
        for upload in uploads[:MAX_PHOTOS]:
            try:
                clean = clean_upload(upload, field="photos")
            except DomainError as exc:
                self.add_error("photos", exc.message)
                continue
            if not clean.content_type.startswith("image/"):
                self.add_error("photos", f"{clean.original_name}: hanya foto JPEG atau PNG.")
                continue
            self.photo_files.append(clean)
            self.keep_passed("photos", clean)
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error("longitude", "Isi lintang dan bujur bersama, atau kosongkan keduanya.")
        elif data.get("latitude") is not None and not geo.in_area(data["latitude"], data["longitude"]):
            self.add_error(
                "latitude",
                f"Lokasi itu di luar wilayah {deployment().name}. Tandai lokasi kejadian di peta, atau kosongkan "
                "lintang dan bujur dan tulis alamatnya.",
            )
        chosen = data.get("category")
        for spec, name in self.questions.get(chosen or 0, []):
            if spec.required and name not in self.errors and data.get(name) in (None, ""):
                self.add_error(name, "Wajib diisi untuk kategori ini.")
        return data

    def report(self, channel: str = "web") -> Report:
        d = self.cleaned_data
        return Report(
            category=self._categories[d["category"]],
            region=self._regions[d["region"]],
            title=d["title"],
            text=d["text"],
            token=d["token"],
            address=d.get("address") or "",
            latitude=d.get("latitude"),
            longitude=d.get("longitude"),
            anonymous=bool(d.get("anonymous")),
            confidential=bool(d.get("confidential")),
            name=d.get("name") or "",
            phone=d.get("phone") or "",
            email=d.get("email") or "",
            channel=channel,
            photos=self.photo_files,
            answers=self.answers(),
        )

    def map_center(self) -> tuple[float, float] | None:
        """Where the location picker opens: the middle of the kabupaten/kota's recent complaint locations."""
        from pamong.complaints.selectors import map_center

        return map_center(self.kabkota_code)


class StaffComplaintForm(ComplaintForm):
    """The same complaint, entered by staff for a reporter who came to the counter or called."""

    channel = forms.ChoiceField(
        label="Diterima melalui",
        choices=[("loket", "Datang ke kantor"), ("telepon", "Telepon / WhatsApp")],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields(["channel"])
        self.fields["channel"].widget.attrs.setdefault("class", "form-select")


class StepForm(forms.Form):
    """The fields one step of the machine asks for (``Transition.fields``), for its own form on the staff page.
    Which step, and the status the officer saw, travel in hidden inputs the template writes."""

    def __init__(
        self,
        data: Any = None,
        *,
        transition: Transition,
        positions: list[Any] | None = None,
        units: list[Any] | None = None,
    ) -> None:
        self.transition = transition
        self.slug = transition.target + (f"-{transition.key}" if transition.key else "")
        super().__init__(data, auto_id=f"{self.slug}-%s")
        self._positions = {p.pk: p for p in positions or []}
        self._units = {u.pk: u for u in units or []}
        for spec in transition.fields:
            self.fields[spec.name] = self._field(spec)
        bootstrap(self)

    def _field(self, spec: Field) -> forms.Field:
        common: dict[str, Any] = {
            "label": spec.label,
            "required": spec.required,
            "help_text": spec.help,
            "error_messages": {"required": spec.missing, "invalid_choice": spec.missing},
        }
        if spec.name == "rejection":
            reasons = [(value, label) for value, label in Rejection.choices if value != Rejection.DUPLIKAT]
            return forms.ChoiceField(choices=[("", "— pilih —"), *reasons], **common)
        if spec.name in ("position", "unit"):
            options = self._positions if spec.name == "position" else self._units
            names = [(pk, getattr(o, "title", None) or o.name) for pk, o in options.items()]
            return forms.TypedChoiceField(choices=[("", "— pilih —"), *names], coerce=int, empty_value=None, **common)
        if spec.name == "into":
            return forms.CharField(max_length=20, **common)
        return forms.CharField(max_length=5000, widget=forms.Textarea(attrs={"rows": 3}), **common)

    def position_instance(self) -> Any:
        return self._positions.get(self.cleaned_data.get("position"))

    def unit_instance(self) -> Any:
        return self._units.get(self.cleaned_data.get("unit"))
