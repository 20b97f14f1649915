"""The portal's groups, page permissions and approval workflow, created idempotently.

Migration 0003 creates them on a new database; ``ensure_portal_setup`` recreates them where a
database lost them (the demo loader, tests that flush the database, ``manage.py
sync_portal_groups``). The role -> group mapping is in roles.py.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from thidua.portal.roles import APPROVERS_GROUP, EDITORS_GROUP, TASK_NAME, WORKFLOW_NAME

PAGE_PERMISSIONS = {
    EDITORS_GROUP: ["add_page", "change_page", "lock_page"],
    APPROVERS_GROUP: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
_MEDIA = [
    ("wagtailimages", "image", "add_image"),
    ("wagtailimages", "image", "change_image"),
    ("wagtailimages", "image", "choose_image"),
    ("wagtaildocs", "document", "add_document"),
    ("wagtaildocs", "document", "change_document"),
    ("wagtaildocs", "document", "choose_document"),
]


def _permission(app_label: str, model: str, codename: str) -> Permission:
    content_type = ContentType.objects.get_by_natural_key(app_label, model)
    return Permission.objects.get(content_type=content_type, codename=codename)


def ensure_root() -> Page:
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title="Root", slug="root")
    return root


@transaction.atomic
def ensure_portal_setup() -> Workflow:
    """Groups with their page and media permissions, and the workflow on the root page."""
    root = ensure_root()
    collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in PAGE_PERMISSIONS}
    for name, codenames in PAGE_PERMISSIONS.items():
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=groups[name],
                page=root,
                permission=_permission("wagtailcore", "page", codename),
            )
        for app_label, model, codename in _MEDIA:
            permission = _permission(app_label, model, codename)
            GroupCollectionPermission.objects.get_or_create(
                group=groups[name], collection=collection, permission=permission
            )
            groups[name].permissions.add(permission)
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME, active=True)
    task.groups.set([groups[APPROVERS_GROUP]])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    return workflow
