"""Coverage: an article, meeting or activity that featured an exemplar.

Generic on purpose: the portal's articles and the plans' activities point at an exemplar by
calling ``services.coverage_record(exemplar, kind=..., title=..., date=..., target=obj)``; staff
record other coverage (a newspaper article, a conference) by hand with a URL.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Coverage(models.Model):
    class Kind(models.TextChoices):
        ARTICLE = "article", _("Bài viết")
        MEETING = "meeting", _("Hội nghị, cuộc họp")
        ACTIVITY = "activity", _("Hoạt động")
        OTHER = "other", _("Khác")

    exemplar = models.ForeignKey(
        "exemplars.Exemplar", on_delete=models.CASCADE, related_name="coverage"
    )
    kind = models.CharField(_("hình thức"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("tiêu đề"), max_length=255)
    date = models.DateField(_("ngày"))
    url = models.URLField(_("đường dẫn"), max_length=500, blank=True)
    # Optional link to the record in another app (a portal article, a plan activity).
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.CharField(max_length=64, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tuyên truyền về điển hình")
        verbose_name_plural = _("tuyên truyền về điển hình")
        ordering = ["exemplar", "-date", "-id"]
        indexes = [models.Index(fields=["exemplar", "kind"])]
        constraints = [
            # One record per linked object: the portal may call coverage_record on every publish.
            models.UniqueConstraint(
                fields=["exemplar", "target_type", "target_id"],
                condition=models.Q(target_type__isnull=False),
                name="coverage_unique_target",
            ),
        ]

    def __str__(self) -> str:
        return self.title
