"""Back-office URLs of awards, mounted under /admin/."""

from django.urls import URLPattern, path

from thidua.awards.views import catalogue, ledger, proposals

app_name = "awards"

urlpatterns: list[URLPattern] = [
    path("awards/proposals/new/", proposals.proposal_create, name="proposal_create"),
    path("awards/proposals/<int:pk>/", proposals.proposal_detail, name="proposal_detail"),
    path("awards/proposals/<int:pk>/edit/", proposals.proposal_edit, name="proposal_edit"),
    path(
        "awards/proposals/<int:pk>/step/<slug:action>/",
        proposals.proposal_step,
        name="proposal_step",
    ),
    path("awards/proposals/<int:pk>/upload/", proposals.proposal_upload, name="proposal_upload"),
    path("awards/proposals/<int:pk>/report/", proposals.proposal_report, name="proposal_report"),
    path(
        "awards/proposals/<int:pk>/documents/<int:doc>/",
        proposals.document_download,
        name="document_download",
    ),
    path("awards/candidates/", catalogue.candidates, name="candidates"),
    path("awards/titles/<int:pk>/rules/", catalogue.title_rules, name="title_rules"),
    path("awards/ledger/", ledger.ledger_people, name="ledger_people"),
    path("awards/ledger/people/<int:pk>/", ledger.person_ledger, name="person_ledger"),
    path(
        "awards/ledger/people/<int:pk>/add/<slug:kind>/",
        ledger.person_ledger_add,
        name="person_ledger_add",
    ),
    path(
        "awards/ledger/people/<int:pk>/entries/<int:entry>/revoke/",
        ledger.entry_revoke,
        name="entry_revoke",
    ),
    path("awards/ledger/import/", ledger.ledger_import_view, name="ledger_import"),
    path("awards/ledger/import/template/", ledger.ledger_import_template, name="ledger_template"),
]
