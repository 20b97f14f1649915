"""Public (portal) URLs of awards, mounted at the site root before Wagtail's pages."""

from django.urls import URLPattern, path

from thidua.awards.views import certificates, public

app_name = "awards_public"

urlpatterns: list[URLPattern] = [
    path("khen-thuong/cong-khai/", public.public_list, name="list"),
    path("khen-thuong/cong-khai/<int:pk>/", public.public_detail, name="detail"),
    path("xac-minh/<str:code>/", certificates.verify, name="verify"),
    path("khen-thuong/quyet-dinh/", public.decision_list, name="decisions"),
]
