"""Back-office URLs of documents, mounted under /admin/."""

from django.urls import path

from thidua.documents.views import dissemination, register, registry

app_name = "documents"

urlpatterns = [
    path("van-ban/dang-ky/", registry.register_upload, name="register"),
    path("van-ban/dang-ky/<str:token>/", registry.register_confirm, name="register_confirm"),
    path("van-ban/dang-ky/<str:token>/huy/", registry.register_abandon, name="register_abandon"),
    path("van-ban/<int:pk>/", registry.detail, name="detail"),
    path("van-ban/<int:pk>/tep/", registry.download, name="download"),
    path("van-ban/<int:pk>/quan-he/", registry.relations_edit, name="relations"),
    path("van-ban/<int:pk>/pho-bien/", dissemination.disseminate, name="disseminate"),
    path("van-ban/pho-bien/", dissemination.dissemination_list, name="disseminations"),
    path("van-ban/pho-bien/<int:pk>/", dissemination.dissemination_detail, name="dissemination"),
    path("van-ban/can-doc/", dissemination.inbox, name="inbox"),
    path("van-ban/can-doc/<int:pk>/xac-nhan/", dissemination.acknowledge, name="acknowledge"),
    path("van-ban/so-van-ban-di/", register.register_list, name="register_list"),
    path("van-ban/so-van-ban-di/xlsx/", register.register_export, name="register_export"),
    path("van-ban/so-van-ban-di/lay-so/", register.number_take, name="number_take"),
    path("van-ban/so-van-ban-di/<int:pk>/huy/", register.number_cancel, name="number_cancel"),
]
