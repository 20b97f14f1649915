"""Back-office pages: recording an exemplar, the operations, evidence files, export."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.exemplars.factories import make_exemplar
from thidua.exemplars.models import Evidence, Exemplar, Stage

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_office_records_an_exemplar_through_the_form(office_a, division_a, field_a, client_for):
    client = client_for(office_a)
    response = client.post(
        reverse("exemplars:add"),
        {
            "subject_kind": "collective",
            "collective": division_a.pk,
            "name": "",
            "kind": "new_model",
            "field": field_a.pk,
            "unit": division_a.pk,
            "summary": "Mô hình một cửa số",
            "achievements": "Giảm 40% thời gian tiếp nhận hồ sơ.",
            "discovered_on": "2025-03-01",
        },
    )
    exemplar = Exemplar.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("exemplars:inspect", args=[exemplar.pk])
    assert exemplar.name == "Văn phòng Sở Khoa học và Công nghệ"
    assert exemplar.created_by == office_a
    page = client.get(response["Location"]).text
    assert "Đưa vào bồi dưỡng" in page and "Phát hiện" in page


def test_operations_move_the_exemplar_and_show_on_the_timeline(
    office_a, division_a, field_a, client_for
):
    exemplar = make_exemplar(division_a, field=field_a, name="Tổ sáng kiến")
    client = client_for(office_a)
    inspect = reverse("exemplars:inspect", args=[exemplar.pk])
    r = client.post(
        reverse("exemplars_ops:nurture", args=[exemplar.pk]),
        {"goals": "Nhân rộng ra các phòng", "started_on": "01/03/2025", "support": "Tập huấn"},
    )
    assert r.status_code == 302 and r["Location"] == inspect
    r = client.post(
        reverse("exemplars_ops:log", args=[exemplar.pk]),
        {"date": "15/03/2025", "content": "Khảo sát tại đơn vị"},
    )
    assert r.status_code == 302
    # A missing decision number comes back on the form, in Vietnamese, nothing changed.
    r = client.post(
        reverse("exemplars_ops:recognise", args=[exemplar.pk]),
        {"level": "agency", "decision_number": "", "decision_date": "01/04/2025"},
    )
    assert r.status_code == 200 and "Nhập số, ký hiệu quyết định" in r.text
    r = client.post(
        reverse("exemplars_ops:recognise", args=[exemplar.pk]),
        {"level": "agency", "decision_number": "12/QĐ-SKHCN", "decision_date": "01/04/2025"},
    )
    assert r.status_code == 302
    r = client.post(
        reverse("exemplars_ops:coverage", args=[exemplar.pk]),
        {"kind": "article", "title": "Tổ sáng kiến", "date": "05/04/2025", "url": ""},
    )
    assert r.status_code == 302
    exemplar.refresh_from_db()
    assert exemplar.stage == Stage.RECOGNISED
    page = client.get(inspect).text
    assert "Khảo sát tại đơn vị" in page
    assert "Quyết định số 12/QĐ-SKHCN ngày 01/04/2025" in page
    assert "Bài viết: Tổ sáng kiến" in page
    assert "Tổng cộng 1 lượt" in page
    history = client.get(reverse("exemplars:history", args=[exemplar.pk])).text
    assert "Đã đưa vào bồi dưỡng" in history and "Đã ghi nhận công nhận" in history


def test_drop_without_a_reason_is_refused_on_the_form(office_a, division_a, field_a, client_for):
    exemplar = make_exemplar(division_a, field=field_a)
    r = client_for(office_a).post(reverse("exemplars_ops:drop", args=[exemplar.pk]), {"reason": ""})
    assert r.status_code == 200
    assert "Nêu lý do không tiếp tục theo dõi" in r.text
    exemplar.refresh_from_db()
    assert exemplar.stage == Stage.DISCOVERED


def test_evidence_is_checked_by_content_and_served_only_in_scope(
    office_a, office_b, division_a, field_a, client_for, settings
):
    exemplar = make_exemplar(division_a, field=field_a)
    client = client_for(office_a)
    url = reverse("exemplars_ops:evidence", args=[exemplar.pk])
    renamed = SimpleUploadedFile("bang-khen.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    r = client.post(url, {"title": "Bằng khen", "file": renamed})
    assert r.status_code == 200 and "Chỉ nhận minh chứng dạng PDF" in r.text
    settings.THIDUA_MAX_UPLOAD_MB = 0
    r = client.post(url, {"title": "Bằng khen", "file": SimpleUploadedFile("a.pdf", PDF)})
    assert "Tệp quá lớn" in r.text
    settings.THIDUA_MAX_UPLOAD_MB = 20
    r = client.post(url, {"title": "Bằng khen", "file": SimpleUploadedFile("a.pdf", PDF)})
    assert r.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.content_type == "application/pdf"
    download = reverse("exemplars_ops:evidence_download", args=[evidence.pk])
    got = client.get(download)
    assert got.status_code == 200 and b"".join(got.streaming_content) == PDF
    assert client_for(office_b).get(download).status_code == 404
    with pytest.raises(ValueError):
        _ = evidence.file.url  # private storage: no public URL


def test_evidence_link_instead_of_a_file(office_a, division_a, field_a, client_for):
    exemplar = make_exemplar(division_a, field=field_a)
    r = client_for(office_a).post(
        reverse("exemplars_ops:evidence", args=[exemplar.pk]),
        {"title": "Bài báo An Giang", "url": "https://baoangiang.com.vn/bai-1.html"},
    )
    assert r.status_code == 302
    assert Evidence.objects.get().url == "https://baoangiang.com.vn/bai-1.html"


def test_export_lists_the_exemplars_in_scope(office_a, division_a, division_b, field_a, client_for):
    make_exemplar(
        division_a, field=field_a, name="Điển hình xuất A", discovered_on=dt.date(2025, 1, 2)
    )
    make_exemplar(division_b, field=field_a, name="Điển hình xuất B")
    r = client_for(office_a).get(reverse("exemplars:index"), {"export": "csv"})
    body = b"".join(r.streaming_content).decode() if r.streaming else r.content.decode()
    assert "Điển hình xuất A" in body
    assert "Điển hình xuất B" not in body
    assert "Lượt tuyên truyền" in body


def test_fields_are_configured_by_the_office(office_a, unit_head_a, agency_a, client_for):
    client = client_for(office_a)
    r = client.post(
        reverse("exemplar_fields:add"),
        {
            "agency": agency_a.pk,
            "name": "Chuyển đổi số",
            "description": "",
            "criteria": "Có sản phẩm số được sử dụng\nTiết kiệm thời gian xử lý",
            "is_active": "on",
        },
    )
    assert r.status_code == 302
    from thidua.exemplars.models import ExemplarField

    field = ExemplarField.objects.get(name="Chuyển đổi số")
    assert field.criteria_list == ["Có sản phẩm số được sử dụng", "Tiết kiệm thời gian xử lý"]
    assert client_for(unit_head_a).get(reverse("exemplar_fields:add")).status_code in (302, 403)


def test_every_operation_page_opens_saves_and_says_what_was_done(
    office_a, agency_a, division_a, field_a, client_for
):
    """Given a nurtured exemplar, the Office edits the plan (the form shows the saved plan),
    recognises it, records a replication, approves then withdraws publication, drops and
    resumes it: each page shows its title, each save comes back to the exemplar with a
    message."""
    exemplar = make_exemplar(division_a, field=field_a, name="Tổ sáng kiến")
    client = client_for(office_a)
    inspect = reverse("exemplars:inspect", args=[exemplar.pk])

    def op(name: str, data: dict[str, str], title: str, done: str) -> None:
        url = reverse(f"exemplars_ops:{name}", args=[exemplar.pk])
        assert title in client.get(url).text, name
        r = client.post(url, data)
        assert r.status_code == 302 and r["Location"] == inspect, (name, r.text[:2000])
        assert done in client.get(inspect).text, name

    plan_url = reverse("exemplars_ops:plan", args=[exemplar.pk])
    assert client.get(plan_url).status_code == 404  # no plan before nurturing
    op(
        "nurture",
        {"goals": "Mục tiêu đầu", "started_on": "01/03/2025"},
        "Đưa vào bồi dưỡng",
        "Đã đưa “Tổ sáng kiến” vào bồi dưỡng.",
    )
    assert "Mục tiêu đầu" in client.get(plan_url).text
    op(
        "plan",
        {"goals": "Mục tiêu mới", "started_on": "01/03/2025"},
        "Sửa kế hoạch bồi dưỡng",
        "Đã lưu kế hoạch bồi dưỡng.",
    )
    op(
        "recognise",
        {"level": "agency", "decision_number": "12/QĐ-SKHCN", "decision_date": "01/06/2025"},
        "Ghi nhận công nhận điển hình",
        "Đã ghi nhận “Tổ sáng kiến” được công nhận.",
    )
    op(
        "replication",
        {"adopting_unit": agency_a.pk, "adopted_on": "01/07/2025", "result": "Áp dụng tốt"},
        "Ghi nhận nhân rộng",
        "Đã ghi nhận nhân rộng.",
    )
    op(
        "publication",
        {"note": ""},
        "Cho phép công bố trên cổng thông tin",
        "Đã cho phép công bố “Tổ sáng kiến”.",
    )
    op(
        "publication",
        {"note": "Hồ sơ cần bổ sung"},
        "Thôi công bố",
        "Đã thôi công bố “Tổ sáng kiến”.",
    )
    op("drop", {"reason": "Chuyển công tác"}, "Dừng theo dõi điển hình", "Đã dừng theo dõi")
    op("resume", {"reason": "Trở lại"}, "Theo dõi lại điển hình", "Đã theo dõi lại “Tổ sáng kiến”.")
    exemplar.refresh_from_db()
    assert exemplar.stage == Stage.REPLICATED
    assert exemplar.nurturing_plan.goals == "Mục tiêu mới"
    assert not exemplar.approved_for_publication
