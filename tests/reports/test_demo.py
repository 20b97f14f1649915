"""`make demo` shows non-empty dashboards and one compiled report."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from thidua.admindoc.check import check_docx
from thidua.reports.models import Report

pytestmark = pytest.mark.django_db


def test_demo_has_figures_on_the_dashboards_and_a_report(tmp_path, client_for):
    call_command(
        "load_demo", credentials=str(tmp_path / "c.txt"), stdout=io.StringIO(), stderr=io.StringIO()
    )
    report = Report.objects.get()
    assert report.status == Report.Status.DONE
    assert report.figures["propaganda"] and report.figures["plans"]
    with report.docx.open("rb") as handle:
        assert check_docx(handle.read()) == []
    admin = get_user_model().objects.get(username="quantri.tinh")
    client = client_for(admin)
    page = client.get(reverse("reports:propaganda"))
    assert sum(value for _l, value, _u in page.context["totals"]) > 0
    page = client.get(reverse("reports:plans"))
    assert page.context["totals"][0][1] > 0
    call_command("load_demo", credentials=str(tmp_path / "c.txt"), stdout=io.StringIO())
    assert Report.objects.count() == 1  # a second run adds nothing
