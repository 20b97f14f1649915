"""The public list of dossiers open for comment, and the comment form (no login)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards import queries
from thidua.awards.services import public as svc


class CommentForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Họ và tên"), max_length=150)
    contact = forms.CharField(
        label=gettext_lazy("Điện thoại hoặc thư điện tử (không công khai)"),
        max_length=150,
        required=False,
    )
    body = forms.CharField(
        label=gettext_lazy("Nội dung góp ý"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    # A field people do not see: robots fill it in.
    website = forms.CharField(required=False, widget=forms.HiddenInput)


def public_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "awards/public/list.html",
        {"proposals": queries.public_proposals(today), "today": today},
    )


COMMENTS_PER_HOUR = 10


def _too_many(request: HttpRequest) -> bool:
    """At most COMMENTS_PER_HOUR comments an hour from one address (shared cache)."""
    key = f"awards-comment-{request.META.get('REMOTE_ADDR', '')}"
    cache.add(key, 0, timeout=3600)
    try:
        return cache.incr(key) > COMMENTS_PER_HOUR
    except ValueError:
        return False


def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    today = timezone.localdate()
    proposal = queries.public_proposal(pk, today)
    form = CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _too_many(request):
            form.add_error(None, _("Bạn đã gửi nhiều góp ý; hãy thử lại sau một giờ."))
        elif form.cleaned_data["website"]:
            return redirect("awards_public:detail", pk=pk)
        else:
            try:
                svc.public_comment_add(
                    proposal,
                    name=form.cleaned_data["name"],
                    contact=form.cleaned_data["contact"],
                    body=form.cleaned_data["body"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Cảm ơn bạn. Góp ý đã được chuyển đến Hội đồng."))
                return redirect("awards_public:detail", pk=pk)
    return render(
        request, "awards/public/detail.html", {"proposal": proposal, "form": form, "today": today}
    )


DECISIONS_PER_PAGE = 30


def decision_list(request: HttpRequest) -> HttpResponse:
    """Issued commendation decisions, newest first, filterable by year (revoked ones say so)."""
    decisions = queries.published_decisions()
    year = request.GET.get("nam", "")
    if year.isdigit():
        decisions = decisions.filter(date__year=int(year))
    page = Paginator(decisions, DECISIONS_PER_PAGE).get_page(request.GET.get("trang"))
    return render(
        request,
        "awards/public/decisions.html",
        {
            "decision_page": page,
            "year": year if year.isdigit() else "",
            "years": queries.decision_years(),
        },
    )
