"""Dashboard panels: "my work" for the person logged in. Each says what will appear when empty."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from wagtail.admin.ui.components import Component
from wagtail.models import ModelLogEntry

from thidua.org import queries
from thidua.org.importing import progress
from thidua.org.models import Agency, ImportJob, Person


class DashboardPanel(Component):
    template_name = ""
    order = 100

    def __init__(self, request: Any) -> None:
        self.request = request


class MyWorkPanel(DashboardPanel):
    """Work assigned to the user's units. Plans, movements and dossiers add their items here as
    those apps land; until then it lists the imports the user started."""

    name = "my_work"
    order = 10
    template_name = "org/dashboard/my_work.html"

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        jobs = queries.import_jobs_visible_to(self.request.user).filter(
            created_by=self.request.user
        )[:5]
        return {"import_jobs": [(job, _running_percent(job)) for job in jobs]}


def _running_percent(job: ImportJob) -> int | None:
    """The progress of a job still being checked or written; None once finished or unknown."""
    if job.status not in (ImportJob.Status.VALIDATING, ImportJob.Status.APPLYING):
        return None
    return progress.progress_of(job)["percent"]


class MyUnitsPanel(DashboardPanel):
    name = "my_units"
    order = 20
    template_name = "org/dashboard/my_units.html"

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        user = self.request.user
        assignments = list(
            user.role_assignments.select_related("agency").order_by("agency__path", "role")
        )
        person = Person.objects.filter(user=user).select_related("agency").first()
        return {"assignments": assignments, "person": person}


class RecentActivityPanel(DashboardPanel):
    """Latest changes to agencies and people the user may see."""

    name = "recent_activity"
    order = 30
    template_name = "org/dashboard/recent_activity.html"

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        user = self.request.user
        types = ContentType.objects.get_for_models(Agency, Person)
        # Log entries key objects by a text id: compare against the visible pks cast to text, in
        # the database, so the panel costs one query whatever the size of the scope.
        people = queries.people_visible_to(user).annotate(key=Cast("pk", CharField())).values("key")
        agencies = queries.agencies_visible_to(user).annotate(key=Cast("pk", CharField()))
        entries = (
            ModelLogEntry.objects.filter(
                Q(content_type=types[Person], object_id__in=people)
                | Q(content_type=types[Agency], object_id__in=agencies.values("key"))
            )
            .select_related("user", "content_type")
            .order_by("-timestamp")[:8]
        )
        return {"entries": entries}
