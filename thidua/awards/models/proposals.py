"""Nomination dossiers (hồ sơ đề nghị khen thưởng) and their steps (DOMAIN.md, "Dossier,
publicity, council, decision")."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.awards.models.catalogue import DocumentKind
from thidua.core.storage import private_storage


class Procedure(models.TextChoices):
    NORMAL = "normal", _("Thủ tục thông thường")
    SIMPLIFIED = "simplified", _("Thủ tục đơn giản")


class ProposalStatus(models.TextChoices):
    """Steps of a dossier. ``AT_COUNCIL`` hands the dossier to the council;
    ``DECIDED`` means the council passed it and a decision is being drafted; ``ISSUED`` that the
    decision was issued; ``NOT_PASSED`` that the council did not pass it."""

    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đơn vị đã gửi")
    CHECKED = "checked", _("Văn phòng đã thẩm định")
    PUBLICISED = "publicised", _("Đang công khai")
    AT_COUNCIL = "at_council", _("Trình Hội đồng")
    DECIDED = "decided", _("Hội đồng đã thông qua")
    NOT_PASSED = "not_passed", _("Hội đồng không thông qua")
    ISSUED = "issued", _("Đã có quyết định")
    RETURNED = "returned", _("Trả lại")


class Proposal(models.Model):
    """A dossier proposing one nominee (``person`` or collective ``nominee_agency``) for one
    ``title`` in ``year``, sent by ``proposing_agency`` (the unit). Visibility follows the
    proposing agency. ``rule_version`` and ``eligibility`` keep how it was judged."""

    title = models.ForeignKey(
        "awards.Title",
        verbose_name=_("danh hiệu, hình thức"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    person = models.ForeignKey(
        "org.Person",
        verbose_name=_("cá nhân được đề nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    nominee_agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("tập thể được đề nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    period = models.CharField(_("thời gian thành tích"), max_length=100, blank=True)
    procedure = models.CharField(
        _("thủ tục"), max_length=12, choices=Procedure.choices, default=Procedure.NORMAL
    )
    proposing_agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("đơn vị đề nghị"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    achievements = models.TextField(_("tóm tắt thành tích"), blank=True)
    status = models.CharField(
        _("trạng thái"),
        max_length=12,
        choices=ProposalStatus.choices,
        default=ProposalStatus.DRAFT,
        db_index=True,
    )
    returned_from = models.CharField(max_length=12, blank=True)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    rule_version = models.ForeignKey(
        "awards.RuleVersion",
        verbose_name=_("phiên bản tiêu chuẩn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    eligible = models.BooleanField(_("đủ tiêu chuẩn"), null=True, blank=True)
    eligibility = models.JSONField(_("kết quả xét tiêu chuẩn"), default=dict, blank=True)
    eligibility_checked_at = models.DateTimeField(null=True, blank=True)
    publicity_start = models.DateField(_("công khai từ"), null=True, blank=True)
    publicity_end = models.DateField(_("công khai đến"), null=True, blank=True)
    due_date = models.DateField(_("hạn xử lý bước hiện tại"), null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)
    search_text = models.TextField(editable=False, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("hồ sơ đề nghị khen thưởng")
        verbose_name_plural = _("hồ sơ đề nghị khen thưởng")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False, nominee_agency__isnull=True))
                | (Q(person__isnull=True, nominee_agency__isnull=False)),
                name="awards_proposal_one_nominee",
            ),
        ]
        indexes = [
            models.Index(fields=["title", "year"], name="awards_proposal_title_year"),
            # The back-office list, newest first: read a page without sorting every proposal.
            models.Index(fields=["-created_at", "-id"], name="awards_proposal_created"),
        ]

    def __str__(self) -> str:
        return f"{self.title.label} {self.year} – {self.nominee_name}"

    @property
    def nominee(self) -> object:
        return self.person if self.person_id else self.nominee_agency

    @property
    def nominee_name(self) -> str:
        nominee = self.nominee
        return getattr(nominee, "full_name", None) or getattr(nominee, "name", "")


def _document_path(instance: ProposalDocument, filename: str) -> str:
    return f"awards/proposals/{instance.proposal_id}/{filename}"


class ProposalDocument(models.Model):
    """A file of the dossier (tờ trình, báo cáo thành tích, ...), kept in private storage."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("loại tài liệu"), max_length=24, choices=DocumentKind.choices)
    file = models.FileField(_("tệp"), upload_to=_document_path, storage=private_storage)
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField(default=0)
    generated = models.BooleanField(_("do hệ thống tạo"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tài liệu hồ sơ")
        verbose_name_plural = _("tài liệu hồ sơ")
        ordering = ["kind", "-uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class ProposalStep(models.Model):
    """One move of a dossier: who, when, from which step to which, and why."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="steps")
    from_status = models.CharField(max_length=12, choices=ProposalStatus.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=ProposalStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("ghi chú"), blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bước xử lý hồ sơ")
        verbose_name_plural = _("bước xử lý hồ sơ")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class PublicComment(models.Model):
    """A comment from the public on a publicised dossier; it joins the dossier."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    name = models.CharField(_("họ và tên"), max_length=150)
    contact = models.CharField(_("điện thoại hoặc thư điện tử"), max_length=150, blank=True)
    body = models.TextField(_("nội dung góp ý"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ý kiến góp ý")
        verbose_name_plural = _("ý kiến góp ý")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.name}: {self.body[:50]}"


class PublicHoliday(models.Model):
    """A public holiday: not a working day when counting publicity windows and deadlines."""

    date = models.DateField(_("ngày"), unique=True)
    name = models.CharField(_("tên ngày nghỉ"), max_length=150)

    class Meta:
        verbose_name = _("ngày nghỉ lễ")
        verbose_name_plural = _("ngày nghỉ lễ")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"


class StepDeadline(models.Model):
    """How many working days a step may take under a procedure (reminders when overdue)."""

    procedure = models.CharField(_("thủ tục"), max_length=12, choices=Procedure.choices)
    status = models.CharField(_("bước"), max_length=12, choices=ProposalStatus.choices)
    working_days = models.PositiveSmallIntegerField(_("số ngày làm việc"))

    class Meta:
        verbose_name = _("thời hạn xử lý")
        verbose_name_plural = _("thời hạn xử lý")
        constraints = [
            models.UniqueConstraint(fields=["procedure", "status"], name="awards_deadline_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_procedure_display()} – {self.get_status_display()}"
