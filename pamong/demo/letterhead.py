"""The demo's kop surat logo: a plain emblem drawn here (a shield with a star and the kabupaten/kota's name), so
that the demo letters show where the Pemda's logo goes. Invented like the demo's people: a real deployment's admin
uploads the Pemda's own lambang daerah (Admin → Kop surat)."""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

from pamong.regions.models import Region
from pamong.servicerequests.models import Letterhead

GREEN = (27, 94, 32)
GOLD = (212, 160, 23)
WHITE = (255, 255, 255)


def _star(cx: float, cy: float, outer: float, inner: float) -> list[tuple[float, float]]:
    import math

    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy - radius * math.sin(angle)))
    return points


def emblem_png(name: str, *, width: int = 360, height: int = 440) -> bytes:
    """A shield emblem with a star and ``name`` across it, as PNG bytes (transparent outside the shield)."""
    image = Image.new("RGBA", (width, height), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    margin = 12
    shield = [
        (margin, margin),
        (width - margin, margin),
        (width - margin, height * 0.58),
        (width / 2, height - margin),
        (margin, height * 0.58),
    ]
    draw.polygon(shield, fill=GOLD)
    inset = 22
    draw.polygon(
        [
            (margin + inset, margin + inset),
            (width - margin - inset, margin + inset),
            (width - margin - inset, height * 0.58 - inset / 3),
            (width / 2, height - margin - inset * 1.6),
            (margin + inset, height * 0.58 - inset / 3),
        ],
        fill=GREEN,
    )
    draw.polygon(_star(width / 2, height * 0.25, 62, 25), fill=GOLD)
    label = name.upper()
    size = 52
    font = ImageFont.load_default(size=size)
    while draw.textlength(label, font=font) > width - 2 * (margin + inset + 14) and size > 18:
        size -= 2
        font = ImageFont.load_default(size=size)
    band_top = height * 0.43
    draw.rectangle([margin + inset, band_top, width - margin - inset, band_top + size + 24], fill=GOLD)
    draw.text((width / 2, band_top + 12 + size / 2), label, font=font, fill=GREEN, anchor="mm")
    draw.polygon(_star(width / 2, height * 0.70, 26, 10), fill=WHITE)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def letterhead_populate(*, kabkota: Region) -> bool:
    """Give the kabupaten/kota a kop surat logo if it has none. Returns whether one was made."""
    if Letterhead.objects.filter(kabkota_code=kabkota.code).exists():
        return False
    row = Letterhead(kabkota_code=kabkota.code)
    row.logo.save(f"logo-{kabkota.code}.png", ContentFile(emblem_png(kabkota.name)), save=False)
    row.save()
    return True
