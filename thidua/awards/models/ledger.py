"""The award ledger: what a person or a collective achieved, by year, across agency changes.

Every row names its holder by ``person`` (an individual, whatever agency they are in now) or by
``agency`` (a collective); ``agency_at_time`` keeps where the person worked, for display only.
Eligibility reads these rows; revoked awards are kept with ``revoked_at`` and never count."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Rating(models.TextChoices):
    """Yearly performance rating, best first."""

    EXCELLENT = "excellent", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "good", _("Hoàn thành tốt nhiệm vụ")
    COMPLETE = "complete", _("Hoàn thành nhiệm vụ")
    INCOMPLETE = "incomplete", _("Không hoàn thành nhiệm vụ")


RATING_RANK = {Rating.EXCELLENT: 3, Rating.GOOD: 2, Rating.COMPLETE: 1, Rating.INCOMPLETE: 0}


class AchievementKind(models.TextChoices):
    INITIATIVE = "initiative", _("Sáng kiến")
    RESEARCH = "research", _("Đề tài nghiên cứu khoa học")


class EffectLevel(models.TextChoices):
    """Scope of effect of an initiative or research, narrowest first."""

    AGENCY = "agency", _("Cấp cơ sở")
    PROVINCE = "province", _("Cấp tỉnh")
    NATIONAL = "national", _("Toàn quốc")


EFFECT_RANK = {EffectLevel.AGENCY: 1, EffectLevel.PROVINCE: 2, EffectLevel.NATIONAL: 3}


class EntrySource(models.TextChoices):
    DECISION = "decision", _("Quyết định trên hệ thống")
    IMPORT = "import", _("Nhập từ tệp Excel")
    MANUAL = "manual", _("Nhập tay")


class HolderFields(models.Model):
    """A ledger row belongs to exactly one person or one collective (agency node)."""

    person = models.ForeignKey(
        "org.Person",
        verbose_name=_("cá nhân"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("tập thể"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    agency_at_time = models.ForeignKey(
        "org.Agency",
        verbose_name=_("đơn vị công tác khi đó"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source = models.CharField(
        _("nguồn"), max_length=10, choices=EntrySource.choices, default=EntrySource.MANUAL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True

    @property
    def holder(self) -> object:
        return self.person if self.person_id else self.agency

    @classmethod
    def holder_constraint(cls, name: str) -> models.CheckConstraint:
        return models.CheckConstraint(
            condition=(Q(person__isnull=False, agency__isnull=True))
            | (Q(person__isnull=True, agency__isnull=False)),
            name=name,
        )


class YearRating(HolderFields):
    """The yearly performance rating of a person or a collective."""

    year = models.PositiveSmallIntegerField(_("năm"))
    rating = models.CharField(_("xếp loại"), max_length=12, choices=Rating.choices)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("xếp loại hằng năm")
        verbose_name_plural = _("xếp loại hằng năm")
        ordering = ["-year"]
        constraints = [
            HolderFields.holder_constraint("awards_rating_one_holder"),
            models.UniqueConstraint(
                fields=["person", "year"],
                condition=Q(person__isnull=False),
                name="awards_rating_person_year",
            ),
            models.UniqueConstraint(
                fields=["agency", "year"],
                condition=Q(agency__isnull=False),
                name="awards_rating_agency_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.get_rating_display()}"


class Achievement(HolderFields):
    """A recognised initiative or accepted research, with the scope of its effect."""

    year = models.PositiveSmallIntegerField(_("năm công nhận"))
    kind = models.CharField(_("loại"), max_length=12, choices=AchievementKind.choices)
    name = models.CharField(_("tên sáng kiến, đề tài"), max_length=500)
    effect_level = models.CharField(
        _("phạm vi ảnh hưởng"), max_length=10, choices=EffectLevel.choices
    )
    recognised_by = models.CharField(_("cơ quan công nhận, số văn bản"), max_length=255, blank=True)
    applied = models.BooleanField(_("đã được áp dụng"), default=True)

    class Meta:
        verbose_name = _("sáng kiến, đề tài")
        verbose_name_plural = _("sáng kiến, đề tài")
        ordering = ["-year", "name"]
        constraints = [HolderFields.holder_constraint("awards_achievement_one_holder")]

    def __str__(self) -> str:
        return self.name


class DisciplineKind(models.TextChoices):
    DISCIPLINE = "discipline", _("Kỷ luật")
    INSPECTION = "inspection", _("Đang bị thanh tra, kiểm tra")
    COMPLAINT = "complaint", _("Đang có khiếu nại, tố cáo")


class Discipline(HolderFields):
    """A discipline (with its period) or a pending inspection or complaint. While it runs, no
    award; after it ends, achievements count only from its end (Nghị định 152/2025/NĐ-CP)."""

    kind = models.CharField(
        _("loại"), max_length=12, choices=DisciplineKind.choices, default=DisciplineKind.DISCIPLINE
    )
    form = models.CharField(_("hình thức"), max_length=150, blank=True)
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)
    reference = models.CharField(_("số quyết định, văn bản"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("kỷ luật")
        verbose_name_plural = _("kỷ luật")
        ordering = ["-start_date"]
        constraints = [HolderFields.holder_constraint("awards_discipline_one_holder")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.start_date:%d/%m/%Y}"


class AwardEntry(HolderFields):
    """A title or form received, in a year. Written by the decision issue service (source
    ``decision``) through ``services.ledger.award_entry_record``, imported from .xlsx, or entered
    by hand. A revocation sets ``revoked_at`` and ``revoked_reason``; the row stays."""

    title = models.ForeignKey("awards.Title", on_delete=models.PROTECT, related_name="entries")
    year = models.PositiveSmallIntegerField(_("năm"))
    decision_number = models.CharField(_("số quyết định"), max_length=64, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    issuer_name = models.CharField(_("cơ quan quyết định"), max_length=255, blank=True)
    proposal = models.ForeignKey(
        "awards.Proposal", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    revoked_reason = models.TextField(_("lý do thu hồi"), blank=True)

    class Meta:
        verbose_name = _("danh hiệu, hình thức đã nhận")
        verbose_name_plural = _("danh hiệu, hình thức đã nhận")
        ordering = ["-year", "title__position"]
        constraints = [
            HolderFields.holder_constraint("awards_entry_one_holder"),
        ]
        indexes = [models.Index(fields=["title", "year"], name="awards_entry_title_year")]

    def __str__(self) -> str:
        return f"{self.title.label} {self.year}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
