"""The catalogue of emulation titles and forms of commendation, as data (DOMAIN.md, "Titles and
forms of commendation"). Criteria live in versioned :class:`RuleVersion` rows so that a rule edit
never changes how an already-checked or decided dossier was judged."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TitleKind(models.TextChoices):
    TITLE = "title", _("Danh hiệu thi đua")
    FORM = "form", _("Hình thức khen thưởng")


class AppliesTo(models.TextChoices):
    INDIVIDUAL = "individual", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể")
    BOTH = "both", _("Cá nhân và tập thể")


class Level(models.TextChoices):
    AGENCY = "agency", _("Cấp cơ sở")
    PROVINCE = "province", _("Cấp tỉnh")
    NATIONAL = "national", _("Cấp nhà nước")


class Authority(models.TextChoices):
    AGENCY_HEAD = "agency_head", _("Thủ trưởng cơ quan, đơn vị")
    PROVINCE_CHAIR = "province_chair", _("Chủ tịch UBND tỉnh")
    PRIME_MINISTER = "prime_minister", _("Thủ tướng Chính phủ")
    PRESIDENT = "president", _("Chủ tịch nước")


class BallotBasis(models.TextChoices):
    ALL_MEMBERS = "all_members", _("Trên tổng số thành viên Hội đồng")
    PRESENT = "present", _("Trên số thành viên có mặt")


class CertificateKind(models.TextChoices):
    NONE = "none", _("Không cấp (chỉ có quyết định)")
    GIAY_KHEN = "giay_khen", _("Giấy khen")
    BANG_KHEN = "bang_khen", _("Bằng khen")
    BANG_CHUNG_NHAN = "bang_chung_nhan", _("Bằng chứng nhận")
    CO = "co", _("Cờ thi đua")


class DocumentKind(models.TextChoices):
    """Documents of a dossier (Law Art. 84, 85)."""

    TO_TRINH = "to_trinh", _("Tờ trình đề nghị khen thưởng")
    BAO_CAO = "bao_cao_thanh_tich", _("Báo cáo thành tích")
    TOM_TAT = "tom_tat_thanh_tich", _("Tóm tắt thành tích")
    BIEN_BAN = "bien_ban_binh_xet", _("Biên bản bình xét")
    SANG_KIEN = "xac_nhan_sang_kien", _("Xác nhận sáng kiến, đề tài nghiên cứu")
    KHAC = "khac", _("Tài liệu khác")


class Title(models.Model):
    """An emulation title or a form of commendation (``kind``), for individuals or collectives.

    Councils and decisions read: ``code``, ``name``, ``kind``, ``applies_to``, ``level``,
    ``authority``, ``needs_secret_ballot``, ``ballot_quorum_percent``, ``ballot_threshold_percent``,
    ``ballot_basis``, ``money_coefficient``, ``certificate_kind``, ``legal_basis``,
    ``valid_from``/``valid_to``. Criteria: :meth:`current_rules` (a :class:`RuleVersion`).
    """

    code = models.SlugField(_("mã"), max_length=32, unique=True)
    short_name = models.CharField(_("tên viết tắt"), max_length=50, blank=True)
    name = models.CharField(_("tên"), max_length=255)
    kind = models.CharField(_("loại"), max_length=10, choices=TitleKind.choices)
    applies_to = models.CharField(_("đối tượng"), max_length=12, choices=AppliesTo.choices)
    level = models.CharField(_("cấp"), max_length=10, choices=Level.choices)
    authority = models.CharField(
        _("thẩm quyền quyết định"), max_length=20, choices=Authority.choices
    )
    authority_basis = models.CharField(_("căn cứ thẩm quyền"), max_length=255, blank=True)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=255)
    description = models.TextField(_("tiêu chuẩn (tóm tắt)"), blank=True)
    counts_for_merit = models.BooleanField(
        _("tính vào thành tích xét khen thưởng quá trình cống hiến"),
        default=True,
        help_text=_("Khen thưởng đột xuất, theo chuyên đề không tính (Nghị định 152/2025/NĐ-CP)."),
    )
    needs_secret_ballot = models.BooleanField(_("bỏ phiếu kín"), default=False)
    ballot_quorum_percent = models.PositiveSmallIntegerField(
        _("số thành viên có mặt tối thiểu (%)"), default=67
    )
    ballot_threshold_percent = models.PositiveSmallIntegerField(
        _("tỷ lệ phiếu đồng ý tối thiểu (%)"), default=50
    )
    ballot_basis = models.CharField(
        _("tính tỷ lệ"), max_length=12, choices=BallotBasis.choices, default=BallotBasis.ALL_MEMBERS
    )
    requires_publicity = models.BooleanField(_("công khai trước khi họp Hội đồng"), default=False)
    publicity_working_days = models.PositiveSmallIntegerField(
        _("số ngày làm việc công khai"), default=10
    )
    money_coefficient = models.DecimalField(
        _("hệ số tiền thưởng (lần mức lương cơ sở)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
    )
    money_basis = models.CharField(_("căn cứ tiền thưởng"), max_length=255, blank=True)
    certificate_kind = models.CharField(
        _("hiện vật"), max_length=20, choices=CertificateKind.choices, default=CertificateKind.NONE
    )
    required_documents = models.JSONField(
        _("thành phần hồ sơ (thủ tục thông thường)"), default=list, blank=True
    )
    required_documents_simplified = models.JSONField(
        _("thành phần hồ sơ (thủ tục đơn giản)"), default=list, blank=True
    )
    valid_from = models.DateField(_("áp dụng từ"), null=True, blank=True)
    valid_to = models.DateField(_("áp dụng đến"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("danh hiệu, hình thức khen thưởng")
        verbose_name_plural = _("danh hiệu, hình thức khen thưởng")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        return self.short_name or self.name

    def documents_for(self, procedure: str) -> list[str]:
        if procedure == "simplified":
            return list(self.required_documents_simplified or [])
        return list(self.required_documents or [])


class RuleVersion(models.Model):
    """One immutable version of a title's criteria (structured rules, see ``eligibility.rules``).

    Editing the criteria adds a version; a proposal keeps the version it was judged by."""

    title = models.ForeignKey(Title, on_delete=models.PROTECT, related_name="rule_versions")
    number = models.PositiveIntegerField(_("phiên bản"))
    rules = models.JSONField(_("tiêu chuẩn"), default=list)
    valid_from = models.DateField(_("áp dụng từ"))
    note = models.CharField(_("lý do thay đổi"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("phiên bản tiêu chuẩn")
        verbose_name_plural = _("phiên bản tiêu chuẩn")
        ordering = ["title", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["title", "number"], name="awards_rule_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.title.label} v{self.number}"


class Quota(models.Model):
    """A cap set by an issuer (province or sector rule) on one title for one year: a number,
    or a percentage of the holders of a base title (e.g. CSTĐCS ≤ 15% of LĐTT)."""

    issuer = models.ForeignKey(
        "org.Agency",
        verbose_name=_("cơ quan quyết định"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.ForeignKey(Title, on_delete=models.PROTECT, related_name="quotas")
    year = models.PositiveSmallIntegerField(_("năm"))
    max_count = models.PositiveIntegerField(_("số lượng tối đa"), null=True, blank=True)
    max_percent = models.DecimalField(
        _("tỷ lệ tối đa (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    percent_of = models.ForeignKey(
        Title,
        verbose_name=_("tính trên số đạt"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    legal_basis = models.CharField(_("căn cứ"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("chỉ tiêu khen thưởng")
        verbose_name_plural = _("chỉ tiêu khen thưởng")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "title", "year"], name="awards_quota_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.title.label} {self.year} – {self.issuer}"
