"""Forms of SKP: the period chooser, the assessment (radio buttons, BerAKHLAK values, short result rows) and the
re-open reason."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pamong.core.forms import bootstrap
from pamong.skp.matrix import CORE_VALUE_GUIDE, CoreValue, Rating
from pamong.skp.models import QUARTER_NAMES, SkpAssessment
from pamong.skp.services import FIRST_YEAR, AssessmentData, ItemData

ITEM_ROWS_EXTRA = 3


def parse_period(raw: str) -> tuple[int, int] | None:
    """ "2026" → (2026, 0); "2026-t3" → (2026, 3); anything else → None."""
    year_part, _sep, quarter_part = raw.partition("-t")
    if not (len(year_part) == 4 and year_part.isascii() and year_part.isdigit()):
        return None
    if _sep and quarter_part not in ("1", "2", "3", "4"):
        return None
    return int(year_part), int(quarter_part or 0)


def last_ended_period(today: dt.date) -> tuple[int, int]:
    """The latest period already over: the previous quarter, or last year's annual assessment in January–March."""
    quarter = (today.month - 1) // 3 + 1
    return (today.year - 1, 0) if quarter == 1 else (today.year, quarter - 1)


class PeriodForm(forms.Form):
    tahun = forms.TypedChoiceField(label=_("Tahun"), coerce=int)
    periode = forms.TypedChoiceField(label=_("Periode"), coerce=int, choices=list(QUARTER_NAMES.items()), initial=0)

    def __init__(self, *args: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        years = list(range(today.year, FIRST_YEAR - 1, -1))
        self.fields["tahun"].choices = [(y, str(y)) for y in years]  # type: ignore[attr-defined]
        self.fields["tahun"].initial, self.fields["periode"].initial = last_ended_period(today)
        bootstrap(self)

    def period(self, today: dt.date) -> tuple[int, int]:
        if self.is_valid():
            return self.cleaned_data["tahun"], self.cleaned_data["periode"]
        return last_ended_period(today)


RATING_CHOICES = Rating.choices


class AssessmentForm(forms.Form):
    hasil_rating = forms.ChoiceField(
        label=_("Rating hasil kerja"), choices=RATING_CHOICES, widget=forms.RadioSelect, required=False
    )
    hasil_note = forms.CharField(
        label=_("Umpan balik atas hasil kerja"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=3000,
    )
    perilaku_rating = forms.ChoiceField(
        label=_("Rating perilaku kerja"),
        choices=RATING_CHOICES,
        widget=forms.RadioSelect,
        required=False,
        help_text=_("Ditetapkan pejabat penilai; ringkasan nilai BerAKHLAK di atas hanya sebagai panduan."),
    )
    perilaku_note = forms.CharField(
        label=_("Umpan balik atas perilaku kerja"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=3000,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, label in CoreValue.choices:
            self.fields[f"nilai_{code}"] = forms.ChoiceField(
                label=label,
                choices=RATING_CHOICES,
                widget=forms.RadioSelect,
                required=False,
                help_text=CORE_VALUE_GUIDE[code],
            )
            self.fields[f"catatan_{code}"] = forms.CharField(label=_("Catatan"), required=False, max_length=500)
        bootstrap(self)

    @classmethod
    def initial_from(cls, assessment: SkpAssessment | None) -> dict[str, Any]:
        if assessment is None:
            return {}
        initial: dict[str, Any] = {
            "hasil_rating": assessment.hasil_rating,
            "hasil_note": assessment.hasil_note,
            "perilaku_rating": assessment.perilaku_rating,
            "perilaku_note": assessment.perilaku_note,
        }
        for code, entry in (assessment.behaviours or {}).items():
            initial[f"nilai_{code}"] = entry.get("rating", "")
            initial[f"catatan_{code}"] = entry.get("note", "")
        return initial

    def values(self) -> list[tuple[str, str, forms.BoundField, forms.BoundField]]:
        """(code, guide, rating field, note field) per BerAKHLAK value, for the template."""
        return [
            (code, CORE_VALUE_GUIDE[code], self[f"nilai_{code}"], self[f"catatan_{code}"]) for code in CoreValue.values
        ]

    def ratings(self) -> dict[str, str]:
        """The core-value ratings as typed (for the guidance summary), valid or not."""
        source = self.data if self.is_bound else self.initial
        return {code: str(source.get(f"nilai_{code}") or "") for code in CoreValue.values}

    def data_with(self, items: list[ItemData]) -> AssessmentData:
        d = self.cleaned_data
        return AssessmentData(
            hasil_rating=d["hasil_rating"],
            hasil_note=d["hasil_note"],
            behaviours={
                code: {"rating": d[f"nilai_{code}"], "note": d[f"catatan_{code}"]} for code in CoreValue.values
            },
            perilaku_rating=d["perilaku_rating"],
            perilaku_note=d["perilaku_note"],
            items=items,
        )


class ItemForm(forms.Form):
    indicator = forms.CharField(label=_("Rencana hasil kerja / indikator"), required=False, max_length=300)
    target = forms.CharField(label=_("Target"), required=False, max_length=120)
    realisasi = forms.CharField(label=_("Realisasi"), required=False, max_length=120)
    note = forms.CharField(label=_("Catatan penilai"), required=False, max_length=300)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap(self)
        for f in self.fields.values():
            f.widget.attrs["class"] += " form-control-sm"


ItemFormSet = forms.formset_factory(ItemForm, extra=ITEM_ROWS_EXTRA, max_num=15, absolute_max=15)


def items_from(formset: Any) -> list[ItemData]:
    return [
        ItemData(
            indicator=f.cleaned_data.get("indicator", ""),
            target=f.cleaned_data.get("target", ""),
            realisasi=f.cleaned_data.get("realisasi", ""),
            note=f.cleaned_data.get("note", ""),
        )
        for f in formset.forms
        if f.cleaned_data.get("indicator", "").strip()
    ]


class ReopenForm(forms.Form):
    from_status = forms.CharField(widget=forms.HiddenInput, required=False)  # the status the user saw
    reason = forms.CharField(
        label=_("Alasan membuka kembali"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Tuliskan alasan membuka kembali.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap(self)
