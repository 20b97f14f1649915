"""Back-office list of base salaries (mức lương cơ sở) by date: read by the Office and
leadership, written by the province admin through ``services.money.base_salary_set``. The
policy is registered for the model in ``AwardsConfig.ready``."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from thidua.awards import permissions as perms
from thidua.awards.models import BaseSalary
from thidua.awards.services.money import base_salary_set
from thidua.awards.viewsets import SettingsPolicy
from thidua.core.viewsets import (
    DayColumn,
    ScopedCreateView,
    ScopedEditView,
    ScopedModelViewSet,
)
from thidua.org.queries import user_scope


def _salaries(user: Any) -> Any:
    scope = user_scope(user)
    return (
        BaseSalary.objects.all() if perms.can_view_catalogue(scope) else BaseSalary.objects.none()
    )


class BaseSalaryPolicy(SettingsPolicy):
    """Read by whoever reads the catalogue, written by the province admin (like holidays)."""

    scoped_queryset = staticmethod(_salaries)


class BaseSalaryCreateView(ScopedCreateView):
    def save_instance(self) -> BaseSalary:
        return base_salary_set(actor=self.request.user, **self.form.cleaned_data)


class BaseSalaryEditView(ScopedEditView):
    save_instance = BaseSalaryCreateView.save_instance


class BaseSalaryViewSet(ScopedModelViewSet):
    model = BaseSalary
    add_view_class = BaseSalaryCreateView
    edit_view_class = BaseSalaryEditView
    delete_view_enabled = False
    inspect_view_enabled = False
    icon = "form"
    menu_label = _("Mức lương cơ sở")
    url_prefix = "awards/base-salaries"
    name = "awards_base_salary"
    add_to_admin_menu = True
    menu_order = 405

    form_fields = ["valid_from", "amount", "legal_basis"]
    list_display = [DayColumn("valid_from", label=_("Áp dụng từ")), "amount", "legal_basis"]
    list_export = ["valid_from", "amount", "legal_basis"]
    export_filename = "muc-luong-co-so"
    search_fields = ["legal_basis"]
    list_per_page = 50
