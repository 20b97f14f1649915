"""What is kept about an exemplar: evidence, the nurturing plan and log, replications."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.storage import private_storage


class Evidence(models.Model):
    """A file (private storage, checked on upload) or a link supporting the achievements."""

    exemplar = models.ForeignKey(
        "exemplars.Exemplar", on_delete=models.CASCADE, related_name="evidence"
    )
    title = models.CharField(_("tên minh chứng"), max_length=255)
    file = models.FileField(
        _("tệp"), upload_to="exemplars/evidence/%Y/%m/", storage=private_storage, blank=True
    )
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    url = models.URLField(_("đường dẫn"), max_length=500, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        ordering = ["exemplar", "added_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(file="") & ~models.Q(url=""))
                | (~models.Q(file="") & models.Q(url="")),
                name="evidence_file_or_link",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class NurturingPlan(models.Model):
    """How the exemplar is nurtured: the mentor, the goals, the support given."""

    exemplar = models.OneToOneField(
        "exemplars.Exemplar", on_delete=models.CASCADE, related_name="nurturing_plan"
    )
    mentor = models.ForeignKey(
        "org.Person",
        verbose_name=_("người phụ trách bồi dưỡng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mentored_exemplars",
    )
    goals = models.TextField(_("mục tiêu bồi dưỡng"))
    support = models.TextField(_("hỗ trợ, điều kiện được tạo"), blank=True)
    started_on = models.DateField(_("bắt đầu bồi dưỡng"))
    target_date = models.DateField(_("dự kiến hoàn thành"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kế hoạch bồi dưỡng")
        verbose_name_plural = _("kế hoạch bồi dưỡng")

    def __str__(self) -> str:
        return str(self.exemplar)


class NurturingLog(models.Model):
    """A dated entry of the nurturing log: a visit, training, support given, progress seen."""

    exemplar = models.ForeignKey(
        "exemplars.Exemplar", on_delete=models.CASCADE, related_name="log_entries"
    )
    date = models.DateField(_("ngày"))
    content = models.TextField(_("nội dung"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("nhật ký bồi dưỡng")
        verbose_name_plural = _("nhật ký bồi dưỡng")
        ordering = ["exemplar", "-date", "-id"]
        indexes = [models.Index(fields=["exemplar", "date"])]

    def __str__(self) -> str:
        return f"{self.exemplar} {self.date}"


class Replication(models.Model):
    """A unit that adopted the model: which, when, with what result."""

    exemplar = models.ForeignKey(
        "exemplars.Exemplar", on_delete=models.CASCADE, related_name="replications"
    )
    adopting_unit = models.ForeignKey(
        "org.Agency",
        verbose_name=_("đơn vị áp dụng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adopted_exemplars",
    )
    adopting_unit_name = models.CharField(
        _("tên đơn vị áp dụng (ngoài hệ thống)"), max_length=255, blank=True
    )
    adopted_on = models.DateField(_("ngày áp dụng"))
    result = models.TextField(_("kết quả"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("nhân rộng")
        verbose_name_plural = _("nhân rộng")
        ordering = ["exemplar", "adopted_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(adopting_unit__isnull=False) | ~models.Q(adopting_unit_name=""),
                name="replication_has_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.exemplar} → {self.unit_label}"

    @property
    def unit_label(self) -> str:
        return self.adopting_unit.name if self.adopting_unit_id else self.adopting_unit_name
