from django.contrib import admin

from pamong.kinerja.models import IndexWeights


@admin.register(IndexWeights)
class IndexWeightsAdmin(admin.ModelAdmin):
    list_display = ("kabkota_code", "pelayanan", "pengaduan", "kepuasan", "disiplin", "pelaporan")
