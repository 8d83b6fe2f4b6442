from django.contrib import admin

from pamong.training.models import Certificate, Participant, Topic, Trainer, TrainingEvent


class TopicInline(admin.TabularInline):
    model = Topic
    extra = 0


class TrainerInline(admin.TabularInline):
    model = Trainer
    extra = 0


@admin.register(TrainingEvent)
class TrainingEventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "unit", "start_date", "end_date", "hours", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "place"]
    raw_id_fields = ["unit", "created_by"]
    readonly_fields = ["status", "unit"]
    inlines = [TopicInline, TrainerInline]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False  # planned through the app, which sets the kabupaten/kota and writes the history


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["employee", "event", "attendance", "pre_score", "post_score"]
    list_filter = ["attendance"]
    search_fields = ["employee__name", "employee__nip", "event__title"]
    raw_id_fields = ["event", "employee", "unit", "added_by"]
    # Corrections go through the sheet, which keeps the old values.
    readonly_fields = ["attendance", "absence_reason", "pre_score", "post_score"]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["number", "participant", "issued_at", "valid"]
    search_fields = ["number", "code"]
    raw_id_fields = ["participant", "unit"]
    readonly_fields = ["number", "unit_code", "sequence", "year", "code", "issued_at", "valid"]
