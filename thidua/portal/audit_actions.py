"""Audit actions of the portal (labels for history pages)."""

from django.utils.translation import gettext_noop as N_

from thidua.core import audit

audit.register_actions(
    {
        "thidua.page_unpublish_reason": (
            N_("Lý do gỡ tin bài"),
            N_("Đã gỡ tin bài khỏi cổng, với lý do"),
        ),
        "thidua.document_create": (N_("Thêm văn bản"), N_("Đã thêm văn bản vào thư viện")),
        "thidua.document_update": (N_("Sửa văn bản"), N_("Đã sửa văn bản trong thư viện")),
    }
)
