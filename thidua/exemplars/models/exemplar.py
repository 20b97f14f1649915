"""The exemplar (điển hình tiên tiến) and the fields (lĩnh vực) it is judged in."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from thidua.core.text import fold


class ExemplarField(models.Model):
    """A field (lĩnh vực) configured by the Office, with its criteria, one per line.

    ``agency`` is the agency whose Office keeps the field; empty for fields the province
    admin sets for every agency.
    """

    agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("cơ quan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="exemplar_fields",
        help_text=_("Để trống: lĩnh vực dùng chung cho mọi cơ quan trong tỉnh."),
    )
    name = models.CharField(_("tên lĩnh vực"), max_length=200)
    description = models.TextField(_("mô tả"), blank=True)
    criteria = models.TextField(
        _("tiêu chí"),
        blank=True,
        help_text=_("Mỗi tiêu chí một dòng. Dùng để xét chọn điển hình trong lĩnh vực này."),
    )
    is_active = models.BooleanField(_("đang sử dụng"), default=True)
    search_text = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("lĩnh vực điển hình")
        verbose_name_plural = _("lĩnh vực điển hình")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "name"], name="exemplar_field_unique_name_per_agency"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.search_text = fold(f"{self.name} {self.description}")
        super().save(*args, **kwargs)

    @property
    def criteria_list(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.criteria.splitlines() if line.strip(" -•\t")]


class SubjectKind(models.TextChoices):
    PERSON = "person", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể")


class Kind(models.TextChoices):
    ADVANCED = "advanced", _("Điển hình tiên tiến")
    NEW_FACTOR = "new_factor", _("Nhân tố mới")
    NEW_MODEL = "new_model", _("Mô hình mới")
    GOOD_PRACTICE = "good_practice", _("Cách làm hay")
    GOOD_DEED = "good_deed", _("Người tốt, việc tốt")


class Stage(models.TextChoices):
    DISCOVERED = "discovered", _("Phát hiện")
    NURTURING = "nurturing", _("Đang bồi dưỡng")
    RECOGNISED = "recognised", _("Đã công nhận")
    REPLICATED = "replicated", _("Đã nhân rộng")
    DROPPED = "dropped", _("Không tiếp tục theo dõi")


class Level(models.TextChoices):
    AGENCY = "agency", _("Cấp cơ quan")
    PROVINCE = "province", _("Cấp tỉnh")
    NATIONAL = "national", _("Cấp toàn quốc")


class Exemplar(index.Indexed, models.Model):
    """A person or a collective followed from discovery to replication.

    Scoped by ``unit``, the proposing unit: unit heads answer for their unit's exemplars, the
    Office sees its whole agency. The stage changes only through the services (see
    services/stages.py for the allowed edges); each change is a StageChange row and an audit
    entry.
    """

    subject_kind = models.CharField(
        _("đối tượng"), max_length=20, choices=SubjectKind.choices, default=SubjectKind.PERSON
    )
    person = models.ForeignKey(
        "org.Person",
        verbose_name=_("cá nhân"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="exemplars",
    )
    collective = models.ForeignKey(
        "org.Agency",
        verbose_name=_("tập thể"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="exemplars_as_collective",
    )
    name = models.CharField(
        _("tên điển hình"),
        max_length=255,
        help_text=_("Tên cá nhân hoặc tập thể như sẽ hiển thị; để trống để lấy theo hồ sơ."),
    )
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.ADVANCED)
    field = models.ForeignKey(
        ExemplarField,
        verbose_name=_("lĩnh vực"),
        on_delete=models.PROTECT,
        related_name="exemplars",
    )
    unit = models.ForeignKey(
        "org.Agency",
        verbose_name=_("đơn vị đề xuất"),
        on_delete=models.PROTECT,
        related_name="exemplars",
    )
    summary = models.CharField(
        _("tóm tắt"),
        max_length=300,
        blank=True,
        help_text=_("Một hai câu giới thiệu, dùng cho danh sách và trang công khai."),
    )
    achievements = models.TextField(_("thành tích"))
    discovered_on = models.DateField(_("ngày phát hiện"))
    stage = models.CharField(
        _("giai đoạn"), max_length=20, choices=Stage.choices, default=Stage.DISCOVERED
    )
    stage_changed_at = models.DateTimeField(_("chuyển giai đoạn lúc"), auto_now_add=True)
    # Recognition (stage "recognised" and later).
    recognition_level = models.CharField(
        _("cấp công nhận"), max_length=20, choices=Level.choices, blank=True
    )
    recognition_decision_number = models.CharField(
        _("số quyết định công nhận"), max_length=50, blank=True
    )
    recognition_decision_date = models.DateField(
        _("ngày quyết định công nhận"), null=True, blank=True
    )
    award_decision = models.ForeignKey(
        "awards.Decision",
        verbose_name=_("quyết định khen thưởng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recognised_exemplars",
        help_text=_("Quyết định đã ban hành trong hệ thống, nếu có; số và ngày lấy theo đó."),
    )
    recognition_title = models.CharField(
        _("hình thức công nhận, khen thưởng"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: Bằng khen của Chủ tịch UBND tỉnh."),
    )
    # "No longer followed".
    dropped_reason = models.TextField(_("lý do không tiếp tục theo dõi"), blank=True)
    # Publication on the portal.
    approved_for_publication = models.BooleanField(_("được phép công bố"), default=False)
    publication_approved_at = models.DateTimeField(null=True, blank=True, editable=False)
    publication_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh đại diện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Ảnh dùng trên trang giới thiệu công khai (nếu được phép công bố)."),
    )
    search_text = models.TextField(editable=False, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # One search (thidua/core/searchindex.py, ADR 0003): the folded column in Wagtail's index.
    search_fields = [index.SearchField("search_text")]

    class Meta:
        verbose_name = _("điển hình")
        verbose_name_plural = _("điển hình")
        ordering = ["-discovered_on", "-id"]
        indexes = [
            models.Index(fields=["stage", "unit"]),
            models.Index(fields=["approved_for_publication", "stage"]),
            # The back-office list, newest first: a page without sorting every exemplar.
            models.Index(fields=["-discovered_on", "-id"], name="exemplar_discovered"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(subject_kind="person", collective__isnull=True)
                    | models.Q(subject_kind="collective", person__isnull=True)
                ),
                name="exemplar_subject_matches_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.search_text = self.build_search_text()
        super().save(*args, **kwargs)

    def build_search_text(self) -> str:
        """Folded name, summary, achievements, field and unit, for accent-free search."""
        parts = [self.name, self.summary, self.achievements]
        if self.field_id:
            parts.append(self.field.name)
        if self.unit_id:
            parts.extend([self.unit.name, self.unit.short_name])
        return fold(" ".join(p for p in parts if p))

    @property
    def is_followed(self) -> bool:
        return self.stage != Stage.DROPPED


class StageChange(models.Model):
    """One move between stages: who, when, why. The timeline and the "stale" check read it."""

    exemplar = models.ForeignKey(Exemplar, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=20, choices=Stage.choices)
    at = models.DateTimeField(auto_now_add=True)
    # The day the move took effect (discovery, start of nurturing, decision, adoption), which
    # the timeline shows; ``at`` is when it was recorded.
    on = models.DateField(null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)

    class Meta:
        verbose_name = _("chuyển giai đoạn")
        verbose_name_plural = _("chuyển giai đoạn")
        ordering = ["exemplar", "at", "id"]

    def __str__(self) -> str:
        return f"{self.exemplar}: {self.from_stage} → {self.to_stage}"
