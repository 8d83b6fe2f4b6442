from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pamong.core.forms import bootstrap
from pamong.reports.models import Frequency, PeriodicReport


class NarrativeForm(forms.ModelForm):
    class Meta:
        model = PeriodicReport
        fields = ["pelayanan", "pengaturan", "pembangunan", "pemberdayaan", "permasalahan", "permohonan"]
        widgets = {f: forms.Textarea(attrs={"rows": 5}) for f in fields}
        labels = {
            "pelayanan": _("Uraian pelayanan"),
            "pengaturan": _("Uraian pengaturan (ketenteraman dan ketertiban, pemilu, netralitas ASN)"),
            "pembangunan": _("Uraian pembangunan (Dana Desa, infrastruktur)"),
            "pemberdayaan": _("Uraian pemberdayaan (kemiskinan ekstrem, stunting)"),
            "permasalahan": _("Permasalahan"),
            "permohonan": _("Permohonan bantuan/dukungan"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap(self)


class TransitionForm(forms.Form):
    to_status = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Catatan"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap(self)


class ScheduleForm(forms.Form):
    frequency = forms.ChoiceField(label=_("Periode laporan"), choices=Frequency.choices)
    due_days = forms.IntegerField(
        label=_("Batas penyampaian (hari kerja setelah periode berakhir)"), min_value=1, max_value=60
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap(self)
