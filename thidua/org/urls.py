from django.urls import path

from thidua.org.views import twofactor

app_name = "org"

urlpatterns = [
    path("2fa/", twofactor.twofactor, name="twofactor"),
]
