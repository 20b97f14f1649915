from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from thidua.core.text import fold, name_sort_key


class Gender(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class Person(index.Indexed, models.Model):
    """A staff member (cán bộ, công chức, viên chức, người lao động)."""

    full_name = models.CharField(_("họ và tên"), max_length=150)
    gender = models.CharField(_("giới tính"), max_length=10, choices=Gender.choices, blank=True)
    date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    id_number = models.CharField(
        _("số định danh cá nhân"),
        max_length=12,
        null=True,
        blank=True,
        unique=True,
        help_text=_("Số CCCD 12 chữ số; để trống nếu chưa có."),
    )
    position = models.CharField(_("chức vụ"), max_length=150, blank=True)
    agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("cơ quan, đơn vị"),
        on_delete=models.PROTECT,
        related_name="people",
    )
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    is_active = models.BooleanField(_("đang công tác"), default=True)
    search_text = models.TextField(editable=False, default="")
    sort_name = models.CharField(max_length=150, editable=False, default="", db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # One search (thidua/core/searchindex.py, ADR 0003): the folded column in Wagtail's index.
    search_fields = [index.SearchField("search_text")]

    class Meta:
        verbose_name = _("cán bộ")
        verbose_name_plural = _("cán bộ")
        ordering = ["sort_name", "id"]
        indexes = [models.Index(fields=["agency", "full_name"])]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.set_derived()
        super().save(*args, **kwargs)

    def set_derived(self) -> None:
        """The sort key and the folded search text (save() sets them; a bulk insert must too)."""
        self.sort_name = name_sort_key(self.full_name)
        self.search_text = fold(
            " ".join([self.full_name, self.position, self.email, self.id_number or ""])
        )


class Employment(models.Model):
    """One period of a person's work at an agency, kept across transfers and mergers."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="employments")
    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="employments")
    position = models.CharField(_("chức vụ"), max_length=150, blank=True)
    start_date = models.DateField(_("từ ngày"), null=True, blank=True)
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("quá trình công tác")
        verbose_name_plural = _("quá trình công tác")
        ordering = ["person", "start_date", "id"]

    def __str__(self) -> str:
        return f"{self.person} – {self.agency}"
