"""Groups, page permissions and the "Duyệt tin bài" workflow of the portal (see
thidua/portal/roles.py and docs/permissions.md). Existing editors and leaders are put in their
groups."""

from django.db import migrations

EDITORS = "Biên tập viên"
APPROVERS = "Lãnh đạo duyệt tin"
WORKFLOW = "Duyệt tin bài"
TASK = "Lãnh đạo duyệt tin bài"

PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page", "lock_page"],
    APPROVERS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
COLLECTION_PERMISSIONS = {
    EDITORS: [
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
    ],
    APPROVERS: [
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
    ],
}
ROLE_GROUPS = {"editor": EDITORS, "leadership": APPROVERS}


def _permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename}
    )
    return permission


def forwards(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Page = apps.get_model("wagtailcore.Page")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    ContentType = apps.get_model("contenttypes.ContentType")
    RoleAssignment = apps.get_model("org.RoleAssignment")

    root = Page.objects.filter(depth=1).order_by("path").first()
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in PAGE_PERMISSIONS}
    for name, codenames in PAGE_PERMISSIONS.items():
        if root is None:
            break
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=groups[name],
                page=root,
                permission=_permission(apps, "wagtailcore", "page", codename),
            )
    for name, entries in COLLECTION_PERMISSIONS.items():
        if root_collection is None:
            break
        for app_label, codename in entries:
            model = codename.split("_", 1)[1]
            GroupCollectionPermission.objects.get_or_create(
                group=groups[name],
                collection=root_collection,
                permission=_permission(apps, app_label, model, codename),
            )
        # The back-office menu shows Images/Documents only with these model permissions.
        groups[name].permissions.add(
            *[_permission(apps, a, c.split("_", 1)[1], c) for a, c in entries]
        )

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK, content_type=task_type, active=True)
    task.groups.set([groups[APPROVERS]])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if root is not None:
        # Replaces Wagtail's default "Moderators approval" on the root: every portal page
        # (every descendant of the root) goes through "Duyệt tin bài".
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})

    for assignment in RoleAssignment.objects.filter(role__in=ROLE_GROUPS):
        assignment.user.groups.add(groups[ROLE_GROUPS[assignment.role]])


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_portal_pages"),
        ("org", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
