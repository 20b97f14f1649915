"""Registering a document from a confirmed upload, and its relations to other documents."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from thidua.core import audit
from thidua.core.storage import private_storage
from thidua.documents.library import _check_dates, _require_manager, _user
from thidua.documents.models import Document, DocumentRelation, OutgoingNumber
from thidua.documents.queries import documents_visible_to
from thidua.documents.registering import Pending, stored_name
from thidua.org.models import Agency
from thidua.org.services.common import ensure_writable

audit.register_actions(
    {
        "thidua.document_register": (N_("Đăng ký văn bản"), N_("Đã đăng ký văn bản")),
        "thidua.document_relations": (
            N_("Cập nhật quan hệ văn bản"),
            N_("Đã cập nhật căn cứ, văn bản thay thế, sửa đổi"),
        ),
    }
)

REGISTER_FIELDS = (
    "direction",
    "doc_type",
    "number_symbol",
    "issuer",
    "date",
    "effective_date",
    "summary",
    "published",
)
_SPLIT = re.compile(r"[;\n]+")


def parse_references(text: str) -> list[str]:
    """ "93/KH-UBND; 1102/KH-UBND" (or one per line) -> the numbers, spaces removed."""
    seen: list[str] = []
    for part in _SPLIT.split(text or ""):
        value = re.sub(r"\s+", "", part).rstrip(".,")
        if value and value not in seen:
            seen.append(value[:255])
    return seen


@transaction.atomic
def document_register(
    *,
    actor: Any,
    agency: Agency,
    pending: Pending,
    relations: dict[str, Iterable[str]] | None = None,
    outgoing_number: OutgoingNumber | None = None,
    **fields: Any,
) -> Document:
    """Save a confirmed registration: the fields the user checked, the file kept aside at
    upload, its extracted full text (searched without diacritics) and its relations."""
    _require_manager(actor, agency)
    ensure_writable(agency)
    if pending.agency_id != agency.pk:
        raise ValidationError(
            _("Tệp này được tải lên cho một cơ quan khác; hãy tải văn bản lên lại.")
        )
    if not pending.exists():
        raise ValidationError(
            _("Tệp tải lên đã hết hạn lưu tạm (sau một ngày); hãy tải văn bản lên lại.")
        )
    unknown = set(fields) - set(REGISTER_FIELDS)
    if unknown:
        raise TypeError(f"Unexpected fields: {sorted(unknown)}")
    if outgoing_number is not None and not agency.path.startswith(outgoing_number.agency.path):
        raise ValidationError(
            {"outgoing_number": _("Số này thuộc sổ văn bản đi của cơ quan khác.")}
        )
    document = Document(
        agency=agency,
        created_by=_user(actor),
        full_text=pending.read_text(),
        outgoing_number=outgoing_number,
        **fields,
    )
    if document.published:
        document.published_at = timezone.now()
    _check_dates(document)
    document.full_clean(exclude=["file", "agency", "created_by", "outgoing_number"])
    storage = private_storage()
    with storage.open(pending.file_path, "rb") as handle:
        document.file.save(stored_name(pending, document.number_symbol), File(handle), save=False)
    document.save()
    _relations_write(document, relations or {}, actor=actor)
    audit.record(document, "thidua.document_register", actor=actor, note=document.number_symbol)
    transaction.on_commit(pending.discard)
    return document


@transaction.atomic
def document_relations_set(
    document: Document, *, relations: dict[str, Iterable[str]], actor: Any
) -> Document:
    """Replace the document's relations (căn cứ, thay thế, sửa đổi) by the given numbers."""
    document = Document.objects.select_for_update().select_related("agency").get(pk=document.pk)
    _require_manager(actor, document.agency)
    before = sorted(document.relations.values_list("kind", "reference"))
    document.relations.all().delete()
    _relations_write(document, relations, actor=actor)
    after = sorted(document.relations.values_list("kind", "reference"))
    if before != after:
        audit.record(
            document,
            "thidua.document_relations",
            actor=actor,
            changes={"relations": [before, after]},
        )
    return document


def _relations_write(
    document: Document, relations: dict[str, Iterable[str]], *, actor: Any
) -> None:
    """One row per (kind, number); a number found among the documents the actor may see links
    to that document, otherwise the number is kept as text (a law, a central decree)."""
    kinds = {str(k) for k in DocumentRelation.Kind.values}
    wanted: list[tuple[str, str]] = []
    for kind, references in relations.items():
        if kind not in kinds:
            raise ValidationError(_("Quan hệ văn bản không hợp lệ: %(kind)s.") % {"kind": kind})
        wanted += [(kind, ref) for ref in references]
    if any(ref.replace(" ", "") == document.number_symbol.replace(" ", "") for _k, ref in wanted):
        raise ValidationError(
            _("Văn bản không thể làm căn cứ, thay thế hay sửa đổi chính nó; hãy bỏ số %(n)s.")
            % {"n": document.number_symbol}
        )
    numbers = {ref for _kind, ref in wanted}
    found: dict[str, Document] = {}
    if numbers:
        for target in (
            documents_visible_to(actor)
            .filter(number_symbol__in=numbers)
            .exclude(pk=document.pk)
            .order_by("-date", "-pk")
        ):
            found.setdefault(target.number_symbol, target)
    DocumentRelation.objects.bulk_create(
        [
            DocumentRelation(source=document, kind=kind, reference=ref, target=found.get(ref))
            for kind, ref in wanted
        ]
    )
