from django.urls import path

from thidua.org.views import actions, search, twofactor

app_name = "org"

urlpatterns = [
    path("2fa/", twofactor.twofactor, name="twofactor"),
    path("tim-kiem/", search.back_office_search, name="search"),
    path("org/people/<int:pk>/transfer/", actions.person_transfer, name="person_transfer"),
    path("org/agencies/<int:pk>/merge/", actions.agency_merge, name="agency_merge"),
    path("org/people/<int:pk>/account/", actions.account_create, name="account_create"),
]
