"""A plan → ``admindoc.AdminDocument`` → .docx laid out per Decree 30 (admindoc.render)."""

from __future__ import annotations

from typing import Any

from thidua.admindoc.model import AdminDocument, Assignment, Basis, Phase, Section, Signer
from thidua.admindoc.render import render
from thidua.core.i18n import in_official_language
from thidua.core.text import slugify_vi
from thidua.plans.models import Plan

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]


@in_official_language
def plan_document(plan: Plan) -> AdminDocument:
    sections: list[Section] = []

    def add(title: str, body: str = "", children: list[Section] | None = None) -> None:
        sections.append(Section(ROMAN[len(sections)], title, body, children or []))

    if plan.purposes:
        add("MỤC ĐÍCH, YÊU CẦU", plan.purposes)
    items = [
        Section(str(i), c.title, c.body if c.body != c.title else "")
        for i, c in enumerate(plan.content_items.all(), start=1)
    ]
    channels = [
        Section("-", c.get_channel_display() + (f": {c.note}" if c.note else ""))
        for c in plan.channels.all()
    ]
    if items or channels:
        children = []
        if items:
            children.append(Section("1", "Nội dung tuyên truyền", "", items))
        if channels:
            children.append(Section(str(len(children) + 1), "Hình thức tuyên truyền", "", channels))
        add("NỘI DUNG, HÌNH THỨC TUYÊN TRUYỀN", children=children)
    phases = list(plan.phases.all())
    if phases:
        add(
            "THỜI GIAN THỰC HIỆN",
            children=[
                Section(
                    "-",
                    f"{p.name}: từ ngày {p.start:%d/%m/%Y} đến ngày {p.end:%d/%m/%Y}",
                    p.content,
                )
                for p in phases
            ],
        )
    assignments = list(plan.assignments.select_related("agency"))
    if assignments:
        add(
            "TỔ CHỨC THỰC HIỆN",
            children=[
                Section(str(i), _assignee(a), a.duties) for i, a in enumerate(assignments, start=1)
            ],
        )
    positions = [p.strip() for p in plan.signer_positions.split("/") if p.strip()]
    return AdminDocument(
        parent_body=plan.parent_body or None,
        issuer=plan.issuer_name or plan.agency.name.upper(),
        number=plan.number_symbol or None,
        type_abbr="KH",
        type_name="Kế hoạch",
        place=plan.place or None,
        date=plan.issued_on,
        title=plan.title,
        bases=[Basis(text=b.text, number=b.number or None, date=b.date) for b in plan.bases.all()],
        sections=sections,
        phases=[Phase(p.name, p.start, p.end, p.content) for p in phases],
        assignments=[
            Assignment(a.agency.name if a.agency_id else a.unit_text, a.role, a.duties)  # type: ignore[arg-type]
            for a in assignments
        ],
        recipients=[r.text for r in plan.recipients.all()],
        signer=Signer(
            authority=plan.signer_authority or None,  # type: ignore[arg-type]
            positions=positions,
            name=plan.signer_name or None,
        )
        if positions or plan.signer_name
        else None,
    )


def _assignee(a: Any) -> str:
    who = a.agency.name if a.agency_id else a.unit_text
    return f"{who} ({a.get_role_display().lower()})"


def plan_docx(plan: Plan) -> tuple[bytes, str]:
    """The .docx bytes and a file name such as "ke-hoach-05-kh-skhcn.docx"."""
    name = slugify_vi(f"ke hoach {plan.number_symbol or plan.title}", 60) or "ke-hoach"
    return render(plan_document(plan)), f"{name}.docx"
