from django.contrib import admin

from pamong.programmes.models import Programme


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    """Programmes are reference data. Counts are entered by the offices; the register of vulnerable residents is
    deliberately not in the admin: admins do not see health data."""

    list_display = ("code", "name", "unit_label", "lower_is_better", "active", "order")
    list_editable = ("active", "order")
