from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.text import fold


class Agency(models.Model):
    """An agency or one of its units, as a tree: province → department → division.

    ``path`` ("/1/4/9/") is maintained by the services so that a subtree is one indexed
    prefix query. A merged agency keeps its row, its name and its history; it points to its
    successor and becomes read-only.
    """

    class Kind(models.TextChoices):
        PROVINCE = "province", _("Tỉnh, thành phố")
        DEPARTMENT = "department", _("Sở, ban, ngành")
        DIVISION = "division", _("Phòng, ban chuyên môn")
        UNIT = "unit", _("Đơn vị trực thuộc")
        OTHER = "other", _("Khác")

    code = models.CharField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("tên đầy đủ"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=100, blank=True)
    symbol = models.CharField(
        _("chữ viết tắt trong ký hiệu văn bản"),
        max_length=20,
        blank=True,
        help_text=_("Ví dụ: STTTT trong số ký hiệu 31/KH-STTTT."),
    )
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.DIVISION)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="/")
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan kế thừa"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    search_text = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("cơ quan, đơn vị")
        verbose_name_plural = _("cơ quan, đơn vị")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="agency_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.search_text = fold(" ".join([self.code, self.name, self.short_name, self.symbol]))
        super().save(*args, **kwargs)

    @property
    def is_read_only(self) -> bool:
        """Merged or dissolved agencies keep their records for reading only."""
        return self.successor_id is not None or (
            self.valid_to is not None and self.valid_to < dt.date.today()
        )

    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part][:-1]
