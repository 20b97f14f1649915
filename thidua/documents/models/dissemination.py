"""Dissemination (phổ biến văn bản): a document sent to units or people with a deadline to
read; each recipient acknowledges (đã đọc / đã triển khai) with a note."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Dissemination(models.Model):
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("văn bản"),
        on_delete=models.PROTECT,
        related_name="disseminations",
    )
    agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("cơ quan gửi"),
        on_delete=models.PROTECT,
        related_name="disseminations_sent",
    )
    sent_at = models.DateTimeField(_("ngày gửi"), default=timezone.now, db_index=True)
    deadline = models.DateField(_("hạn đọc"))
    message = models.TextField(_("lời nhắn"), blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gửi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("đợt phổ biến văn bản")
        verbose_name_plural = _("phổ biến văn bản")
        ordering = ["-sent_at", "-pk"]
        indexes = [models.Index(fields=["agency", "-sent_at"], name="dissemination_agency_sent")]

    def __str__(self) -> str:
        return str(self.document)


class Recipient(models.Model):
    """One recipient of a dissemination: a unit (``user`` empty: anyone of the unit acknowledges
    for it) or a person of that unit (``user`` set: only that person acknowledges)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Chưa đọc")
        READ = "read", _("Đã đọc")
        IMPLEMENTED = "implemented", _("Đã triển khai")

    ACKNOWLEDGED = (Status.READ, Status.IMPLEMENTED)

    dissemination = models.ForeignKey(
        Dissemination, on_delete=models.CASCADE, related_name="recipients"
    )
    agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("đơn vị nhận"),
        on_delete=models.PROTECT,
        related_name="disseminations_received",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disseminations_received",
    )
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    acknowledged_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xác nhận"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("nơi nhận")
        verbose_name_plural = _("nơi nhận")
        ordering = ["agency__path", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dissemination", "agency"],
                condition=Q(user__isnull=True),
                name="recipient_unit_once",
            ),
            models.UniqueConstraint(
                fields=["dissemination", "user"],
                condition=Q(user__isnull=False),
                name="recipient_person_once",
            ),
        ]
        indexes = [models.Index(fields=["status", "agency"], name="recipient_status_agency")]

    def __str__(self) -> str:
        return f"{self.dissemination_id} → {self.agency_id}/{self.user_id}"

    @property
    def acknowledged(self) -> bool:
        return self.status in self.ACKNOWLEDGED
