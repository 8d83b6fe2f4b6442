from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pamong.core.forms import bootstrap
from pamong.kinerja.models import IndexWeights


class WeightsForm(forms.ModelForm):
    class Meta:
        model = IndexWeights
        fields = ["pelayanan", "pengaduan", "kepuasan", "disiplin", "pelaporan"]
        help_texts = {"pelaporan": _("Dipakai setelah modul laporan camat aktif.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap(self)
