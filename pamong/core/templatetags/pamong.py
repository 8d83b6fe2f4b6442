from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.conf import settings
from django.forms import BoundField

from pamong.core import formats
from pamong.core.staging import size_label

register = template.Library()


@register.filter
def widget(field: BoundField) -> Any:
    """Render a form widget with Bootstrap's invalid style when the field has errors."""
    attrs: dict[str, str | bool] = {}
    if field.errors:
        css = field.field.widget.attrs.get("class", "")
        attrs["class"] = f"{css} is-invalid".strip()
        attrs["aria-invalid"] = "true"
    if getattr(field.form, "kept", {}).get(field.name):
        attrs["aria-describedby"] = f"{field.auto_id}-terlampir"
    return field.as_widget(attrs=attrs)


@register.filter
def angka(value: Any, digits: int = 0) -> str:
    """Indonesian number format, rounded half-up: 1.234.567 and 87,5 (pamong.core.formats.angka)."""
    return formats.angka(value, digits)


@register.filter
def nip(value: Any) -> str:
    """An NIP in its one written form: 19850402 201001 1 003 (pamong.core.formats.nip)."""
    return formats.nip(str(value) if value else "")


@register.filter
def tahun(value: Any) -> str:
    """A year as people write it: 2026, never 2.026."""
    return "" if value is None else str(value)


@register.filter
def percent(part: Any, whole: Any) -> str:
    try:
        if not whole:
            return "—"
        # Rounded half-up, not cut off: Django's number_format truncates (2 of 3 would read 66,6%).
        return formats.angka(100 * Decimal(str(part)) / Decimal(str(whole)), 1) + "%"
    except (TypeError, ValueError, InvalidOperation):
        return "—"


@register.simple_tag(takes_context=True)
def can(context: Any, action: str, obj: Any = None) -> bool:
    """``{% can "app.action" obj as allowed %}``: the permission gate (pamong.core.gate), for the signed-in user."""
    from pamong.core.gate import can as gate_can

    request = context.get("request")
    return gate_can(getattr(request, "user", None), action, obj)


@register.inclusion_tag("includes/map.html")
def location_map(
    lat: Any = None,
    lng: Any = None,
    *,
    label: str = "Lokasi",
    pick_lat: str = "",
    pick_lng: str = "",
    center_lat: Any = None,
    center_lng: Any = None,
) -> dict[str, Any]:
    """A map of one point (``lat``, ``lng``), or a point picker writing into two inputs (``pick_lat`` and
    ``pick_lng``: CSS selectors). The tile server is a setting (PAMONG_MAP_TILES); without it, or without
    JavaScript, the coordinates and links to open them in a maps app stay on the page."""
    from django.conf import settings

    def text(value: Any) -> str:
        return "" if value is None or value == "" else f"{float(value):.6f}"

    return {
        "lat": text(lat),
        "lng": text(lng),
        "label": label,
        "pick_lat": pick_lat,
        "pick_lng": pick_lng,
        "center_lat": text(center_lat),
        "center_lng": text(center_lng),
        "tiles": settings.PAMONG_MAP_TILES,
        "attribution": settings.PAMONG_MAP_ATTRIBUTION,
        "bounds": ",".join(str(v) for v in settings.PAMONG_MAP_BOUNDS) if pick_lat else "",
    }


@register.filter
def samarkan(value: Any) -> str:
    """Mask NIK, telephone numbers and e-mail addresses in public free text (pamong.core.redact)."""
    from pamong.core.redact import mask_contacts

    return mask_contacts("" if value is None else str(value))


@register.filter
def wajib(field: BoundField) -> bool:
    """Whether the page marks the field required (*): required by the form, or a category's required question,
    or a required document already attached."""
    return bool(field.field.required or getattr(field.field, "marked_required", False))


@register.filter
def terlampir(field: BoundField) -> list[Any]:
    """The files kept for this field from a refused try (pamong.core.staging), shown as "sudah terlampir"."""
    return list(getattr(field.form, "kept", {}).get(field.name, []))


@register.filter
def ukuran(size: int) -> str:
    """A file's size as people read it: 120 KB, 1,2 MB."""
    return size_label(size)


@register.filter
def error_list(form: Any) -> list[tuple[str, str]]:
    """(field id, message) of every error of a bound form in the order of its fields, for the summary at the
    top; a message without a field has no id."""
    if not getattr(form, "is_bound", False) or not form.errors:
        return []
    out: list[tuple[str, str]] = [("", str(message)) for message in form.non_field_errors()]
    for bound in form:
        if bound.is_hidden:
            out.extend(("", str(message)) for message in bound.errors)
            continue
        target = bound.id_for_label
        if not target and bound.subwidgets:  # a group of radios: the first one
            target = bound.subwidgets[0].id_for_label
        out.extend(
            (target, str(message) if str(message).startswith(str(bound.label)) else f"{bound.label}: {message}")
            for message in bound.errors
        )
    return out


@register.simple_tag
def batas_unggah() -> int:
    """The largest upload the server takes (PAMONG_UPLOAD_MAX_BYTES), for the browser's courtesy check."""
    return int(settings.PAMONG_UPLOAD_MAX_BYTES)
