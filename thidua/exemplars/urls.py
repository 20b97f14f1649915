"""Back-office URLs of exemplars, mounted under /admin/ (the lists and forms are the Wagtail
viewsets in viewsets.py, under /admin/exemplars/)."""

from django.urls import path

from thidua.exemplars.views import actions, dashboard

app_name = "exemplars_ops"

urlpatterns = [
    path("exemplars/dashboard/", dashboard.dashboard, name="dashboard"),
    path("exemplars/<int:pk>/nurture/", actions.nurture, name="nurture"),
    path("exemplars/<int:pk>/plan/", actions.plan_edit, name="plan"),
    path("exemplars/<int:pk>/recognise/", actions.recognise, name="recognise"),
    path("exemplars/<int:pk>/drop/", actions.drop, name="drop"),
    path("exemplars/<int:pk>/resume/", actions.resume, name="resume"),
    path("exemplars/<int:pk>/publication/", actions.publication, name="publication"),
    path("exemplars/<int:pk>/log/", actions.log_add, name="log"),
    path("exemplars/<int:pk>/replication/", actions.replication_add, name="replication"),
    path("exemplars/<int:pk>/evidence/", actions.evidence_add, name="evidence"),
    path("exemplars/<int:pk>/coverage/", actions.coverage_add, name="coverage"),
    path(
        "exemplars/evidence/<int:pk>/download/",
        actions.evidence_download,
        name="evidence_download",
    ),
]
