"""A propaganda plan (kế hoạch tuyên truyền) and its parts, as the document states them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from thidua.core.text import fold


class Channel(models.TextChoices):
    """Propaganda channels (hình thức tuyên truyền) named by the seeds."""

    PORTAL = "portal", _("Chuyên mục trên cổng/trang thông tin điện tử")
    MONTHLY_BRIEFING = "monthly_briefing", _("Giao ban hằng tháng")
    QUARTERLY_BRIEFING = "quarterly_briefing", _("Giao ban hằng quý")
    PARTY_CELL = "party_cell", _("Sinh hoạt chi bộ")
    LEGAL_DAY = "legal_day", _("Ngày Pháp luật")
    E_OFFICE = "e_office", _("Phổ biến qua văn phòng điện tử")
    WORK_RECORDS = "work_records", _("Hệ thống hồ sơ công việc")
    CONFERENCE = "conference", _("Hội nghị, họp cơ quan, sơ kết, tổng kết")
    EXEMPLAR_MEETING = "exemplar_meeting", _("Gặp gỡ, giao lưu điển hình tiên tiến")
    OTHER = "other", _("Hình thức khác")


class Cadence(models.TextChoices):
    NONE = "", _("Không định kỳ")
    MONTHLY = "monthly", _("Hằng tháng")
    QUARTERLY = "quarterly", _("Hằng quý")
    HALF_YEARLY = "half_yearly", _("6 tháng một lần")
    YEARLY = "yearly", _("Hằng năm")


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("Chủ trì")
    SUPPORT = "support", _("Phối hợp")
    ASSIGNED = "assigned", _("Được giao")


class Plan(index.Indexed, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        ISSUED = "issued", _("Đã ban hành")
        IN_PROGRESS = "in_progress", _("Đang thực hiện")
        CLOSED = "closed", _("Đã kết thúc")

    agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("cơ quan ban hành"),
        on_delete=models.PROTECT,
        related_name="plans",
    )
    title = models.CharField(_("trích yếu"), max_length=500)
    number_symbol = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    outgoing_number = models.ForeignKey(
        "documents.OutgoingNumber",
        verbose_name=_("số trong sổ văn bản đi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    place = models.CharField(_("địa danh"), max_length=100, blank=True)
    # As printed on the document: a plan keeps forever the names it was issued with.
    parent_body = models.CharField(_("cơ quan chủ quản"), max_length=255, blank=True)
    issuer_name = models.CharField(_("tên cơ quan ban hành"), max_length=255, blank=True)
    signer_authority = models.CharField(_("thẩm quyền ký"), max_length=10, blank=True)
    signer_positions = models.CharField(_("chức vụ người ký"), max_length=255, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=150, blank=True)
    purposes = models.TextField(_("mục đích, yêu cầu"), blank=True)
    year_start = models.PositiveSmallIntegerField(_("từ năm"))
    year_end = models.PositiveSmallIntegerField(_("đến năm"))
    report_cadence = models.CharField(
        _("định kỳ báo cáo"), max_length=20, choices=Cadence.choices, blank=True, default=""
    )
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    source_name = models.CharField(_("tệp gốc"), max_length=255, blank=True)
    source_text = models.TextField(_("văn bản gốc"), blank=True)
    warnings = models.JSONField(_("cảnh báo khi nhập"), default=list, blank=True)
    movements = models.ManyToManyField(
        "movements.Movement",
        verbose_name=_("phong trào thi đua phục vụ"),
        blank=True,
        related_name="plans",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_text = models.TextField(editable=False, default="")

    # One search (thidua/core/searchindex.py, ADR 0003): the folded column in Wagtail's index.
    search_fields = [index.SearchField("search_text")]

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-year_start", "-issued_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year_end__gte=models.F("year_start")),
                name="plan_year_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number_symbol} – {self.title}" if self.number_symbol else self.title

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.search_text = fold(" ".join([self.number_symbol, self.title, self.issuer_name]))
        super().save(*args, **kwargs)

    @property
    def period_label(self) -> str:
        if self.year_start == self.year_end:
            return str(self.year_start)
        return f"{self.year_start}–{self.year_end}"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class PlanPart(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]


class LegalBasis(PlanPart):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="bases")
    text = models.TextField(_("căn cứ"))
    number = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    date = models.DateField(_("ngày"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    # Linked when the document is in an agency's outgoing register.
    document = models.ForeignKey(
        "documents.OutgoingNumber",
        verbose_name=_("văn bản trong sổ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta(PlanPart.Meta):
        verbose_name = _("căn cứ")
        verbose_name_plural = _("căn cứ")

    def __str__(self) -> str:
        return self.text


class ContentItem(PlanPart):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="content_items")
    title = models.CharField(_("nội dung"), max_length=500)
    body = models.TextField(_("chi tiết"), blank=True)

    class Meta(PlanPart.Meta):
        verbose_name = _("nội dung tuyên truyền")
        verbose_name_plural = _("nội dung tuyên truyền")

    def __str__(self) -> str:
        return self.title


class PlanChannel(PlanPart):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="channels")
    channel = models.CharField(_("hình thức"), max_length=30, choices=Channel.choices)
    cadence = models.CharField(
        _("định kỳ"), max_length=20, choices=Cadence.choices, blank=True, default=""
    )
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta(PlanPart.Meta):
        verbose_name = _("hình thức tuyên truyền")
        verbose_name_plural = _("hình thức tuyên truyền")
        constraints = [
            models.UniqueConstraint(fields=["plan", "channel"], name="plan_channel_once"),
        ]

    def __str__(self) -> str:
        return self.get_channel_display()


class Phase(PlanPart):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="phases")
    name = models.CharField(_("tên đợt, giai đoạn"), max_length=255)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"))
    content = models.TextField(_("nội dung"), blank=True)

    class Meta(PlanPart.Meta):
        verbose_name = _("đợt, giai đoạn")
        verbose_name_plural = _("đợt, giai đoạn")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="plan_phase_range"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Assignment(PlanPart):
    """Who does what: one unit (or all units of the agency) with a role and duties."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="assignments")
    unit_text = models.CharField(_("đơn vị (theo văn bản)"), max_length=255, blank=True)
    agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plan_assignments",
    )
    all_units = models.BooleanField(
        _("tất cả các phòng, đơn vị"),
        default=False,
        help_text=_("Giao cho mọi phòng, đơn vị thuộc cơ quan (trừ đơn vị được giao riêng)."),
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=AssignmentRole.choices)
    duties = models.TextField(_("nhiệm vụ"), blank=True)

    class Meta(PlanPart.Meta):
        verbose_name = _("phân công")
        verbose_name_plural = _("phân công")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(agency__isnull=False) | models.Q(all_units=True),
                name="plan_assignment_target",
            ),
        ]

    def __str__(self) -> str:
        who = self.agency.name if self.agency_id else self.unit_text
        return f"{who} ({self.get_role_display()})"


class Recipient(PlanPart):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="recipients")
    text = models.CharField(_("nơi nhận"), max_length=255)
    agency = models.ForeignKey(
        "org.Agency", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta(PlanPart.Meta):
        verbose_name = _("nơi nhận")
        verbose_name_plural = _("nơi nhận")

    def __str__(self) -> str:
        return self.text
