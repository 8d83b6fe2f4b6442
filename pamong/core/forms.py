"""Form helpers shared by every app."""

from __future__ import annotations

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
