from django.urls import path

from thidua.org.views import imports

app_name = "org_import"

urlpatterns = [
    path("", imports.upload, name="upload"),
    path("template/", imports.template, name="template"),
    path("<int:pk>/", imports.detail, name="detail"),
    path("<int:pk>/confirm/", imports.confirm, name="confirm"),
]
