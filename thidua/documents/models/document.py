"""The document registry (sổ văn bản): incoming and outgoing documents relevant to emulation
work, their extracted full text (searched without diacritics) and the relations between them."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from thidua.core.storage import private_storage
from thidua.core.text import fold

# How much of a document's extracted text goes into its folded search column (about 60 pages):
# enough for every word of a plan or a decree, bounded for the index and the row size.
SEARCH_TEXT_LIMIT = 200_000


class Document(index.Indexed, models.Model):
    """A document of the registry (văn bản), shown in the portal's document library once
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

    class Direction(models.TextChoices):
        INCOMING = "incoming", _("Văn bản đến")
        OUTGOING = "outgoing", _("Văn bản đi")

    agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("cơ quan quản lý"),
        on_delete=models.PROTECT,
        related_name="library_documents",
        help_text=_("Cơ quan đăng văn bản lên thư viện; cán bộ của cơ quan này quản lý văn bản."),
    )
    direction = models.CharField(
        _("văn bản đến/đi"),
        max_length=10,
        choices=Direction.choices,
        default=Direction.INCOMING,
        help_text=_("Văn bản đến: do cơ quan khác ban hành. Văn bản đi: do cơ quan mình ban hành."),
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
    full_text = models.TextField(_("toàn văn"), blank=True, default="", editable=False)
    outgoing_number = models.ForeignKey(
        "documents.OutgoingNumber",
        verbose_name=_("số trong sổ văn bản đi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
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
        indexes = [
            models.Index(fields=["published", "-date"], name="document_published_date"),
            models.Index(fields=["agency", "-date"], name="document_agency_date"),
            # The registry's list, newest first (its default order).
            models.Index(fields=["-date", "-id"], name="document_date_id"),
        ]

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
                    self.full_text[:SEARCH_TEXT_LIMIT],
                ]
            )
        )
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "search_text" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "search_text"]
        super().save(*args, **kwargs)

    @property
    def title(self) -> str:
        """Folded number and summary: the index's title column (the summary is the title)."""
        return fold(f"{self.number_symbol} {self.summary}")


class DocumentRelation(models.Model):
    """Document ``source`` rests on, replaces or amends ``target``. A target that is not in the
    registry (a law, a decree of the central government) is kept by its number and symbol."""

    class Kind(models.TextChoices):
        BASED_ON = "based_on", _("Căn cứ / thực hiện")
        REPLACES = "replaces", _("Thay thế")
        AMENDS = "amends", _("Sửa đổi, bổ sung")

    source = models.ForeignKey(
        Document, verbose_name=_("văn bản"), on_delete=models.CASCADE, related_name="relations"
    )
    kind = models.CharField(_("quan hệ"), max_length=20, choices=Kind.choices)
    target = models.ForeignKey(
        Document,
        verbose_name=_("văn bản liên quan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="related_from",
    )
    reference = models.CharField(_("số, ký hiệu văn bản liên quan"), max_length=255)

    class Meta:
        verbose_name = _("quan hệ văn bản")
        verbose_name_plural = _("quan hệ văn bản")
        ordering = ["kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "reference"], name="document_relation_unique"
            ),
            models.CheckConstraint(condition=~Q(reference=""), name="document_relation_named"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.reference}"
