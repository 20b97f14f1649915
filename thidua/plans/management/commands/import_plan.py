"""manage.py import_plan FILE --agency CODE [--issue] [--as USERNAME]

Reads a plan document (.docx, .pdf, image, .txt) with admindoc and creates the plan (a draft,
or issued with --issue) for the agency, through the same services as the review screen. Unit
names that match no agency are assigned to "all units" and listed, for the Office to correct.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from thidua.org.models import Agency, RoleAssignment
from thidua.org.models.role import Role
from thidua.plans import services
from thidua.plans.importing.draft import build_draft, read_upload


class Command(BaseCommand):
    help = "Nhập một kế hoạch từ tệp văn bản (.docx, .pdf, ảnh, .txt) cho một cơ quan."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="tệp văn bản kế hoạch")
        parser.add_argument("--agency", required=True, help="mã cơ quan ban hành (ví dụ AG.SKHCN)")
        parser.add_argument("--issue", action="store_true", help="ban hành và giao nhiệm vụ ngay")
        parser.add_argument(
            "--as",
            dest="username",
            help="tài khoản thực hiện (mặc định: quản trị cấp tỉnh đầu tiên)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {path}.")
        agency = Agency.objects.filter(code=options["agency"]).first()
        if agency is None:
            raise CommandError(f"Không có cơ quan mã {options['agency']}.")
        actor = self._actor(options.get("username"))
        try:
            doc, text, fmt = read_upload(path.read_bytes(), path.name)
            draft = build_draft(
                doc, agency=agency, source_text=text, source_name=path.name, source_format=fmt
            )
            unmatched = [
                r["unit_text"]
                for r in draft["assignments"]
                if not (r["agency_id"] or r["all_units"])
            ]
            for row in draft["assignments"]:
                if not (row["agency_id"] or row["all_units"]):
                    row["all_units"] = True
            plan = services.plan_create(draft=draft, agency=agency, actor=actor)
            if options["issue"]:
                plan = services.plan_issue(plan, actor=actor)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        for warning in draft["warnings"]:
            self.stderr.write(f"Cảnh báo: {warning}")
        for unit in unmatched:
            self.stderr.write(f"Chưa khớp đơn vị “{unit}”: đã giao cho tất cả các phòng, đơn vị.")
        self.stdout.write(
            f"Đã tạo kế hoạch #{plan.pk} “{plan.title}” ({plan.get_status_display()}): "
            f"{plan.phases.count()} đợt, {plan.assignments.count()} phân công, "
            f"{plan.tasks.count()} nhiệm vụ."
        )

    def _actor(self, username: str | None) -> Any:
        users = get_user_model().objects
        if username:
            user = users.filter(username=username).first()
            if user is None:
                raise CommandError(f"Không có tài khoản {username}.")
            return user
        role = (
            RoleAssignment.objects.filter(role=Role.PROVINCE_ADMIN).select_related("user").first()
        )
        if role is None:
            raise CommandError("Chưa có quản trị cấp tỉnh; hãy dùng --as TÀI_KHOẢN.")
        return role.user
