"""Bloc covenants and scoring: versioned scoring tables, self- and cross-scoring, ranking."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.storage import private_storage


class Covenant(models.Model):
    """The yearly emulation covenant (giao ước thi đua) of a bloc."""

    bloc = models.ForeignKey("org.Bloc", on_delete=models.PROTECT, related_name="covenants")
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tiêu đề"), max_length=255)
    text = models.TextField(_("nội dung giao ước"))
    signed_on = models.DateField(_("ngày ký"), null=True, blank=True)
    place = models.CharField(_("địa điểm ký"), max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("giao ước thi đua")
        verbose_name_plural = _("giao ước thi đua")
        ordering = ["bloc", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["bloc", "year"], name="covenant_once_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


class CovenantSignatory(models.Model):
    covenant = models.ForeignKey(Covenant, on_delete=models.CASCADE, related_name="signatories")
    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    signer_name = models.CharField(_("người ký"), max_length=150)
    signer_position = models.CharField(_("chức vụ"), max_length=150, blank=True)
    signed_at = models.DateTimeField(_("ký lúc"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("bên ký giao ước")
        verbose_name_plural = _("bên ký giao ước")
        ordering = ["covenant", "agency__path"]
        constraints = [
            models.UniqueConstraint(fields=["covenant", "agency"], name="covenant_sign_once"),
        ]

    def __str__(self) -> str:
        return f"{self.agency}: {self.signer_name}"


class ScoringTable(models.Model):
    """A bloc's scoring table for a year; a new version replaces the previous one while nothing
    has been scored; scores always refer to the version they were given against."""

    bloc = models.ForeignKey("org.Bloc", on_delete=models.PROTECT, related_name="scoring_tables")
    year = models.PositiveSmallIntegerField(_("năm"))
    version = models.PositiveSmallIntegerField(_("phiên bản"), default=1)
    title = models.CharField(_("tên bảng điểm"), max_length=255)
    basis = models.CharField(_("căn cứ"), max_length=255, blank=True)
    is_current = models.BooleanField(_("đang áp dụng"), default=True)
    published_at = models.DateTimeField(_("công bố kết quả lúc"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("bảng chấm điểm")
        verbose_name_plural = _("bảng chấm điểm")
        ordering = ["bloc", "-year", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["bloc", "year", "version"], name="scoring_table_version_unique"
            ),
            models.UniqueConstraint(
                fields=["bloc", "year"],
                condition=models.Q(is_current=True),
                name="scoring_table_one_current",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year}, v{self.version})"

    @property
    def is_locked(self) -> bool:
        return self.published_at is not None


class ScoringSection(models.Model):
    table = models.ForeignKey(ScoringTable, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    code = models.CharField(_("số mục"), max_length=10)  # "I", "II", …
    title = models.CharField(_("tên mục"), max_length=255)

    class Meta:
        verbose_name = _("mục bảng điểm")
        verbose_name_plural = _("mục bảng điểm")
        ordering = ["table", "order"]
        constraints = [
            models.UniqueConstraint(fields=["table", "order"], name="scoring_section_order"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"


class Criterion(models.Model):
    class Kind(models.TextChoices):
        SCORE = "score", _("Tiêu chí chấm điểm")
        BONUS = "bonus", _("Điểm thưởng")
        PENALTY = "penalty", _("Điểm trừ")

    section = models.ForeignKey(ScoringSection, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    code = models.CharField(_("số tiêu chí"), max_length=10)
    text = models.TextField(_("nội dung tiêu chí"))
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.SCORE)
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=6, decimal_places=2)
    evidence_required = models.BooleanField(_("cần minh chứng"), default=False)

    class Meta:
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        ordering = ["section__order", "order"]
        constraints = [
            models.UniqueConstraint(fields=["section", "order"], name="criterion_order"),
            models.CheckConstraint(condition=models.Q(max_points__gt=0), name="criterion_max_pos"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.text[:60]}"


class ScoreSheet(models.Model):
    """One agency's scores of one bloc member (itself, or another member when cross-scoring)."""

    class Kind(models.TextChoices):
        SELF = "self", _("Tự chấm")
        CROSS = "cross", _("Chấm chéo")

    table = models.ForeignKey(ScoringTable, on_delete=models.PROTECT, related_name="sheets")
    subject = models.ForeignKey(
        "org.Agency",
        verbose_name=_("cơ quan được chấm"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    scorer = models.ForeignKey(
        "org.Agency", verbose_name=_("cơ quan chấm"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    submitted_at = models.DateTimeField(_("gửi khối lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    total = models.DecimalField(_("tổng điểm"), max_digits=7, decimal_places=2, default=0)
    base_total = models.DecimalField(
        _("điểm tiêu chí chính"), max_digits=7, decimal_places=2, default=0
    )
    bonus_total = models.DecimalField(_("điểm thưởng"), max_digits=7, decimal_places=2, default=0)
    penalty_total = models.DecimalField(_("điểm trừ"), max_digits=7, decimal_places=2, default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("phiếu chấm điểm")
        verbose_name_plural = _("phiếu chấm điểm")
        ordering = ["table", "subject__path", "kind", "scorer__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["table", "subject", "scorer"], name="score_sheet_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(kind="self", subject=models.F("scorer"))
                | (models.Q(kind="cross") & ~models.Q(subject=models.F("scorer"))),
                name="score_sheet_kind_matches",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.subject} ({self.scorer})"


class Score(models.Model):
    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    points = models.DecimalField(_("điểm"), max_digits=6, decimal_places=2)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("điểm")
        verbose_name_plural = _("điểm")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="score_once"),
            models.CheckConstraint(condition=models.Q(points__gte=0), name="score_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion.code}: {self.points}"


class ScoreChange(models.Model):
    """A change to a score after the results were published: who, when, from, to, why."""

    score = models.ForeignKey(Score, on_delete=models.CASCADE, related_name="changes")
    old_points = models.DecimalField(max_digits=6, decimal_places=2)
    new_points = models.DecimalField(max_digits=6, decimal_places=2)
    reason = models.TextField(_("lý do"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("điều chỉnh sau công bố")
        verbose_name_plural = _("điều chỉnh sau công bố")
        ordering = ["-changed_at"]

    def __str__(self) -> str:
        return f"{self.old_points} → {self.new_points}"


class Evidence(models.Model):
    """A file proving a self-score (private storage, served by a permission-checked view)."""

    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="evidence")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    file = models.FileField(upload_to="movements/evidence/%Y/", storage=private_storage)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        ordering = ["criterion__order", "uploaded_at"]

    def __str__(self) -> str:
        return self.original_name
