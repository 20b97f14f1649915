from django.conf import settings
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    # Project admin pages sit under /admin/ before Wagtail's catch-all admin URLs.
    path("admin/", include("thidua.org.urls")),
    path("admin/", include("thidua.core.urls")),
    path("admin/org/import/", include("thidua.org.import_urls")),
    path("admin/", include("thidua.notifications.urls")),
    path("admin/", include("thidua.movements.urls")),
    path("admin/", include("thidua.exemplars.urls")),
    path("admin/", include("thidua.awards.urls")),
    path("admin/", include("thidua.plans.urls")),
    path("admin/", include("thidua.reports.urls")),
    path("admin/", include("thidua.documents.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Public pages served by apps (certificate verification, search, feeds) before Wagtail's tree.
urlpatterns += [
    path("", include("thidua.portal.urls")),
    path("", include("thidua.awards.public_urls")),
    # Wagtail's pages (an article's stored rendering is served before this, by the page cache
    # middleware: portal/rendering.py).
    path("", include(wagtail_urls)),
]
