from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OFFICE = "office", _("Văn phòng (đầu mối thi đua)")
    UNIT_HEAD = "unit_head", _("Trưởng đơn vị")
    LEADERSHIP = "leadership", _("Lãnh đạo")
    COUNCIL_MEMBER = "council_member", _("Thành viên Hội đồng TĐKT")
    COUNCIL_SECRETARY = "council_secretary", _("Thư ký Hội đồng TĐKT")
    EDITOR = "editor", _("Biên tập viên")
    STAFF = "staff", _("Cán bộ")
    PROVINCE_ADMIN = "province_admin", _("Quản trị cấp tỉnh")


class RoleAssignment(models.Model):
    """A user's role at an agency; the role covers the agency and every unit under it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("cơ quan, đơn vị"),
        on_delete=models.PROTECT,
        related_name="role_assignments",
    )
    role = models.CharField(_("vai trò"), max_length=30, choices=Role.choices)
    granted_at = models.DateTimeField(auto_now_add=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("vai trò")
        verbose_name_plural = _("vai trò")
        ordering = ["agency__path", "role", "user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency", "role"], name="role_unique_per_agency"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.agency}"
