"""Propaganda actually delivered: activities (an article, a dissemination) and meetings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.text import fold
from thidua.plans.models.plan import Channel


class Delivery(models.Model):
    plan = models.ForeignKey(
        "plans.Plan", verbose_name=_("kế hoạch"), null=True, blank=True, on_delete=models.SET_NULL
    )
    agency = models.ForeignKey("org.Agency", verbose_name=_("đơn vị"), on_delete=models.PROTECT)
    date = models.DateField(_("ngày"))
    title = models.CharField(_("tên"), max_length=500)
    topics = models.ManyToManyField(
        "plans.ContentItem", verbose_name=_("nội dung tuyên truyền"), blank=True
    )
    fulfils = models.ForeignKey(
        "plans.Task",
        verbose_name=_("thực hiện nhiệm vụ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    search_text = models.TextField(editable=False, default="")

    class Meta:
        abstract = True
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.search_text = fold(self.title)
        super().save(*args, **kwargs)


class Activity(Delivery):
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="plan_activities",
    )
    topics = models.ManyToManyField(
        "plans.ContentItem",
        verbose_name=_("nội dung tuyên truyền"),
        blank=True,
        related_name="activities",
    )
    fulfils = models.ForeignKey(
        "plans.Task",
        verbose_name=_("thực hiện nhiệm vụ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    channel = models.CharField(_("hình thức"), max_length=30, choices=Channel.choices)
    audience = models.PositiveIntegerField(_("số người được tuyên truyền"), default=0)
    description = models.TextField(_("mô tả"), blank=True)
    link = models.URLField(_("đường dẫn"), blank=True)
    # A document disseminated through the e-office system (documents.Dissemination), recorded
    # as this activity on the e_office channel: once per dissemination.
    dissemination = models.OneToOneField(
        "documents.Dissemination",
        verbose_name=_("đợt phổ biến văn bản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta(Delivery.Meta):
        verbose_name = _("hoạt động tuyên truyền")
        verbose_name_plural = _("hoạt động tuyên truyền")
        # The deliveries list, newest first: a page without sorting every record.
        indexes = [models.Index(fields=["-date", "-id"], name="plans_activity_date")]


class Meeting(Delivery):
    class Kind(models.TextChoices):
        MONTHLY_BRIEFING = "monthly_briefing", _("Giao ban hằng tháng")
        QUARTERLY_BRIEFING = "quarterly_briefing", _("Giao ban hằng quý")
        PARTY_CELL = "party_cell", _("Sinh hoạt chi bộ")
        LEGAL_DAY = "legal_day", _("Ngày Pháp luật")
        CONFERENCE = "conference", _("Hội nghị")

    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
    )
    agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="plan_meetings",
    )
    topics = models.ManyToManyField(
        "plans.ContentItem",
        verbose_name=_("nội dung tuyên truyền trong chương trình họp"),
        blank=True,
        related_name="meetings",
    )
    fulfils = models.ForeignKey(
        "plans.Task",
        verbose_name=_("thực hiện nhiệm vụ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
    )
    kind = models.CharField(_("loại cuộc họp"), max_length=30, choices=Kind.choices)
    attendees = models.PositiveIntegerField(_("số người dự"), default=0)
    agenda = models.TextField(_("chương trình họp"), blank=True)

    class Meta(Delivery.Meta):
        verbose_name = _("cuộc họp")
        verbose_name_plural = _("cuộc họp")
        # The deliveries list, newest first: a page without sorting every record.
        indexes = [models.Index(fields=["-date", "-id"], name="plans_meeting_date")]

    @property
    def channel(self) -> str:
        """Meetings count in the coverage grid under the channel of the same name."""
        return self.kind
