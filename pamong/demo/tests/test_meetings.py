"""The meetings demo: meetings, evaluation visits and action items, the same every run."""

from __future__ import annotations

import pytest

from pamong.demo import meetings as demo
from pamong.meetings.models import ActionItem, Invitee, Meeting, Visit
from pamong.testing import Padang, make_employee, make_position

pytestmark = pytest.mark.django_db


def test_the_demo_populates_meetings_visits_and_items(padang: Padang) -> None:
    head = make_position(padang.tapem, "Kepala Bagian Tata Pemerintahan", "kepala")
    padang.kabag.position = head
    padang.kabag.save()
    make_employee(padang.kantor_lurah_al, "Darmawan", make_position(padang.kantor_lurah_al, "Lurah", "kepala"))
    lines: list[str] = []
    made = demo.populate(kabkota=padang.kota, progress=lines.append)
    assert made > 50 and len(lines) == 2
    assert Meeting.objects.filter(status="dijadwalkan").exists() and Meeting.objects.filter(status="selesai").exists()
    assert Invitee.objects.filter(via_position__isnull=False).exists()  # the camat invites the lurah by position
    assert Visit.objects.exists() and ActionItem.objects.filter(visit__isnull=False).exists()
    assert not ActionItem.objects.filter(meeting__isnull=True, visit__isnull=True).exists()
    # Deterministic for its seed.
    titles = list(Meeting.objects.order_by("pk").values_list("title", flat=True))
    Meeting.objects.all().delete()
    Visit.objects.all().delete()
    demo.populate(kabkota=padang.kota, progress=lines.append)
    assert list(Meeting.objects.order_by("pk").values_list("title", flat=True)) == titles
