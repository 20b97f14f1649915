"""Emulation registration (đăng ký thi đua): who aims at which title in a year."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Registration(models.Model):
    """One subject's registration for a title in a movement and year.

    The subject is a person (individual titles) or a unit (collective titles). ``agency`` is the
    unit that collects it (the person's unit, or the unit itself). Registration is recorded,
    exported and consolidated upwards; it is never a precondition for a title.
    """

    class Subject(models.TextChoices):
        INDIVIDUAL = "individual", _("Cá nhân")
        COLLECTIVE = "collective", _("Tập thể")

    movement = models.ForeignKey(
        "movements.Movement",
        verbose_name=_("phong trào"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    subject = models.CharField(_("đối tượng"), max_length=20, choices=Subject.choices)
    agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    person = models.ForeignKey(
        "org.Person",
        verbose_name=_("cán bộ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    title_code = models.CharField(_("mã danh hiệu"), max_length=32)
    title_name = models.CharField(_("danh hiệu đăng ký"), max_length=255)
    covenant_text = models.TextField(_("nội dung cam kết"), blank=True)
    signed_name = models.CharField(_("người ký"), max_length=150, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    registered_at = models.DateTimeField(_("đăng ký lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = _("đăng ký thi đua")
        ordering = ["movement", "year", "agency__path", "subject", "person__sort_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["movement", "year", "person"],
                condition=models.Q(person__isnull=False),
                name="registration_person_once",
            ),
            models.UniqueConstraint(
                fields=["movement", "year", "agency"],
                condition=models.Q(person__isnull=True),
                name="registration_unit_once",
            ),
            models.CheckConstraint(
                condition=models.Q(subject="individual", person__isnull=False)
                | models.Q(subject="collective", person__isnull=True),
                name="registration_subject_matches",
            ),
        ]
        indexes = [models.Index(fields=["movement", "year", "agency"])]

    def __str__(self) -> str:
        who = self.person.full_name if self.person_id else str(self.agency)
        return f"{who} – {self.title_name} ({self.year})"
