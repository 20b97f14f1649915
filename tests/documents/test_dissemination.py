"""Dissemination: sent to units and people, answered per recipient, counted per unit, reminders
to those behind once a day, scoped on both sides, and counted by plans as an e-office activity."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.documents.conftest import add_document, send
from thidua.documents import queries, services
from thidua.documents.models import Recipient
from thidua.notifications.models import Notification
from thidua.org.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(office_a, agency_a, division_a, division_a2, unit_head_a, unit_head_a2, staff_a):
    """A plan of agency A sent to its two divisions and to one staff member."""
    document = add_document(agency_a, number="31/KH-SKHCN", summary="Tuyên truyền thi đua 2026")
    person = Person.objects.get(user=staff_a)
    return send(document, office_a, agency_a, units=[division_a, division_a2], people=[person])


def _counts(dissemination, by="unit"):
    rows = queries.dissemination_counts(
        queries.disseminations_visible_to(dissemination.sent_by).filter(pk=dissemination.pk), by=by
    )
    return rows


def test_counts_per_unit_show_who_has_and_has_not_read(sent, unit_head_a, division_a, staff_a):
    # When division A answers "đã triển khai" and the staff member "đã đọc"
    row = Recipient.objects.get(dissemination=sent, agency=division_a, user__isnull=True)
    services.recipient_acknowledge(
        row, status="implemented", note="Đã quán triệt tại giao ban", actor=unit_head_a
    )
    mine = Recipient.objects.get(dissemination=sent, user=staff_a)
    services.recipient_acknowledge(mine, status="read", actor=staff_a)

    # Then per unit: division A has both rows answered, division A2 none
    by_unit = {r["agency__name"]: r for r in _counts(sent)}
    assert by_unit["Văn phòng Sở Khoa học và Công nghệ"]["read"] == 2
    assert by_unit["Văn phòng Sở Khoa học và Công nghệ"]["implemented"] == 1
    assert by_unit["Phòng Quản lý khoa học"] | {} == {
        **by_unit["Phòng Quản lý khoa học"],
        "total": 1,
        "read": 0,
        "pending": 1,
    }
    (total,) = _counts(sent, by="dissemination")
    assert (total["read"], total["total"]) == (2, 3)


def test_only_the_recipient_may_answer(sent, division_a2, unit_head_a, unit_head_a2, office_b):
    row = Recipient.objects.get(dissemination=sent, agency=division_a2, user__isnull=True)
    for outsider in (unit_head_a, office_b):
        with pytest.raises(ValidationError):
            services.recipient_acknowledge(row, status="read", actor=outsider)
    services.recipient_acknowledge(row, status="read", actor=unit_head_a2)
    with pytest.raises(ValidationError):
        services.recipient_acknowledge(row, status="pending", actor=unit_head_a2)


def test_implemented_cannot_go_back_to_read(sent, division_a, unit_head_a):
    row = Recipient.objects.get(dissemination=sent, agency=division_a, user__isnull=True)
    services.recipient_acknowledge(row, status="implemented", actor=unit_head_a)
    with pytest.raises(ValidationError):
        services.recipient_acknowledge(row, status="read", actor=unit_head_a)


def test_sending_is_checked(office_a, office_b, agency_a, agency_b, division_a, division_b):
    document = add_document(agency_a)
    deadline = timezone.localdate() + dt.timedelta(days=3)
    with pytest.raises(ValidationError):  # office B cannot send in A's name
        services.dissemination_send(
            document=document,
            agency=agency_a,
            deadline=deadline,
            units=[division_a],
            actor=office_b,
        )
    with pytest.raises(ValidationError):  # A's Office cannot send to B's units
        services.dissemination_send(
            document=document,
            agency=agency_a,
            deadline=deadline,
            units=[division_b],
            actor=office_a,
        )
    with pytest.raises(ValidationError):  # no recipient
        services.dissemination_send(
            document=document, agency=agency_a, deadline=deadline, actor=office_a
        )
    with pytest.raises(ValidationError):  # a deadline already past
        services.dissemination_send(
            document=document,
            agency=agency_a,
            deadline=timezone.localdate() - dt.timedelta(days=1),
            units=[division_a],
            actor=office_a,
        )


def test_recipients_are_notified_on_send(
    office_a, agency_a, division_a, unit_head_a, staff_a, django_capture_on_commit_callbacks
):
    document = add_document(agency_a)
    with django_capture_on_commit_callbacks(execute=True):
        send(document, office_a, agency_a, units=[division_a])
    notified = set(Notification.objects.values_list("recipient__username", flat=True))
    # the unit's head and staff answer for the unit; the sender is not notified
    assert notified == {"truongphong.a", "canbo.a"}


def test_reminders_go_only_to_those_behind_once_a_day(
    sent, division_a, division_a2, unit_head_a, unit_head_a2, staff_a
):
    today = timezone.localdate()
    # Given division A has answered, division A2 and the staff member have not
    row = Recipient.objects.get(dissemination=sent, agency=division_a, user__isnull=True)
    services.recipient_acknowledge(row, status="read", actor=unit_head_a)

    # Before the deadline is near, nobody is reminded
    assert services.reminders_send(today) == 0
    # Near the deadline, those behind are reminded: the head of A2 and the staff member
    near = sent.deadline - dt.timedelta(days=1)
    assert services.reminders_send(near) == 2
    reminded = set(
        Notification.objects.filter(kind="documents.reminder").values_list(
            "recipient__username", flat=True
        )
    )
    assert reminded == {"truongphong.a2", "canbo.a"}
    # A second run the same day writes nothing new; the next day reminds again
    services.reminders_send(near)
    assert Notification.objects.filter(kind="documents.reminder").count() == 2
    services.reminders_send(near + dt.timedelta(days=1))
    assert Notification.objects.filter(kind="documents.reminder").count() == 4
    body = Notification.objects.filter(kind="documents.reminder").first().body
    assert "31/KH-SKHCN" in body


def test_reminder_job_is_registered_daily():
    from thidua.notifications import schedule

    job = schedule.JOBS["documents.reminders"]
    assert job.daily_at is not None and job.task_path == "thidua.documents.tasks.send_reminders"


def test_a_recipient_sees_only_what_was_sent_to_them(
    sent, client_for, unit_head_a, unit_head_a2, unit_head_b, staff_a, office_b
):
    # Division A's head sees the unit's row; the staff member sees the unit's row and their own
    assert queries.received_by(unit_head_a).count() == 1
    assert queries.received_by(staff_a).count() == 2
    # Agency B's people see nothing and cannot open A's document or answer
    for outsider in (unit_head_b, office_b):
        assert queries.received_by(outsider).count() == 0
        client = client_for(outsider)
        assert "31/KH-SKHCN" not in client.get(reverse("documents:inbox")).content.decode()
        assert client.get(reverse("documents:detail", args=[sent.document_id])).status_code == 404
        row = Recipient.objects.filter(dissemination=sent).first()
        assert client.post(reverse("documents:acknowledge", args=[row.pk])).status_code == 404
    # The recipient may read the document it was sent
    client = client_for(unit_head_a2)
    assert client.get(reverse("documents:detail", args=[sent.document_id])).status_code == 200
    assert client.get(reverse("documents:download", args=[sent.document_id])).status_code == 200


def test_the_sender_side_is_scoped(sent, client_for, office_a, office_b, unit_head_a):
    assert queries.disseminations_visible_to(office_b).count() == 0
    assert queries.disseminations_visible_to(unit_head_a).count() == 0
    url = reverse("documents:dissemination", args=[sent.pk])
    assert client_for(office_b).get(url).status_code == 404
    assert client_for(unit_head_a).get(url).status_code == 404
    assert (
        "31/KH-SKHCN"
        not in client_for(office_b).get(reverse("documents:disseminations")).content.decode()
    )
    page = client_for(office_a).get(url).content.decode()
    assert "0/3 đã đọc" in page


def test_inbox_answer_through_the_page(sent, client_for, unit_head_a2, division_a2, office_a):
    row = Recipient.objects.get(dissemination=sent, agency=division_a2, user__isnull=True)
    client = client_for(unit_head_a2)
    page = client.get(reverse("documents:inbox")).content.decode()
    assert "31/KH-SKHCN" in page and f'id="recipient-{row.pk}"' in page
    client.post(
        reverse("documents:acknowledge", args=[row.pk]),
        {"status": "implemented", "note": "Đã triển khai tới 12 cán bộ"},
    )
    row.refresh_from_db()
    assert row.status == "implemented" and row.acknowledged_by == unit_head_a2
    # The dashboard panel no longer lists it; the sender sees the note
    assert "31/KH-SKHCN" not in client.get(reverse("wagtailadmin_home")).content.decode()
    sender_page = client_for(office_a).get(reverse("documents:dissemination", args=[sent.pk]))
    assert "Đã triển khai tới 12 cán bộ" in sender_page.content.decode()


def test_dashboard_lists_documents_to_read(sent, client_for, unit_head_a2):
    home = client_for(unit_head_a2).get(reverse("wagtailadmin_home")).content.decode()
    assert "Văn bản cần đọc" in home and "31/KH-SKHCN" in home
