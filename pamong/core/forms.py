"""Form helpers shared by every app."""

from __future__ import annotations

from typing import Any

from django import forms


def bootstrap(form: forms.Form) -> None:
    """Give every widget its Bootstrap class (radios and checkboxes are laid out by their templates)."""
    form.label_suffix = ""
    for f in form.fields.values():
        if isinstance(f.widget, forms.RadioSelect):
            continue
        if isinstance(f.widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(f.widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        f.widget.attrs.setdefault("class", css)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (photos of a complaint or of a visit's finding); cleans to a list."""

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []
