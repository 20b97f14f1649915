"""Editorial workflow: an editor writes, a leader approves before anything is published;
scheduled publishing and expiry by the worker; unpublishing asks for a reason; our roles give
the Wagtail groups."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry, PageLogEntry
from wagtail.test.utils.form_data import rich_text

from tests.org.factories import make_member
from tests.portal.conftest import add_article, run_worker
from thidua.core.text import slugify_vi
from thidua.notifications import schedule
from thidua.org.models import RoleAssignment
from thidua.org.models.role import Role
from thidua.portal.models import ArticlePage
from thidua.portal.roles import APPROVERS_GROUP, EDITORS_GROUP


def article_form(title: str, **extra) -> dict:
    return {
        "title": title,
        "slug": slugify_vi(title),
        "summary": "Tóm tắt tin bài.",
        "body": rich_text("<p>Nội dung tin bài về gương điển hình tiên tiến.</p>"),
        "image_alt": "",
        "image_caption": "",
        "author": "Phòng Văn phòng",
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        **extra,
    }


def create_as(client, section, data: dict, action: str):
    return client.post(f"/admin/pages/add/portal/articlepage/{section.pk}/", {**data, action: "1"})


def test_roles_map_to_wagtail_groups(portal, editor, leader, staff_a):
    assert set(editor.groups.values_list("name", flat=True)) == {EDITORS_GROUP}
    assert set(leader.groups.values_list("name", flat=True)) == {APPROVERS_GROUP}
    assert not staff_a.groups.exists()


def test_granting_and_revoking_the_role_updates_the_groups(
    portal, agency_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        user = make_member("bientap.moi", agency_a, Role.EDITOR, "Đỗ Thị Lan")
    assert user.groups.filter(name=EDITORS_GROUP).exists()
    with django_capture_on_commit_callbacks(execute=True):
        RoleAssignment.objects.filter(user=user).delete()
    assert not user.groups.exists()


def test_an_editor_cannot_publish_only_submit(portal, editor, client_for):
    client = client_for(editor)
    response = create_as(
        client, portal.news, article_form("Tin do biên tập viên viết"), "action-publish"
    )
    assert response.status_code in (302, 403)
    article = ArticlePage.objects.get(title="Tin do biên tập viên viết")
    assert not article.live
    assert not article.permissions_for_user(editor).can_publish()


def test_published_only_after_a_leader_approves(portal, editor, leader, client_for):
    editor_client = client_for(editor)
    response = create_as(
        editor_client, portal.news, article_form("Tuyên dương gương điển hình"), "action-submit"
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    article = ArticlePage.objects.get(title="Tuyên dương gương điển hình")
    assert not article.live
    state = article.current_workflow_state
    assert state is not None and state.workflow.name == "Duyệt tin bài"
    assert client_for(editor).get("/").content.decode().count("Tuyên dương gương điển hình") == 0

    # The editor cannot approve their own article.
    task_state = article.current_workflow_task_state
    url = f"/admin/pages/workflow/action/{article.pk}/approve/{task_state.pk}/"
    editor_client.post(url, {"comment": ""})
    article.refresh_from_db()
    assert not article.live

    client_for(leader).post(url, {"comment": "Đồng ý đăng."})
    article.refresh_from_db()
    assert article.live
    assert "Tuyên dương gương điển hình" in client_for(leader).get("/").content.decode()


def test_scheduled_publishing_and_expiry_run_by_the_worker(portal, leader, client):
    now = timezone.now()
    article = add_article(portal.news, "Tin hẹn giờ đăng", live=False)
    article.go_live_at = now + dt.timedelta(seconds=2)
    article.expire_at = now + dt.timedelta(seconds=4)
    article.save_revision(user=leader).publish(user=leader)  # approved, scheduled
    article.refresh_from_db()
    assert not article.live
    assert "Tin hẹn giờ đăng" not in client.get("/").content.decode()

    # Once the time has come, the scheduler enqueues the job and the worker publishes.
    time.sleep(2.2)
    assert "portal.publish_scheduled" in schedule.run_due(timezone.now())
    run_worker()
    article.refresh_from_db()
    assert article.live
    assert "Tin hẹn giờ đăng" in client.get("/").content.decode()

    # After the expiry time the worker takes it down.
    time.sleep(2.0)
    assert "portal.publish_scheduled" in schedule.run_due(timezone.now() + dt.timedelta(minutes=1))
    run_worker()
    article.refresh_from_db()
    assert not article.live
    assert article.expired
    assert "Tin hẹn giờ đăng" not in client.get("/").content.decode()


def test_the_schedule_is_shown_to_editors(portal, editor, leader, client_for):
    article = add_article(portal.news, "Tin đăng sáng thứ Hai", live=False)
    article.go_live_at = timezone.now() + dt.timedelta(days=1)
    article.save_revision(user=leader).publish(user=leader)
    html = client_for(editor).get("/admin/").content.decode()
    assert "Lịch đăng tin trên cổng" in html
    assert "Tin đăng sáng thứ Hai" in html
    local = timezone.localtime(article.go_live_at)
    assert local.strftime("%d/%m/%Y %H:%M") in html


def test_unpublishing_asks_for_a_reason(portal, leader, client_for):
    article = add_article(portal.news, "Tin cần gỡ")
    client = client_for(leader)
    url = f"/admin/pages/{article.pk}/unpublish/"
    assert "Lý do gỡ" in client.get(url).content.decode()

    client.post(url, {"reason": "  "})
    article.refresh_from_db()
    assert article.live  # refused without a reason

    client.post(url, {"reason": "Thông tin đã cũ, thay bằng tin mới."})
    article.refresh_from_db()
    assert not article.live
    entry = PageLogEntry.objects.filter(page=article, action="thidua.page_unpublish_reason").get()
    assert entry.data["note"] == "Thông tin đã cũ, thay bằng tin mới."
    assert entry.user == leader
    assert not ModelLogEntry.objects.filter(action="thidua.page_unpublish_reason").exists()


def test_article_images_need_alternative_text(portal):
    from django.core.exceptions import ValidationError

    article = ArticlePage(
        title="Ảnh không mô tả",
        summary="Tóm tắt",
        body='<p>Trước</p><embed embedtype="image" id="1" format="fullwidth" alt=""/>',
    )
    with pytest.raises(ValidationError) as error:
        portal.news.add_child(instance=article)
    assert "chưa có mô tả" in str(error.value)
