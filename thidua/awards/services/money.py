"""Award money: the title's coefficient times the base salary in force on the decision date,
rounded up to the next 10,000 VND (Nghị định 98/2023/NĐ-CP Art. 54, kept by 152/2025)."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_CEILING, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from thidua.awards.models.decisions import BaseSalary

ROUNDING_VND = 10_000


def award_amount(coefficient: Decimal | int | str, base_salary: int) -> int:
    """``coefficient`` × ``base_salary``, rounded up to a multiple of 10,000 đồng."""
    exact = Decimal(str(coefficient)) * Decimal(base_salary)
    steps = (exact / ROUNDING_VND).to_integral_value(rounding=ROUND_CEILING)
    return int(steps) * ROUNDING_VND


def base_salary_on(date: dt.date) -> BaseSalary:
    """The base salary in force on ``date``; a clear error when none was entered for it."""
    salary = BaseSalary.objects.filter(valid_from__lte=date).order_by("-valid_from").first()
    if salary is None:
        raise ValidationError(
            _(
                "Chưa có mức lương cơ sở áp dụng cho ngày %(date)s. Quản trị cấp tỉnh hãy nhập "
                "mức lương cơ sở (Khen thưởng → Mức lương cơ sở)."
            )
            % {"date": date.strftime("%d/%m/%Y")}
        )
    return salary


def format_vnd(amount: int) -> str:
    """1800000 -> "1.800.000" (Vietnamese thousands separator)."""
    return f"{amount:,}".replace(",", ".")


def base_salary_set(
    *, amount: int, valid_from: dt.date, legal_basis: str, actor: Any
) -> BaseSalary:
    """Enter (or correct) the base salary in force from ``valid_from``: province admin only.
    Issued decisions keep the amount they were issued with."""
    from django.core.exceptions import PermissionDenied
    from django.db import transaction

    from thidua.awards import permissions as perms
    from thidua.core import audit
    from thidua.org.queries import user_scope

    if not perms.can_edit_catalogue(user_scope(actor)):
        raise PermissionDenied(_("Chỉ quản trị cấp tỉnh nhập mức lương cơ sở."))
    if amount <= 0:
        raise ValidationError(_("Mức lương cơ sở phải lớn hơn 0 đồng."))
    if not legal_basis.strip():
        raise ValidationError(_("Hãy ghi căn cứ (ví dụ: Nghị định 73/2024/NĐ-CP)."))
    with transaction.atomic():
        salary, created = BaseSalary.objects.update_or_create(
            valid_from=valid_from,
            defaults={"amount": amount, "legal_basis": legal_basis.strip()},
        )
        audit.record(salary, "thidua.create" if created else "thidua.update", actor=actor)
    return salary
