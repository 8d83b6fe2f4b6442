from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pamong.core.forms import bootstrap
from pamong.reports.models import Frequency


def _narrative(label: Any) -> forms.CharField:
    return forms.CharField(label=label, required=False, max_length=20_000, widget=forms.Textarea(attrs={"rows": 5}))


class NarrativeForm(forms.Form):
    """The narratives of the six sections, plain text."""

    pelayanan = _narrative(_("Uraian pelayanan"))
    pengaturan = _narrative(_("Uraian pengaturan (ketenteraman dan ketertiban, pemilu, netralitas ASN)"))
    pembangunan = _narrative(_("Uraian pembangunan (Dana Desa, infrastruktur)"))
    pemberdayaan = _narrative(_("Uraian pemberdayaan (kemiskinan ekstrem, stunting)"))
    permasalahan = _narrative(_("Permasalahan"))
    permohonan = _narrative(_("Permohonan bantuan/dukungan"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap(self)


class TransitionForm(forms.Form):
    to_status = forms.CharField(widget=forms.HiddenInput)
    from_status = forms.CharField(widget=forms.HiddenInput, required=False)  # the status the user saw
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


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Lampiran (PDF, JPEG atau PNG)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap(self)
