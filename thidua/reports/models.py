"""A periodic report (báo cáo định kỳ, sơ kết, tổng kết): what was asked, the figures compiled in
the background, the files produced, and its number once issued."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.storage import private_storage


class Report(models.Model):
    class Kind(models.TextChoices):
        MONTHLY = "monthly", _("Báo cáo tuyên truyền tháng")
        QUARTERLY = "quarterly", _("Báo cáo tuyên truyền quý")
        INTERIM = "interim", _("Báo cáo sơ kết năm")
        FINAL = "final", _("Báo cáo tổng kết")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ xử lý")
        RUNNING = "running", _("Đang tổng hợp")
        DONE = "done", _("Đã tổng hợp")
        FAILED = "failed", _("Lỗi")

    RUNNING_STATES = (Status.QUEUED, Status.RUNNING)

    agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("cơ quan báo cáo"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    kind = models.CharField(_("loại báo cáo"), max_length=20, choices=Kind.choices)
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    movement = models.ForeignKey(
        "movements.Movement",
        verbose_name=_("phong trào thi đua"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    title = models.CharField(_("trích yếu"), max_length=500)
    limitations = models.TextField(_("hạn chế, nguyên nhân"), blank=True)
    next_tasks = models.TextField(_("nhiệm vụ kỳ tới"), blank=True)
    recipients_text = models.TextField(
        _("nơi nhận"), blank=True, help_text=_("Mỗi dòng một nơi nhận, in ở cuối báo cáo.")
    )
    recipients = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        blank=True,
        related_name="+",
    )
    signer_authority = models.CharField(_("thẩm quyền ký"), max_length=10, blank=True)
    signer_positions = models.CharField(_("chức vụ người ký"), max_length=255, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=150, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    error = models.TextField(_("lỗi"), blank=True)
    # The figures as compiled (JSON-ready): the issued document is rendered from them again, so
    # issuing never changes a figure the recipients already read.
    figures = models.JSONField(default=dict, blank=True, editable=False)
    docx = models.FileField(storage=private_storage, upload_to="reports/%Y/", blank=True)
    xlsx = models.FileField(storage=private_storage, upload_to="reports/%Y/", blank=True)
    outgoing_number = models.ForeignKey(
        "documents.OutgoingNumber",
        verbose_name=_("số trong sổ văn bản đi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    number_symbol = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("báo cáo định kỳ")
        verbose_name_plural = _("báo cáo định kỳ")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="report_period_order",
            ),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="report_progress_max"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number_symbol} – {self.title}" if self.number_symbol else self.title

    @property
    def is_running(self) -> bool:
        return self.status in self.RUNNING_STATES

    @property
    def is_issued(self) -> bool:
        return bool(self.number_symbol)
