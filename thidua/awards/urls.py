"""Back-office URLs of awards, mounted under /admin/."""

from django.urls import URLPattern, path

from thidua.awards.views import catalogue, ledger, proposals
from thidua.awards.views import certificates as cert_views
from thidua.awards.views import council as council_views
from thidua.awards.views import decisions as decision_views

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
    path("awards/ledger/agencies/<int:pk>/", ledger.agency_ledger, name="agency_ledger"),
    path(
        "awards/ledger/<slug:holder_kind>/<int:pk>/add/<slug:kind>/",
        ledger.ledger_add,
        name="ledger_add",
    ),
    path(
        "awards/ledger/<slug:holder_kind>/<int:pk>/entries/<int:entry>/revoke/",
        ledger.entry_revoke,
        name="entry_revoke",
    ),
    path("awards/ledger/import/", ledger.ledger_import_view, name="ledger_import"),
    path("awards/ledger/import/template/", ledger.ledger_import_template, name="ledger_template"),
    # Councils, sessions, ballots (Awards B)
    path("awards/councils/", council_views.council_list, name="council_list"),
    path("awards/councils/new/", council_views.council_create, name="council_create"),
    path("awards/councils/<int:pk>/", council_views.council_detail, name="council_detail"),
    path(
        "awards/councils/<int:pk>/members/<int:member>/remove/",
        council_views.council_member_remove,
        name="council_member_remove",
    ),
    path(
        "awards/councils/<int:pk>/sessions/new/",
        council_views.session_create,
        name="session_create",
    ),
    path("awards/sessions/<int:pk>/", council_views.session_detail, name="session_detail"),
    path("awards/sessions/<int:pk>/agenda/", council_views.session_agenda, name="session_agenda"),
    path(
        "awards/sessions/<int:pk>/attendance/",
        council_views.session_attendance,
        name="session_attendance",
    ),
    path("awards/sessions/<int:pk>/open/", council_views.session_open, name="session_open"),
    path("awards/sessions/<int:pk>/ballot/", council_views.ballot, name="ballot"),
    path(
        "awards/sessions/<int:pk>/items/<int:item>/tally/",
        council_views.session_tally,
        name="session_tally",
    ),
    path("awards/sessions/<int:pk>/close/", council_views.session_close, name="session_close"),
    path(
        "awards/sessions/<int:pk>/minutes/", council_views.session_minutes, name="session_minutes"
    ),
    path(
        "awards/sessions/<int:pk>/minutes.docx",
        council_views.minutes_download,
        name="minutes_download",
    ),
    # Decisions and certificates (Awards B)
    path("awards/decisions/", decision_views.decision_list, name="decision_list"),
    path(
        "awards/sessions/<int:pk>/decision/",
        decision_views.decision_from_session,
        name="decision_from_session",
    ),
    path("awards/decisions/<int:pk>/", decision_views.decision_detail, name="decision_detail"),
    path("awards/decisions/<int:pk>/issue/", decision_views.decision_issue, name="decision_issue"),
    path(
        "awards/decisions/<int:pk>/revoke/",
        decision_views.decision_revoke,
        name="decision_revoke",
    ),
    path(
        "awards/decisions/<int:pk>/awardees/<int:awardee>/remove/",
        decision_views.awardee_remove,
        name="awardee_remove",
    ),
    path(
        "awards/decisions/<int:pk>/file.docx",
        decision_views.decision_download,
        name="decision_download",
    ),
    path(
        "awards/certificates/<int:pk>/docx/",
        cert_views.certificate_docx,
        name="certificate_docx",
    ),
    path("awards/certificates/<int:pk>/pdf/", cert_views.certificate_pdf, name="certificate_pdf"),
]
