"""Back-office listings of awards: dossiers (search, filters, export), the catalogue (edited by
the province admin through services), public holidays, quotas and step deadlines."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import django_filters
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ViewSetGroup

from thidua.awards import permissions as perms
from thidua.awards import queries
from thidua.awards.models import (
    Proposal,
    ProposalStatus,
    PublicHoliday,
    Quota,
    StepDeadline,
    Title,
)
from thidua.awards.services import catalogue as catalogue_services
from thidua.awards.services.catalogue import TITLE_FIELDS
from thidua.core.text import fold, fold_words
from thidua.core.viewsets import (
    DayColumn,
    ScopedCreateView,
    ScopedEditView,
    ScopedModelViewSet,
    ScopedPermissionPolicy,
)
from thidua.org.queries import user_scope


class FoldedIndexView(ScopedModelViewSet.index_view_class):
    """Listing of a small settings table that has no folded ``search_text`` column: each row's
    ``search_text(row)`` is folded in Python, so "lao dong" finds "Lao động tiên tiến" (a
    ``__contains`` on the raw column never matches a word written with diacritics)."""

    search_text: Callable[[Any], str] = staticmethod(str)

    def search_queryset(self, queryset: QuerySet) -> QuerySet:
        words = fold_words(self.search_query) if self.is_searching else []
        if not words:
            return queryset
        text_of = type(self).search_text
        found = [row.pk for row in queryset if all(w in fold(text_of(row)) for w in words)]
        return queryset.filter(pk__in=found)


# --- Dossiers ---------------------------------------------------------------------------------


class ProposalPolicy(ScopedPermissionPolicy):
    scoped_queryset = staticmethod(queries.proposals_visible_to)

    def can(self, user: Any, action: str) -> bool:
        scope = user_scope(user)
        if action == "view":
            return bool(scope.is_province_admin or scope.paths_with(perms.DOSSIER_READERS))
        if action == "add":
            return bool(scope.is_province_admin or scope.paths_with(perms.DOSSIER_AUTHORS))
        return False


class ProposalFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=ProposalStatus.choices)
    title = django_filters.ModelChoiceFilter(label=_("Danh hiệu"), queryset=Title.objects.all())
    year = django_filters.NumberFilter(label=_("Năm"))

    class Meta:
        model = Proposal
        fields = ["status", "title", "year"]


class ProposalIndexView(ScopedModelViewSet.index_view_class):
    """Rows open the dossier page; "Add" opens the dossier form."""

    def get_add_url(self) -> str | None:
        if self.user_has_permission("add"):
            return reverse("awards:proposal_create")
        return None

    def get_inspect_url(self, instance: Proposal) -> str:
        return reverse("awards:proposal_detail", args=[instance.pk])

    def get_edit_url(self, instance: Proposal) -> str:
        return reverse("awards:proposal_detail", args=[instance.pk])


class ProposalViewSet(ScopedModelViewSet):
    model = Proposal
    index_view_class = ProposalIndexView
    add_view_enabled = False
    edit_view_enabled = False
    delete_view_enabled = False
    inspect_view_enabled = False
    icon = "doc-full"
    menu_label = _("Hồ sơ đề nghị")
    url_prefix = "awards/proposals/list"
    name = "awards_proposal"
    form_fields = ["period"]  # no add/edit views here: the dossier pages are in views/proposals
    list_display = [
        Column("nominee_name", label=_("Đối tượng"), accessor="nominee_name"),
        "title",
        "year",
        "proposing_agency",
        "status",
        DayColumn("due_date", label=_("Hạn bước hiện tại")),
    ]
    filterset_class = ProposalFilterSet
    list_export = [
        "nominee_name",
        "title",
        "year",
        "procedure",
        "proposing_agency",
        "status",
        "eligible",
        "publicity_start",
        "publicity_end",
        "due_date",
    ]
    export_filename = "ho-so-de-nghi-khen-thuong"
    list_per_page = 50


# --- Catalogue --------------------------------------------------------------------------------


def _all_titles(user: Any) -> Any:
    return Title.objects.all()


class CataloguePolicy(ScopedPermissionPolicy):
    """Everyone with a role reads the catalogue; the province admin edits it."""

    scoped_queryset = staticmethod(_all_titles)

    def can(self, user: Any, action: str) -> bool:
        scope = user_scope(user)
        if action == "view":
            return perms.can_view_catalogue(scope)
        return action in ("change",) and perms.can_edit_catalogue(scope)

    def instances_for(self, user: Any, action: str, queryset: Any) -> Any:
        return queryset if self.can(user, action) else queryset.none()


class TitleEditView(ScopedEditView):
    def save_instance(self) -> Title:
        data = {k: v for k, v in self.form.cleaned_data.items() if k in TITLE_FIELDS}
        return catalogue_services.title_update(self.object, actor=self.request.user, **data)


class TitleIndexView(FoldedIndexView):
    search_text = staticmethod(lambda title: f"{title.code} {title.name} {title.short_name}")
    row_actions = staticmethod(
        lambda user, title: [
            (
                _("Tiêu chuẩn và các phiên bản"),
                reverse("awards:title_rules", args=[title.pk]),
                "list-ul",
            )
        ]
    )


class TitleViewSet(ScopedModelViewSet):
    model = Title
    index_view_class = TitleIndexView
    edit_view_class = TitleEditView
    add_view_enabled = False
    delete_view_enabled = False
    icon = "pick"
    menu_label = _("Danh mục danh hiệu")
    url_prefix = "awards/titles"
    name = "awards_title"
    search_fields = ["name"]
    form_fields = sorted(TITLE_FIELDS)
    list_display = [
        "name",
        "short_name",
        "kind",
        "applies_to",
        "authority",
        "legal_basis",
        "money_coefficient",
    ]
    list_filter = ["kind", "applies_to", "level"]
    list_export = [
        "code",
        "name",
        "kind",
        "applies_to",
        "level",
        "authority",
        "legal_basis",
        "money_coefficient",
        "certificate_kind",
        "needs_secret_ballot",
        "ballot_threshold_percent",
        "ballot_basis",
        "valid_from",
        "valid_to",
    ]
    export_filename = "danh-muc-danh-hieu"
    inspect_view_fields = ["code", *sorted(TITLE_FIELDS)]


def _everything(model: type) -> Any:
    def scoped(user: Any) -> Any:
        return (
            model.objects.all()
            if perms.can_view_catalogue(user_scope(user))
            else (model.objects.none())
        )

    return scoped


class SettingsPolicy(ScopedPermissionPolicy):
    """Holidays, quotas, deadlines: read by everyone with a role, written by the province."""

    def can(self, user: Any, action: str) -> bool:
        scope = user_scope(user)
        return perms.can_edit_catalogue(scope) or (
            action == "view" and perms.can_view_catalogue(scope)
        )

    def instances_for(self, user: Any, action: str, queryset: Any) -> Any:
        return queryset if self.can(user, action) else queryset.none()


class HolidayPolicy(SettingsPolicy):
    scoped_queryset = staticmethod(_everything(PublicHoliday))


class QuotaPolicy(SettingsPolicy):
    scoped_queryset = staticmethod(_everything(Quota))


class DeadlinePolicy(SettingsPolicy):
    scoped_queryset = staticmethod(_everything(StepDeadline))


class HolidayCreateView(ScopedCreateView):
    def save_instance(self) -> PublicHoliday:
        data = self.form.cleaned_data
        return catalogue_services.holiday_add(
            actor=self.request.user, date=data["date"], name=data["name"]
        )


class HolidayEditView(ScopedEditView):
    save_instance = HolidayCreateView.save_instance


class QuotaCreateView(ScopedCreateView):
    def save_instance(self) -> Quota:
        return catalogue_services.quota_set(actor=self.request.user, **self.form.cleaned_data)


class QuotaEditView(ScopedEditView):
    save_instance = QuotaCreateView.save_instance


class DeadlineEditView(ScopedEditView):
    def save_instance(self) -> StepDeadline:
        return catalogue_services.deadline_set(actor=self.request.user, **self.form.cleaned_data)


class DeadlineCreateView(ScopedCreateView):
    save_instance = DeadlineEditView.save_instance


class HolidayIndexView(FoldedIndexView):
    search_text = staticmethod(lambda holiday: holiday.name)


class QuotaIndexView(FoldedIndexView):
    search_text = staticmethod(lambda quota: quota.legal_basis)


class DeadlineIndexView(FoldedIndexView):
    search_text = staticmethod(
        lambda deadline: f"{deadline.get_status_display()} {deadline.get_procedure_display()}"
    )


class HolidayViewSet(ScopedModelViewSet):
    model = PublicHoliday
    index_view_class = HolidayIndexView
    add_view_class = HolidayCreateView
    edit_view_class = HolidayEditView
    delete_view_enabled = False
    inspect_view_enabled = False
    icon = "date"
    menu_label = _("Ngày nghỉ lễ")
    url_prefix = "awards/holidays"
    name = "awards_holiday"
    form_fields = ["date", "name"]
    list_display = [DayColumn("date", label=_("Ngày")), "name"]
    list_export = ["date", "name"]
    export_filename = "ngay-nghi-le"
    search_fields = ["name"]
    list_per_page = 100


class QuotaViewSet(ScopedModelViewSet):
    model = Quota
    index_view_class = QuotaIndexView
    add_view_class = QuotaCreateView
    edit_view_class = QuotaEditView
    delete_view_enabled = False
    inspect_view_enabled = False
    icon = "tasks"
    menu_label = _("Chỉ tiêu khen thưởng")
    url_prefix = "awards/quotas"
    name = "awards_quota"
    form_fields = [
        "issuer",
        "title",
        "year",
        "max_count",
        "max_percent",
        "percent_of",
        "legal_basis",
    ]
    list_display = ["title", "year", "issuer", "max_count", "max_percent", "percent_of"]
    list_export = [
        "title",
        "year",
        "issuer",
        "max_count",
        "max_percent",
        "percent_of",
        "legal_basis",
    ]
    export_filename = "chi-tieu-khen-thuong"
    list_filter = ["year", "title"]
    search_fields = ["legal_basis"]


class DeadlineViewSet(ScopedModelViewSet):
    model = StepDeadline
    index_view_class = DeadlineIndexView
    add_view_class = DeadlineCreateView
    edit_view_class = DeadlineEditView
    delete_view_enabled = False
    inspect_view_enabled = False
    icon = "time"
    menu_label = _("Thời hạn xử lý hồ sơ")
    url_prefix = "awards/deadlines"
    name = "awards_deadline"
    form_fields = ["procedure", "status", "working_days"]
    list_display = ["status", "procedure", "working_days"]
    list_export = ["status", "procedure", "working_days"]
    export_filename = "thoi-han-xu-ly-ho-so"
    search_fields = ["status"]


class AwardsViewSetGroup(ViewSetGroup):
    menu_label = _("Khen thưởng")
    menu_icon = "pick"
    menu_order = 400
    items = (ProposalViewSet, TitleViewSet, QuotaViewSet, HolidayViewSet, DeadlineViewSet)
