"""Who may do what with the performance dashboard (pamong.core.gate)."""

from __future__ import annotations

from pamong.accounts.predicates import in_scope, is_admin, is_pimpinan, is_unit_manager
from pamong.core import gate

# The dashboard and a unit's page with its weak links: leaders of units and of the region (not petugas, not
# health workers). What they see is limited to their region subtree by the selectors.
gate.rule("kinerja.view_dashboard", is_admin | is_pimpinan | is_unit_manager)
# The weights of the composite index of the kabupaten/kota.
gate.rule("kinerja.edit_weights", is_admin | is_pimpinan)
# Setting one's kelurahan/desa office (obj) beside the other offices of its kecamatan: unit-level aggregates of the
# peers (never their staff), for the leaders whose region holds the office.
gate.rule(
    "kinerja.compare_peers",
    (is_admin | is_pimpinan | is_unit_manager) & in_scope(lambda unit: unit.region_id, name="office_in_scope"),
)
