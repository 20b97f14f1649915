"""Back-office URLs of dashboards and periodic reports, mounted under /admin/."""

from django.urls import path

from thidua.reports.views import dashboards, reports

app_name = "reports"

urlpatterns = [
    path("tong-quan/", dashboards.propaganda_view, name="propaganda"),
    path("tong-quan/ke-hoach/", dashboards.plans_view, name="plans"),
    path("tong-quan/phong-trao/", dashboards.movements_view, name="movements"),
    path("tong-quan/dien-hinh/", dashboards.exemplars_view, name="exemplars"),
    path("tong-quan/khen-thuong/", dashboards.awards_view, name="awards"),
    path("bao-cao/", reports.index, name="index"),
    path("bao-cao/moi/", reports.new, name="new"),
    path("bao-cao/<int:pk>/", reports.detail, name="detail"),
    path("bao-cao/<int:pk>/ban-hanh/", reports.issue, name="issue"),
    path("bao-cao/<int:pk>/tai-ve.<str:fmt>", reports.download, name="download"),
]
