"""Work generated from a plan: tasks, progress reports, evidence."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.storage import private_storage
from thidua.core.text import fold


class Task(models.Model):
    class Kind(models.TextChoices):
        ASSIGNMENT = "assignment", _("Theo phân công")
        RECURRING = "recurring", _("Định kỳ theo hình thức")
        REPORT = "report", _("Báo cáo định kỳ")
        YEARLY_REVIEW = "yearly_review", _("Sơ kết năm")
        FINAL_REVIEW = "final_review", _("Tổng kết")
        MANUAL = "manual", _("Thêm thủ công")

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Chưa thực hiện")
        IN_PROGRESS = "in_progress", _("Đang thực hiện")
        DONE = "done", _("Hoàn thành")
        CANCELLED = "cancelled", _("Đã hủy")

    OPEN = (Status.NOT_STARTED, Status.IN_PROGRESS)

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="tasks")
    agency = models.ForeignKey(
        "org.Agency", verbose_name=_("đơn vị thực hiện"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("vai trò"), max_length=20, blank=True)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.MANUAL)
    title = models.CharField(_("nhiệm vụ"), max_length=500)
    description = models.TextField(_("mô tả"), blank=True)
    assignment = models.ForeignKey(
        "plans.Assignment", null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks"
    )
    phase = models.ForeignKey(
        "plans.Phase", null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks"
    )
    channel = models.CharField(_("hình thức"), max_length=30, blank=True)
    start_date = models.DateField(_("bắt đầu"), null=True, blank=True)
    due_date = models.DateField(_("hạn hoàn thành"))
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    percent = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    # Stable identity of a generated task ("a12:u7:p3", "c:monthly_briefing:2026-03", "y:2024"):
    # regeneration finds the same task again instead of creating a second one.
    generation_key = models.CharField(max_length=80, blank=True, editable=False)
    # Set when a user edits a generated task: regeneration no longer changes its fields.
    edited = models.BooleanField(default=False, editable=False)
    # Set when the plan no longer produces this task but work had been done on it.
    orphaned = models.BooleanField(_("không còn trong kế hoạch"), default=False, editable=False)
    split_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="split_parts"
    )
    cancel_reason = models.CharField(_("lý do hủy"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_text = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["due_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "generation_key"],
                condition=~models.Q(generation_key=""),
                name="plan_task_generation_key_once",
            ),
            models.CheckConstraint(
                condition=models.Q(percent__lte=100), name="plan_task_percent_max"
            ),
        ]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.search_text = fold(self.title)
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    def urgency(self, today: dt.date | None = None) -> str:
        """ "overdue", "due_soon" or "" — computed, never stored."""
        if not self.is_open:
            return ""
        today = today or dt.date.today()
        if self.due_date < today:
            return "overdue"
        if self.due_date <= today + dt.timedelta(days=settings.THIDUA_PLANS_DUE_SOON_DAYS):
            return "due_soon"
        return ""


class ProgressReport(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Chờ Văn phòng xem xét")
        ACCEPTED = "accepted", _("Đã chấp nhận")
        RETURNED = "returned", _("Trả lại")

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("kết quả thực hiện"))
    percent = models.PositiveSmallIntegerField(_("tiến độ (%)"))
    problems = models.TextField(_("khó khăn, vướng mắc"), blank=True)
    links = models.TextField(_("đường dẫn minh chứng"), blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    review_reason = models.TextField(_("lý do trả lại"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = _("báo cáo tiến độ")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(percent__lte=100), name="plan_report_percent_max"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task} – {self.percent}%"

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]


class Evidence(models.Model):
    """A file proving work: attached to a progress report, an activity or a meeting (minutes).

    Files may show people's names and faces: private storage, served by a permission check."""

    report = models.ForeignKey(
        ProgressReport, null=True, blank=True, on_delete=models.CASCADE, related_name="files"
    )
    activity = models.ForeignKey(
        "plans.Activity", null=True, blank=True, on_delete=models.CASCADE, related_name="files"
    )
    meeting = models.ForeignKey(
        "plans.Meeting", null=True, blank=True, on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField(storage=private_storage, upload_to="plans/%Y/%m/")
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField(default=0)
    is_minutes = models.BooleanField(_("biên bản"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(report__isnull=False)
                | models.Q(activity__isnull=False)
                | models.Q(meeting__isnull=False),
                name="plan_evidence_owner",
            ),
        ]

    def __str__(self) -> str:
        return self.original_name
