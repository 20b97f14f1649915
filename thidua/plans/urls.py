"""Back-office URLs of plans, mounted under /admin/."""

from django.urls import path

from thidua.plans.views import deliveries, importing, plans, tasks

app_name = "plans"

urlpatterns = [
    path("ke-hoach/", plans.index, name="index"),
    path("ke-hoach/nhap/", importing.upload, name="upload"),
    path("ke-hoach/nhap/<str:token>/", importing.review, name="review"),
    path("ke-hoach/nhap/<str:token>/huy/", importing.abandon, name="abandon"),
    path("ke-hoach/soan/", importing.create, name="create"),
    path("ke-hoach/<int:pk>/", plans.detail, name="detail"),
    path("ke-hoach/<int:pk>/sua/", importing.edit, name="edit"),
    path("ke-hoach/<int:pk>/ban-hanh/", plans.issue, name="issue"),
    path("ke-hoach/<int:pk>/ket-thuc/", plans.close, name="close"),
    path("ke-hoach/<int:pk>/tao-lai-nhiem-vu/", plans.regenerate, name="regenerate"),
    path("ke-hoach/<int:pk>/docx/", plans.export_docx, name="export_docx"),
    path("ke-hoach/<int:pk>/tong-quan/", plans.dashboard, name="dashboard"),
    path("ke-hoach/<int:plan_pk>/them-nhiem-vu/", tasks.task_add, name="task_add"),
    path("ke-hoach/nhiem-vu/", tasks.my_tasks, name="my_tasks"),
    path("ke-hoach/nhiem-vu/<int:pk>/", tasks.task_detail, name="task_detail"),
    path("ke-hoach/nhiem-vu/<int:pk>/bao-cao/", tasks.task_report, name="task_report"),
    path("ke-hoach/nhiem-vu/<int:pk>/sua/", tasks.task_edit, name="task_edit"),
    path("ke-hoach/nhiem-vu/<int:pk>/tach/", tasks.task_split, name="task_split"),
    path("ke-hoach/nhiem-vu/<int:pk>/huy/", tasks.task_cancel, name="task_cancel"),
    path("ke-hoach/bao-cao/<int:pk>/chap-nhan/", tasks.report_accept, name="report_accept"),
    path("ke-hoach/bao-cao/<int:pk>/tra-lai/", tasks.report_return, name="report_return"),
    path("ke-hoach/minh-chung/<int:pk>/", tasks.evidence_download, name="evidence"),
    path("ke-hoach/hoat-dong/", deliveries.index, name="deliveries"),
    path("ke-hoach/hoat-dong/them/", deliveries.activity_add, name="activity_add"),
    path("ke-hoach/cuoc-hop/them/", deliveries.meeting_add, name="meeting_add"),
    path(
        "ke-hoach/hoat-dong/pho-bien/<int:pk>/",
        deliveries.dissemination_add,
        name="dissemination_add",
    ),
]
