"""Who may do what with camat reports (pamong.core.gate).

The camat (kepala unit) and the sekcam of a kantor camat write, attach to and submit its report; pimpinan daerah
(the bupati's or wali kota's office) and admins of the kabupaten/kota review it, see every kecamatan side by side
and set the schedule.
"""

from __future__ import annotations

from typing import Any

import rules

from pamong.accounts.predicates import in_scope, is_admin, is_pimpinan, is_unit_manager, works_in
from pamong.core import gate
from pamong.organization.models import Unit


@rules.predicate
def is_kantor_camat(user: Any, unit: Any) -> bool:
    return unit is not None and unit.kind == Unit.Kind.KANTOR_CAMAT


# obj: a kantor camat (Unit).
heads_the_office = is_unit_manager & works_in(lambda unit: unit.pk, name="works_in_office") & is_kantor_camat
# obj: a report. Reports are opened for kantor camat only.
writes_report = is_unit_manager & works_in(lambda report: report.unit_id, name="works_in_report_office")
oversees = is_admin | is_pimpinan
reviews_report = oversees & in_scope(lambda report: report.unit.region_id, name="report_in_scope")

gate.rule("reports.open", heads_the_office)  # obj: the kantor camat
gate.rule("reports.write", writes_report)  # the narratives and attachments of a draft or returned report
gate.rule("reports.submit", writes_report)
gate.rule("reports.review", reviews_report)  # return to the camat, or accept
gate.rule("reports.oversee", oversees)  # every kecamatan side by side, late reports (no obj)
gate.rule("reports.schedule", oversees)  # how often and by when the camat report (no obj)
