from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.storage import private_storage


class ImportJob(models.Model):
    """One upload of an Excel file of agencies and people, validated then applied."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Đã tải lên")
        VALIDATING = "validating", _("Đang kiểm tra")
        INVALID = "invalid", _("Có lỗi")
        VALID = "valid", _("Hợp lệ, chờ xác nhận")
        APPLYING = "applying", _("Đang nhập")
        DONE = "done", _("Hoàn tất")
        FAILED = "failed", _("Thất bại")

    agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("cơ quan"),
        on_delete=models.PROTECT,
        related_name="import_jobs",
    )
    file = models.FileField(_("tệp Excel"), upload_to="imports/%Y/%m/", storage=private_storage)
    original_name = models.CharField(max_length=255)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.UPLOADED)
    only_valid_rows = models.BooleanField(_("chỉ nhập các dòng hợp lệ"), default=False)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)  # [{"sheet", "row", "column", "message"}]
    summary = models.JSONField(default=dict, blank=True)  # counts created/updated/unchanged
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("lượt nhập Excel")
        verbose_name_plural = _("lượt nhập Excel")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def progress_percent(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.processed_rows / self.total_rows))
