from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.text import fold


class Bloc(models.Model):
    """An emulation bloc (khối thi đua) of agencies with similar functions."""

    code = models.CharField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("tên khối"), max_length=255)
    description = models.TextField(_("mô tả"), blank=True)
    members = models.ManyToManyField(
        "org.Agency", through="BlocMembership", related_name="blocs", verbose_name=_("thành viên")
    )
    search_text = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("khối thi đua")
        verbose_name_plural = _("khối thi đua")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.search_text = fold(f"{self.code} {self.name}")
        super().save(*args, **kwargs)


class BlocMembership(models.Model):
    bloc = models.ForeignKey(Bloc, on_delete=models.CASCADE, related_name="memberships")
    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="bloc_memberships"
    )
    since_year = models.PositiveSmallIntegerField(_("từ năm"))
    until_year = models.PositiveSmallIntegerField(_("đến năm"), null=True, blank=True)

    class Meta:
        verbose_name = _("thành viên khối")
        verbose_name_plural = _("thành viên khối")
        constraints = [
            models.UniqueConstraint(
                fields=["bloc", "agency", "since_year"], name="bloc_member_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency} ({self.bloc})"

    def active_in(self, year: int) -> bool:
        return self.since_year <= year and (self.until_year is None or year <= self.until_year)


class BlocTerm(models.Model):
    """The bloc's leader and deputy for one year, chosen in rotation."""

    bloc = models.ForeignKey(Bloc, on_delete=models.CASCADE, related_name="terms")
    year = models.PositiveSmallIntegerField(_("năm"))
    leader = models.ForeignKey(
        "org.Agency", verbose_name=_("khối trưởng"), on_delete=models.PROTECT, related_name="+"
    )
    deputy = models.ForeignKey(
        "org.Agency",
        verbose_name=_("khối phó"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("nhiệm kỳ khối")
        verbose_name_plural = _("nhiệm kỳ khối")
        ordering = ["bloc", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["bloc", "year"], name="bloc_term_unique_year"),
        ]

    def __str__(self) -> str:
        return f"{self.bloc} {self.year}"
