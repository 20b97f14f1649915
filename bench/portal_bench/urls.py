from django.http import HttpRequest, HttpResponse
from django.urls import path

from thidua.urls import urlpatterns as product_urls


def constant(request: HttpRequest) -> HttpResponse:
    """The same server's ceiling: a constant response through the whole middleware stack."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench-constant/", constant), *product_urls]
