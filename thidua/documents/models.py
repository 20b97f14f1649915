"""The outgoing register (sổ đăng ký văn bản đi): numbers per issuing agency, type and year."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from thidua.core.storage import private_storage
from thidua.core.text import fold


class RegisterCounter(models.Model):
    """The last number given per agency, document type and year; incremented under a row lock."""

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    type_abbr = models.CharField(max_length=10, blank=True)  # "KH", "QĐ"; "" for công văn
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "type_abbr", "year"], name="register_counter_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.type_abbr}/{self.year}: {self.last_number}"


class OutgoingNumber(models.Model):
    """One number taken from the register. Cancelled numbers stay, with their reason, and are
    never given again."""

    class Status(models.TextChoices):
        RESERVED = "reserved", _("Đã lấy số")
        CANCELLED = "cancelled", _("Đã hủy số")

    agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("cơ quan ban hành"),
        on_delete=models.PROTECT,
        related_name="outgoing_numbers",
    )
    type_abbr = models.CharField(_("loại văn bản"), max_length=10, blank=True)
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số"))
    symbol = models.CharField(_("số, ký hiệu"), max_length=60)  # "05/KH-SKHCN"
    date = models.DateField(_("ngày văn bản"))
    summary = models.CharField(_("trích yếu"), max_length=500, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.RESERVED
    )
    cancel_reason = models.CharField(_("lý do hủy"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("số văn bản đi")
        verbose_name_plural = _("sổ đăng ký văn bản đi")
        ordering = ["agency", "-year", "type_abbr", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "type_abbr", "year", "number"], name="outgoing_number_unique"
            )
        ]

    def __str__(self) -> str:
        return self.symbol


class Document(index.Indexed, models.Model):
    """A document of the registry (văn bản) shown in the portal's document library once
    published: type, number and symbol, issuer, date, effective date, summary, file.

    The issuer is kept as printed on the document: after a merger the old name stays.
    """

    class Type(models.TextChoices):
        LAW = "luat", _("Luật")
        DECREE = "nghi_dinh", _("Nghị định")
        CIRCULAR = "thong_tu", _("Thông tư")
        RESOLUTION = "nghi_quyet", _("Nghị quyết")
        DECISION = "quyet_dinh", _("Quyết định")
        DIRECTIVE = "chi_thi", _("Chỉ thị")
        PLAN = "ke_hoach", _("Kế hoạch")
        PROGRAMME = "chuong_trinh", _("Chương trình")
        GUIDANCE = "huong_dan", _("Hướng dẫn")
        NOTICE = "thong_bao", _("Thông báo")
        REPORT = "bao_cao", _("Báo cáo")
        REGULATION = "quy_dinh", _("Quy định")
        RULES = "quy_che", _("Quy chế")
        OFFICIAL_LETTER = "cong_van", _("Công văn")
        OTHER = "khac", _("Văn bản khác")

    agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("cơ quan quản lý"),
        on_delete=models.PROTECT,
        related_name="library_documents",
        help_text=_("Cơ quan đăng văn bản lên thư viện; cán bộ của cơ quan này quản lý văn bản."),
    )
    doc_type = models.CharField(_("loại văn bản"), max_length=20, choices=Type.choices)
    number_symbol = models.CharField(
        _("số, ký hiệu"), max_length=80, help_text=_("Ví dụ: 31/KH-STTTT")
    )
    issuer = models.CharField(
        _("cơ quan ban hành"),
        max_length=255,
        help_text=_("Ghi như trên văn bản, kể cả khi cơ quan đã sáp nhập."),
    )
    date = models.DateField(_("ngày ban hành"))
    effective_date = models.DateField(_("ngày hiệu lực"), null=True, blank=True)
    summary = models.CharField(_("trích yếu"), max_length=500)
    file = models.FileField(
        _("tệp văn bản"),
        upload_to="library/%Y/",
        storage=private_storage,
        help_text=_("PDF, Word (.docx), OpenDocument (.odt) hoặc Excel (.xlsx)."),
    )
    published = models.BooleanField(
        _("công khai trên cổng"),
        default=False,
        help_text=_("Chỉ văn bản công khai mới hiện trong thư viện và kết quả tìm kiếm."),
    )
    published_at = models.DateTimeField(_("ngày công khai"), null=True, blank=True)
    search_text = models.TextField(editable=False, blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("search_text"),
        index.FilterField("published"),
        index.FilterField("doc_type"),
    ]

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("thư viện văn bản")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["published", "-date"], name="document_published_date")]

    def __str__(self) -> str:
        return f"{self.number_symbol} – {self.summary}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = fold(
            " ".join(
                [
                    self.number_symbol,
                    self.get_doc_type_display(),
                    self.issuer,
                    self.summary,
                ]
            )
        )
        super().save(*args, **kwargs)

    @property
    def title(self) -> str:
        """Folded number and summary: the index's title column (the summary is the title)."""
        return fold(f"{self.number_symbol} {self.summary}")
