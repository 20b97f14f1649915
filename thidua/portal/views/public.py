"""Public portal views outside the page tree: search, documents, exemplar and movement pages,
robots.txt and the sitemap."""

from __future__ import annotations

from django.conf import settings
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET

from thidua.core import searchindex
from thidua.documents.library import CONTENT_TYPES, documents_visible_to
from thidua.documents.models import Document
from thidua.portal import queries
from thidua.portal.sitemaps import sitemaps
from thidua.portal.views.common import portal_render

SEARCH_PER_SOURCE = 10


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """``/search/?q=``: one search across the portal; staff also get people and plans."""
    query = request.GET.get("q", "").strip()[:200]
    only = request.GET.get("loai", "").strip()
    user = request.user if request.user.is_authenticated else None
    sections = searchindex.search(
        query,
        user=user,
        per_source=50 if only else SEARCH_PER_SOURCE,
        only=[only] if only else None,
    )
    total = sum(section.total for section in sections)
    return portal_render(
        request,
        "portal/search.html",
        {
            "query": query,
            "sections": [s for s in sections if s.total],
            "total": total,
            "only": only,
        },
    )


def _published_document(pk: int) -> Document:
    document = queries.public_documents().filter(pk=pk).first()
    if document is None:
        raise Http404
    return document


@require_GET
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = _published_document(pk)
    return portal_render(request, "portal/document_detail.html", {"document": document})


@require_GET
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    """The file of a published document; staff may also fetch their agencies' drafts."""
    document = queries.public_documents().filter(pk=pk).first()
    if document is None and request.user.is_authenticated:
        document = documents_visible_to(request.user).filter(pk=pk).first()
    if document is None or not document.file:
        raise Http404
    handle = document.file.storage.open(document.file.name, "rb")
    extension = document.file.name.rsplit(".", 1)[-1].lower()
    kind = {"pdf": "pdf", "docx": "docx", "xlsx": "xlsx", "odt": "odt"}.get(extension, "pdf")
    filename = f"{document.number_symbol.replace('/', '-')}.{extension}"
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=CONTENT_TYPES[kind]
    )
    if not document.published:
        response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def exemplar_list(request: HttpRequest) -> HttpResponse:
    exemplars = queries.published_exemplars()
    page_obj = Paginator(exemplars, 12).get_page(request.GET.get("trang"))
    return portal_render(request, "portal/exemplar_list.html", {"page_obj": page_obj})


@require_GET
def exemplar_detail(request: HttpRequest, pk: int) -> HttpResponse:
    exemplar = queries.published_exemplars().filter(pk=pk).first()
    if exemplar is None:
        raise Http404
    from thidua.exemplars import queries as exemplar_queries

    coverage = list(exemplar_queries.public_coverage(exemplar)[:20])
    return portal_render(
        request, "portal/exemplar_detail.html", {"exemplar": exemplar, "coverage": coverage}
    )


@require_GET
def movement_list(request: HttpRequest) -> HttpResponse:
    movements = queries.public_movements()
    page_obj = Paginator(movements, 12).get_page(request.GET.get("trang"))
    return portal_render(request, "portal/movement_list.html", {"page_obj": page_obj})


@require_GET
def movement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    movement = queries.public_movement(pk)
    if movement is None:
        raise Http404
    return portal_render(request, "portal/movement_detail.html", {"movement": movement})


@require_GET
def certificate_lookup(request: HttpRequest) -> HttpResponse:
    """``/xac-minh/?ma=``: type the code printed on a certificate; the Awards app's
    verification page answers."""
    code = "".join(request.GET.get("ma", "").split())[:64]
    if code:
        try:
            return redirect(reverse("awards_public:verify", args=[code]))
        except NoReverseMatch:
            raise Http404 from None
    return portal_render(request, "portal/certificate_lookup.html", {})


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "Disallow: /van-ban/tai-ve/",
        f"Sitemap: {request.build_absolute_uri(reverse('portal:sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
def sitemap(request: HttpRequest) -> HttpResponse:
    response = django_sitemap(
        request, sitemaps=sitemaps(request), template_name="portal/sitemap.xml"
    )
    response["X-Robots-Tag"] = "noindex" if settings.DEBUG else "all"
    return response
