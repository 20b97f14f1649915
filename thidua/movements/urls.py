"""Back-office URLs of movements, mounted under /admin/."""

from django.urls import path

from thidua.movements.views import cascade, duties, registration, scoring

app_name = "movements"

urlpatterns = [
    path("phong-trao/<int:pk>/theo-doi/", cascade.cascade, name="cascade"),
    path("phong-trao/<int:pk>/phat-dong/", cascade.launch, name="launch"),
    path("phong-trao/<int:pk>/buoc/", cascade.set_phase, name="phase"),
    path("phong-trao/<int:pk>/nhac/", cascade.remind, name="remind"),
    path("phong-trao/<int:pk>/ket-qua/", cascade.results, name="results"),
    path("phong-trao/<int:pk>/duyet/<int:duty_pk>/", cascade.review, name="review"),
    path("phong-trao/<int:pk>/dang-ky/", registration.register, name="register"),
    path(
        "phong-trao/<int:pk>/dang-ky/excel/",
        registration.export_registrations,
        name="export_registrations",
    ),
    path("phong-trao/viec-phai-gui/", duties.my_duties, name="my_duties"),
    path("phong-trao/viec-phai-gui/<int:duty_pk>/gui/", duties.submit, name="submit"),
    path("khoi-thi-dua/", scoring.bloc_index, name="blocs"),
    path("khoi-thi-dua/giao-uoc/<int:pk>/", scoring.covenant, name="covenant"),
    path("khoi-thi-dua/<int:bloc_pk>/giao-uoc/", scoring.covenant_edit, name="covenant_edit"),
    path("khoi-thi-dua/<int:bloc_pk>/bang-diem/moi/", scoring.table_new, name="table_new"),
    path("khoi-thi-dua/bang-diem/<int:pk>/", scoring.table_detail, name="table"),
    path(
        "khoi-thi-dua/bang-diem/<int:pk>/cham/<int:subject_pk>/", scoring.sheet_edit, name="sheet"
    ),
    path("khoi-thi-dua/bang-diem/<int:pk>/cong-bo/", scoring.publish, name="publish"),
    path(
        "khoi-thi-dua/bang-diem/<int:pk>/xep-hang.<str:fmt>",
        scoring.ranking_export,
        name="ranking_export",
    ),
    path(
        "khoi-thi-dua/bang-diem/<int:pk>/phieu/<int:sheet_pk>.xlsx",
        scoring.sheet_export,
        name="sheet_export",
    ),
    path("khoi-thi-dua/minh-chung/<int:pk>/", scoring.evidence_download, name="evidence"),
]
