from django.urls import path

from thidua.core.views.format_check import format_check

app_name = "core"

urlpatterns = [
    path("kiem-tra-the-thuc/", format_check, name="format_check"),
]
