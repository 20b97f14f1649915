"""The outgoing register (sổ đăng ký văn bản đi): numbers per issuing agency, type and year."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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
    search_text = models.TextField(editable=False, blank=True, default="")

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

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = fold(f"{self.symbol} {self.summary} {self.cancel_reason}")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "search_text" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "search_text"]
        super().save(*args, **kwargs)

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED
