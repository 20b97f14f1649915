"""manage.py import_plan, the .docx export, and the demo stage."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from tests.plans.conftest import seed_path
from thidua.admindoc.extract import extract
from thidua.admindoc.parse import parse
from thidua.plans.export import plan_docx
from thidua.plans.models import Plan


def test_import_plan_command_creates_and_issues_a_plan(units_a, province_admin):
    out = io.StringIO()

    call_command("import_plan", str(seed_path("001")), "--agency", "SKHCN", "--issue", stdout=out)

    plan = Plan.objects.get()
    assert plan.status == Plan.Status.ISSUED
    assert plan.tasks.filter(kind="final_review").exists()
    assert "Đã tạo kế hoạch" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("import_plan", str(seed_path("001")), "--agency", "KHONG-CO")


def test_exported_docx_reads_back_as_the_same_plan(import_seed):
    plan = import_seed("002")

    data, name = plan_docx(plan)
    doc = parse(extract(data).text)

    assert name.endswith(".docx")
    assert doc.number == plan.number_symbol
    assert [p.end for p in doc.phases] == [p.end for p in plan.phases.all()]


def test_demo_imports_the_five_seeds_issued_with_work_in_flight(db, tmp_path, settings):
    from thidua.plans.models import Activity, Meeting, ProgressReport, Task

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    out = io.StringIO()
    call_command("load_demo", credentials=str(tmp_path / "c.txt"), stdout=out, stderr=io.StringIO())

    plans = Plan.objects.all()
    assert plans.count() == 5
    assert not plans.filter(status=Plan.Status.DRAFT).exists()
    assert (
        ProgressReport.objects.exists() and Activity.objects.exists() and Meeting.objects.exists()
    )
    assert plans.filter(agency__code="AG.SKHCN").count() == 2

    models = (Plan, Task, ProgressReport, Activity, Meeting)
    counts = [m.objects.count() for m in models]
    call_command("load_demo", credentials=str(tmp_path / "c.txt"), stdout=io.StringIO())
    assert [m.objects.count() for m in models] == counts, "a second run creates nothing"
