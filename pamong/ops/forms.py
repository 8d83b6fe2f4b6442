from __future__ import annotations

from typing import Any

from django import forms
from lokal import normalize_phone

from pamong.core.forms import bootstrap
from pamong.notifications.models import Notification


class GatewayTestForm(forms.Form):
    """A test message to the admin's own phone or address, sent through the queue and the real gateway."""

    channel = forms.ChoiceField(label="Saluran", choices=Notification.Channel.choices)
    recipient = forms.CharField(
        label="Kirim ke",
        max_length=254,
        help_text="Nomor ponsel atau alamat surel Anda sendiri.",
        error_messages={"required": "Isi nomor ponsel atau alamat surel tujuan pesan uji."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        recipient = data.get("recipient", "").strip()
        if data.get("channel") == Notification.Channel.SMS and recipient:
            phone = normalize_phone(recipient)
            if phone is None:
                self.add_error("recipient", "Nomor ponsel tidak dikenali. Contoh: 0812 3456 7890.")
            else:
                data["recipient"] = phone
        elif data.get("channel") == Notification.Channel.EMAIL and recipient:
            try:
                forms.EmailField().clean(recipient)
            except forms.ValidationError:
                self.add_error("recipient", "Alamat surel tidak valid. Contoh: nama@padang.go.id.")
        return data
