from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pamong.core.forms import bootstrap
from pamong.organization.models import Unit
from pamong.portal.models import Announcement
from pamong.portal.services import AnnouncementData


class AnnouncementForm(forms.ModelForm):
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("unit"))
    submit_token = forms.CharField(widget=forms.HiddenInput, required=False)
    source_url = forms.URLField(label=_("tautan sumber"), required=False, assume_scheme="https")

    class Meta:
        model = Announcement
        fields = ["kind", "title", "body", "claim", "verdict", "source_url", "publish_from", "publish_until", "pinned"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 8}),
            "claim": forms.Textarea(attrs={"rows": 3}),
            "publish_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "publish_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "body": _("Teks biasa; baris kosong memisahkan paragraf. Tag yang diizinkan: p, strong, em, daftar, a."),
            "claim": _("Hanya untuk klarifikasi hoaks: kabar yang beredar."),
        }

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        if self.instance.pk:
            self.fields["unit"].disabled = True
            self.fields["unit"].initial = self.instance.unit_id
        elif units.count() == 1:
            self.fields["unit"].initial = units.first()
        if not self.is_bound:
            self.fields["submit_token"].initial = secrets.token_urlsafe(24)
        bootstrap(self)  # type: ignore[arg-type]

    def data_object(self) -> AnnouncementData:
        d = self.cleaned_data
        return AnnouncementData(**{f: d[f] for f in self.Meta.fields})


class TransitionForm(forms.Form):
    to_status = forms.CharField(widget=forms.HiddenInput)
    from_status = forms.CharField(widget=forms.HiddenInput, required=False)  # the status the user saw
    note = forms.CharField(label=_("alasan"), required=False, max_length=500)
