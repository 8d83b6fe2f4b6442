from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pamong.core.forms import bootstrap

MESSAGES = {
    "required": _("Wajib diisi."),
    "min_value": _("Bobot tidak boleh negatif."),
    "max_value": _("Bobot paling besar 100."),
    "invalid": _("Isi dengan bilangan bulat."),
}


class WeightsForm(forms.Form):
    pelayanan = forms.IntegerField(label=_("Bobot pelayanan"), min_value=0, max_value=100, error_messages=MESSAGES)
    pengaduan = forms.IntegerField(label=_("Bobot pengaduan"), min_value=0, max_value=100, error_messages=MESSAGES)
    kepuasan = forms.IntegerField(label=_("Bobot kepuasan (IKM)"), min_value=0, max_value=100, error_messages=MESSAGES)
    disiplin = forms.IntegerField(label=_("Bobot disiplin"), min_value=0, max_value=100, error_messages=MESSAGES)
    pelaporan = forms.IntegerField(
        label=_("Bobot pelaporan camat"),
        min_value=0,
        max_value=100,
        error_messages=MESSAGES,
        help_text=_("Dipakai setelah modul laporan camat aktif; sampai saat itu bobot lain dinormalkan."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap(self)
