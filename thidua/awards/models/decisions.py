"""Award decisions (quyết định khen thưởng), their awardees with money, certificates with a public
verification code, and the base salary (mức lương cơ sở) as dated data."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.storage import private_storage


class BaseSalary(models.Model):
    """The base salary in force from ``valid_from`` until the next row's date."""

    amount = models.PositiveIntegerField(_("mức lương cơ sở (đồng)"))
    valid_from = models.DateField(_("áp dụng từ"), unique=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=255)

    class Meta:
        verbose_name = _("mức lương cơ sở")
        verbose_name_plural = _("mức lương cơ sở")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return f"{self.amount:,} đ từ {self.valid_from:%d/%m/%Y}".replace(",", ".")


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")
    REVOKED = "revoked", _("Đã thu hồi")


def _decision_path(instance: Decision, filename: str) -> str:
    return f"awards/decisions/{instance.pk}/{filename}"


class Decision(models.Model):
    """A decision awarding titles or forms. Once issued it never changes; a revocation keeps
    the decision and records who revoked it, when and why."""

    agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("cơ quan ban hành"),
        on_delete=models.PROTECT,
        related_name="award_decisions",
    )
    session = models.ForeignKey(
        "awards.Session",
        verbose_name=_("phiên họp hội đồng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    summary = models.CharField(_("trích yếu"), max_length=500)
    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=DecisionStatus.choices,
        default=DecisionStatus.DRAFT,
        db_index=True,
    )
    date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    number = models.ForeignKey(
        "documents.OutgoingNumber",
        verbose_name=_("số quyết định"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    symbol = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    signer_authority = models.CharField(_("thẩm quyền ký"), max_length=10, blank=True)
    signer_position = models.CharField(_("chức vụ người ký"), max_length=100)
    signer_name = models.CharField(_("người ký"), max_length=150)
    base_salary = models.PositiveIntegerField(_("mức lương cơ sở áp dụng"), null=True, blank=True)
    file = models.FileField(
        _("tệp quyết định"), upload_to=_decision_path, storage=private_storage, blank=True
    )
    revoke_reason = models.TextField(_("lý do thu hồi"), blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField(_("ban hành lúc"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_text = models.TextField(editable=False, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.symbol} {self.summary}".strip() if self.symbol else self.summary

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        from thidua.core.text import fold

        self.search_text = fold(f"{self.symbol} {self.summary}")
        super().save(*args, **kwargs)

    @property
    def is_draft(self) -> bool:
        return self.status == DecisionStatus.DRAFT

    @property
    def total_amount(self) -> int:
        return sum(a.amount for a in self.awardees.all())


class Awardee(models.Model):
    """One person or collective awarded by a decision, with the money computed for it."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="awardees")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.ForeignKey(
        "awards.Title",
        verbose_name=_("danh hiệu, hình thức"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    person = models.ForeignKey(
        "org.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    agency = models.ForeignKey(
        "org.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    proposal = models.ForeignKey(
        "awards.Proposal", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("họ tên, tên tập thể"), max_length=255)
    unit_name = models.CharField(_("chức vụ, đơn vị"), max_length=500, blank=True)
    coefficient = models.DecimalField(_("hệ số"), max_digits=5, decimal_places=2)
    amount = models.PositiveIntegerField(_("tiền thưởng (đồng)"), default=0)
    ledger_entry = models.ForeignKey(
        "awards.AwardEntry", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    revoke_reason = models.TextField(_("lý do thu hồi"), blank=True)

    class Meta:
        verbose_name = _("người, tập thể được khen thưởng")
        verbose_name_plural = _("người, tập thể được khen thưởng")
        ordering = ["decision", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(person__isnull=False, agency__isnull=True))
                | (models.Q(person__isnull=True, agency__isnull=False)),
                name="awards_awardee_one_holder",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.title}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


def _certificate_path(instance: Certificate, filename: str) -> str:
    return f"awards/certificates/{instance.code}/{filename}"


class Certificate(models.Model):
    """The printable certificate of one awardee; ``code`` is what its QR code points to."""

    awardee = models.OneToOneField(Awardee, on_delete=models.PROTECT, related_name="certificate")
    code = models.CharField(_("mã xác minh"), max_length=20, unique=True)
    kind = models.CharField(_("loại"), max_length=20)
    file = models.FileField(_("tệp"), upload_to=_certificate_path, storage=private_storage)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bằng, giấy khen")
        verbose_name_plural = _("bằng, giấy khen")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.code

    @property
    def kind_label(self) -> str:
        from thidua.awards.models.catalogue import CertificateKind

        return str(CertificateKind(self.kind).label)
