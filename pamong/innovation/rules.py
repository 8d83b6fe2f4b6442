"""Who may do what with innovations (pamong.core.gate).

An innovation is proposed and kept up to date by the staff of its office (head, secretary, petugas); only the head
of that office (lurah, kepala desa, camat) approves it for publication, sends it back, or withdraws it.

- ``innovation.propose`` (obj: the office): register a new innovation for it.
- ``innovation.edit`` (obj: an innovation): correct it while it is a draft, move its stage, add evidence, submit it.
- ``innovation.approve`` (obj: an innovation): approve and publish it, return it, withdraw it from the public.
"""

from __future__ import annotations

from pamong.accounts.predicates import is_head, is_office_staff, works_in
from pamong.core import gate

staff_of_unit = is_office_staff & works_in(lambda unit: unit.pk, name="works_in_office")
staff_of_office = is_office_staff & works_in(lambda innovation: innovation.unit_id, name="works_in_innovation_office")
head_of_office = is_head & works_in(lambda innovation: innovation.unit_id, name="heads_innovation_office")

gate.rule("innovation.propose", staff_of_unit)
gate.rule("innovation.edit", staff_of_office)
gate.rule("innovation.approve", head_of_office)
