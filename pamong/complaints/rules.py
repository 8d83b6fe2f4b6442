"""Who may do what with complaints (pamong.core.gate).

Staff of the office that handles a complaint work it (verify, reject, record the follow-up, finish, merge a
duplicate, choose which photos the public sees); its head or secretary also decide where it goes (disposition to
a post of the office, transfer to another office). The reporter acts by the tracking code, without an account:
those steps have no rule (``permission=None`` in the machine).
"""

from __future__ import annotations

from typing import Any

import rules

from pamong.accounts.predicates import is_admin, is_office_staff, is_staff_member, is_unit_manager, works_in
from pamong.core import gate

# Staff of the office that handles the complaint now.
handles_complaint = is_office_staff & works_in(lambda complaint: complaint.unit_id, name="handles_complaint")


@rules.predicate
def is_confidential(user: Any, complaint: Any) -> bool:
    return bool(complaint is not None and complaint.confidential)


@rules.predicate
def is_anonymous(user: Any, complaint: Any) -> bool:
    return bool(complaint is None or complaint.anonymous)


gate.rule("complaints.work", handles_complaint)
gate.rule("complaints.manage", (is_admin | is_unit_manager) & handles_complaint)
gate.rule("complaints.publish_photo", handles_complaint)
# The reporter's name and contact, to staff who see the complaint; a confidential one to its office only.
gate.rule("complaints.see_reporter", ~is_anonymous & (~is_confidential | handles_complaint))
# A complaint brought to the counter or by telephone, entered by staff on the reporter's behalf (obj: none).
gate.rule("complaints.record", is_staff_member)
