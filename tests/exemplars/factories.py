"""Factories for exemplars. ``make_exemplar`` builds rows directly (for scoping and dashboard
tests); behaviour under test goes through the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from thidua.exemplars.models import Exemplar, ExemplarField, NurturingLog, Stage, StageChange
from thidua.org.models import Agency


def make_field(agency: Agency | None = None, name: str = "Khoa học và công nghệ", **kw: Any):
    field, _ = ExemplarField.objects.get_or_create(
        agency=agency,
        name=name,
        defaults={"criteria": "Có sáng kiến được công nhận\nHoàn thành xuất sắc nhiệm vụ", **kw},
    )
    return field


def make_exemplar(
    unit: Agency,
    *,
    field: ExemplarField | None = None,
    name: str = "Nguyễn Thị Điển Hình",
    stage: str = Stage.DISCOVERED,
    changed_days_ago: int = 0,
    **kw: Any,
) -> Exemplar:
    exemplar = Exemplar.objects.create(
        unit=unit,
        field=field or make_field(),
        name=name,
        achievements=kw.pop(
            "achievements", "Sáng kiến số hóa hồ sơ một cửa, tiết kiệm 30% thời gian."
        ),
        discovered_on=kw.pop("discovered_on", dt.date(2025, 3, 1)),
        stage=stage,
        **kw,
    )
    if changed_days_ago:
        at = timezone.now() - dt.timedelta(days=changed_days_ago)
        Exemplar.objects.filter(pk=exemplar.pk).update(stage_changed_at=at)
        exemplar.refresh_from_db()
    StageChange.objects.create(exemplar=exemplar, from_stage="", to_stage=stage)
    return exemplar


def add_log(exemplar: Exemplar, days_ago: int, content: str = "Thăm, hỗ trợ tại đơn vị") -> None:
    NurturingLog.objects.create(
        exemplar=exemplar, date=timezone.localdate() - dt.timedelta(days=days_ago), content=content
    )
