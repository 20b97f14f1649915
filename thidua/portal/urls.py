"""Public URLs of the portal that are not Wagtail pages (search, documents, exemplar and
movement pages, sitemap, robots), mounted at the site root before Wagtail's pages."""

from django.urls import path

from thidua.portal.views import public

app_name = "portal"

urlpatterns = [
    path("search/", public.search, name="search"),
    path("van-ban/<int:pk>/", public.document_detail, name="document"),
    path("van-ban/tai-ve/<int:pk>/", public.document_download, name="document_download"),
    path("guong-dien-hinh/", public.exemplar_list, name="exemplars"),
    path("guong-dien-hinh/<int:pk>/", public.exemplar_detail, name="exemplar"),
    path("phong-trao/", public.movement_list, name="movements"),
    path("phong-trao/<int:pk>/", public.movement_detail, name="movement"),
    path("xac-minh/", public.certificate_lookup, name="certificate_lookup"),
    path("robots.txt", public.robots_txt, name="robots"),
    path("sitemap.xml", public.sitemap, name="sitemap"),
]
