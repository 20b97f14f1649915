from django.urls import path

from thidua.org.views import actions, twofactor

app_name = "org"

urlpatterns = [
    path("2fa/", twofactor.twofactor, name="twofactor"),
    path("org/people/<int:pk>/transfer/", actions.person_transfer, name="person_transfer"),
    path("org/agencies/<int:pk>/merge/", actions.agency_merge, name="agency_merge"),
    path("org/people/<int:pk>/account/", actions.account_create, name="account_create"),
]
