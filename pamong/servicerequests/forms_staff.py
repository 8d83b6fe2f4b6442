from __future__ import annotations

from typing import Any, cast

from django import forms

from pamong.catalog.models import ServiceType
from pamong.servicerequests.models import Status
from pamong.servicerequests.selectors import InboxFilters


class InboxFilterForm(forms.Form):
    q = forms.CharField(label="Cari kode atau nama", required=False, max_length=80)
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Perlu ditangani"), ("semua", "Semua"), *Status.choices]
    )
    service = forms.TypedChoiceField(label="Layanan", required=False, coerce=int, empty_value=None)
    assignee = forms.ChoiceField(
        label="Petugas",
        required=False,
        choices=[("", "Semua"), ("saya", "Ditugaskan kepada saya"), ("belum", "Belum dibagikan")],
    )
    unit = forms.ChoiceField(label="Unit", required=False, choices=[("", "Semua unit"), ("saya", "Unit saya")])
    overdue = forms.BooleanField(label="Hanya yang terlambat", required=False)
    kembali = forms.BooleanField(label="Hanya yang dikirim kembali pemohon", required=False)
    ttd = forms.BooleanField(label="Hanya yang menunggu tanda tangan saya", required=False)
    submitted_from = forms.DateField(
        label="Diajukan sejak",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Tanggal tidak valid."},
    )
    submitted_to = forms.DateField(
        label="sampai",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Tanggal tidak valid."},
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.label_suffix = ""
        # Read (once) only when the list is rendered or a chosen service is checked: the rendered filters are
        # cached, and even building the query costs on every inbox render.
        services: list[tuple[Any, str]] = []

        def choices() -> list[tuple[Any, str]]:
            if not services:
                services.extend([("", "Semua"), *ServiceType.objects.visible_to(user).values_list("pk", "name")])
            return services

        cast(forms.ChoiceField, self.fields["service"]).choices = choices
        for f in self.fields.values():
            css = (
                "form-check-input"
                if isinstance(f.widget, forms.CheckboxInput)
                else ("form-select" if isinstance(f.widget, forms.Select) else "form-control")
            )
            f.widget.attrs.setdefault("class", css)

    def filters(self) -> InboxFilters:
        if not self.is_valid():
            return InboxFilters()
        d = self.cleaned_data
        return InboxFilters(
            status=d["status"] or "",
            service=d["service"],
            overdue=bool(d["overdue"]),
            assignee=d["assignee"] or "",
            submitted_from=d["submitted_from"],
            submitted_to=d["submitted_to"],
            q=d["q"] or "",
            resubmitted=bool(d["kembali"]),
            own_unit=d["unit"] == "saya",
            to_sign=bool(d["ttd"]),
        )


class TransitionForm(forms.Form):
    from_status = forms.ChoiceField(choices=Status.choices, widget=forms.HiddenInput)
    to_status = forms.ChoiceField(choices=Status.choices, widget=forms.HiddenInput)
    note = forms.CharField(
        label="Catatan",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )
    # Typed at signing when letters are signed by BSrE; taken as typed, never stored or shown again.
    passphrase = forms.CharField(required=False, strip=False, max_length=200, widget=forms.PasswordInput)
