"""The one table of core: files a citizen already attached, kept while they correct the rest of a form."""

from __future__ import annotations

from django.db import models

from pamong.core.tenancy import kabkota_field


class StagedUpload(models.Model):
    """A file that passed the content checks (``pamong.core.uploads.clean_upload``) on a form that was then
    refused for another reason. Kept for 24 hours under a signed token bound to the browser's session, so the
    citizen need not choose it again; moved into the request or complaint when the form goes through, removed by
    ``sweep_uploads`` once expired. A tenant row (it holds a citizen's document) carrying the deployment's
    kabupaten/kota code; the table stays small (a day of refused forms), so its one index serves the sweep."""

    kabkota_code = kabkota_field()
    owner = models.CharField(max_length=64)  # SHA-256 of the random key kept in the browser's session
    form = models.CharField(max_length=80)  # which form, e.g. "servicerequests.apply"
    field = models.CharField(max_length=80)
    file = models.FileField(upload_to="terlampir/%Y/%m/%d/")
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    class Meta:
        verbose_name = "berkas terlampir sementara"
        verbose_name_plural = "berkas terlampir sementara"
        indexes = [models.Index(fields=["expires_at"], name="stagedupload_expires")]

    def __str__(self) -> str:
        return self.original_name
