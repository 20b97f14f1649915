"""Emulation movements (phong trào thi đua), the agencies taking part and the work each owes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from thidua.core.text import fold


class Movement(index.Indexed, models.Model):
    """A movement launched at some level that cascades to the agencies taking part.

    Its phases are the five steps of organising a movement (Law 06/2022, Art. 17).
    """

    class Kind(models.TextChoices):
        REGULAR = "regular", _("Thường xuyên")
        THEMATIC = "thematic", _("Theo chuyên đề (theo đợt)")

    class Scope(models.TextChoices):
        NATIONAL = "national", _("Toàn quốc")
        PROVINCE = "province", _("Ngành, tỉnh")
        BLOC = "bloc", _("Khối, cụm thi đua")
        AGENCY = "agency", _("Cơ quan, đơn vị")

    class Phase(models.IntegerChoices):
        PLANNING = 1, _("1. Xác định mục tiêu, phạm vi, đối tượng, nội dung, tiêu chí")
        LAUNCH = 2, _("2. Phát động, triển khai thực hiện")
        SUPERVISION = 3, _("3. Kiểm tra, giám sát")
        EXEMPLARS = 4, _("4. Tuyên truyền; phát hiện, bồi dưỡng, nhân rộng điển hình")
        REVIEW = 5, _("5. Sơ kết, tổng kết và khen thưởng")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        LAUNCHED = "launched", _("Đã phát động")
        CLOSED = "closed", _("Đã tổng kết")

    class Participants(models.TextChoices):
        SELECTED = "selected", _("Các cơ quan được chọn")
        ALL_UNDER = "all_under", _("Tất cả cơ quan trực thuộc")

    name = models.CharField(_("tên phong trào"), max_length=255)
    slogan = models.CharField(_("khẩu hiệu"), max_length=255, blank=True)
    kind = models.CharField(_("hình thức"), max_length=20, choices=Kind.choices)
    scope = models.CharField(
        _("phạm vi"), max_length=20, choices=Scope.choices, default=Scope.AGENCY
    )
    launched_by = models.ForeignKey(
        "org.Agency",
        verbose_name=_("cơ quan phát động"),
        on_delete=models.PROTECT,
        related_name="movements_launched",
        help_text=_("Cơ quan quản lý phong trào trong hệ thống (nơi theo dõi đăng ký, báo cáo)."),
    )
    outside_launcher = models.CharField(
        _("cấp phát động bên ngoài"),
        max_length=255,
        blank=True,
        help_text=_(
            "Khi phong trào do cấp trên ngoài hệ thống phát động, ví dụ: Thủ tướng Chính phủ, "
            "UBND tỉnh. Để trống nếu cơ quan phát động là cơ quan ở trên."
        ),
    )
    launch_document = models.CharField(
        _("văn bản phát động"),
        max_length=255,
        blank=True,
        help_text=_("Số, ký hiệu và trích yếu, ví dụ: 1102/KH-UBND ngày 15/3/2026 …"),
    )
    plan_link = models.URLField(_("liên kết kế hoạch"), blank=True, max_length=500)
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"))
    goals = models.TextField(_("mục tiêu"), blank=True)
    targets = models.TextField(_("chỉ tiêu"), blank=True)
    criteria = models.TextField(_("tiêu chí"), blank=True)
    asks_registration = models.BooleanField(
        _("yêu cầu đăng ký thi đua"),
        default=True,
        help_text=_("Các cơ quan tham gia gửi đăng ký thi đua cho phong trào này."),
    )
    participants_mode = models.CharField(
        _("đối tượng tham gia"),
        max_length=20,
        choices=Participants.choices,
        default=Participants.SELECTED,
    )
    participants_root = models.ForeignKey(
        "org.Agency",
        verbose_name=_("trực thuộc cơ quan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "Với “tất cả cơ quan trực thuộc”: các cơ quan cấp dưới trực tiếp của cơ quan này."
        ),
    )
    participants = models.ManyToManyField(
        "org.Agency",
        through="Participation",
        related_name="movements",
        verbose_name=_("cơ quan tham gia"),
    )
    registration_due = models.DateField(_("hạn gửi đăng ký"), null=True, blank=True)
    interim_due = models.DateField(_("hạn báo cáo sơ kết"), null=True, blank=True)
    final_due = models.DateField(_("hạn báo cáo tổng kết"), null=True, blank=True)
    phase = models.PositiveSmallIntegerField(
        _("bước"), choices=Phase.choices, default=Phase.PLANNING
    )
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    results = models.TextField(
        _("kết quả"), blank=True, help_text=_("Kết quả sơ kết, tổng kết; công khai khi đã duyệt.")
    )
    results_published = models.BooleanField(_("công khai kết quả"), default=False)
    is_public = models.BooleanField(
        _("đăng trên cổng thông tin"),
        default=True,
        help_text=_("Phong trào đã phát động được giới thiệu trên cổng thông tin."),
    )
    launched_at = models.DateTimeField(_("phát động lúc"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_text = models.TextField(editable=False, default="")

    # One search (thidua/core/searchindex.py, ADR 0003): the folded column in Wagtail's index.
    search_fields = [index.SearchField("search_text")]

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="movement_period_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.search_text = fold(
            " ".join([self.name, self.slogan, self.outside_launcher, self.launch_document])
        )
        super().save(*args, **kwargs)

    @property
    def launcher_label(self) -> str:
        return self.outside_launcher or str(self.launched_by)

    def years(self) -> list[int]:
        return list(range(self.start_date.year, self.end_date.year + 1))


class Participation(models.Model):
    """One agency taking part in a movement."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="participations")
    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="participations"
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cơ quan tham gia")
        verbose_name_plural = _("cơ quan tham gia")
        ordering = ["agency__path"]
        constraints = [
            models.UniqueConstraint(fields=["movement", "agency"], name="participation_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.agency} – {self.movement}"


class Duty(models.Model):
    """Work an agency owes the launching level: its registration, interim and final reports.

    Status as the launching level sees it: not sent, waiting (sent, to be checked), returned
    (with a reason), accepted.
    """

    class Kind(models.TextChoices):
        REGISTRATION = "registration", _("Đăng ký thi đua")
        INTERIM = "interim", _("Báo cáo sơ kết")
        FINAL = "final", _("Báo cáo tổng kết")

    class Status(models.TextChoices):
        NOT_SENT = "not_sent", _("Chưa gửi")
        WAITING = "waiting", _("Chờ duyệt")
        RETURNED = "returned", _("Trả lại")
        ACCEPTED = "accepted", _("Đã chấp nhận")

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="duties")
    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    due_date = models.DateField(_("hạn"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.NOT_SENT
    )
    summary = models.TextField(_("nội dung gửi"), blank=True)
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    reviewed_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reminded_at = models.DateTimeField(_("nhắc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("việc phải gửi")
        verbose_name_plural = _("việc phải gửi")
        ordering = ["movement", "agency__path", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["movement", "agency", "kind"], name="duty_unique"),
        ]
        indexes = [models.Index(fields=["agency", "status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.agency}"

    @property
    def is_behind(self) -> bool:
        return self.status in {self.Status.NOT_SENT, self.Status.RETURNED}
