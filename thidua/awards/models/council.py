"""Councils (Hội đồng Thi đua – Khen thưởng, or a bloc voting its leader), their sessions, agenda
items and secret ballots (DOMAIN.md, "Dossier, publicity, council, decision").

Secrecy by construction: :class:`Participation` records *that* a member voted on an item and
:class:`Ballot` records a choice; the two share nothing but the item. Both have random UUID keys,
neither has a timestamp or an author, and when the chair closes the vote the ballots of each
item are deleted and written again in a random order (so neither insertion order, row ids nor
the database's transaction stamps tie a ballot to the participation written with it).
``Ballot`` has no default permissions and no admin: the counts exist only on the closed item.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.awards.models.catalogue import BallotBasis
from thidua.core.storage import private_storage


class CouncilKind(models.TextChoices):
    COUNCIL = "council", _("Hội đồng Thi đua – Khen thưởng")
    BLOC = "bloc", _("Khối thi đua (bầu khối trưởng)")


class Council(models.Model):
    """A council for a term: an agency's HĐTĐKT, or a bloc's members voting its leader."""

    agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("cơ quan"),
        on_delete=models.PROTECT,
        related_name="councils",
    )
    kind = models.CharField(
        _("loại"), max_length=10, choices=CouncilKind.choices, default=CouncilKind.COUNCIL
    )
    bloc = models.ForeignKey(
        "org.Bloc",
        verbose_name=_("khối thi đua"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("tên"), max_length=255)
    term_start = models.DateField(_("nhiệm kỳ từ"))
    term_end = models.DateField(_("nhiệm kỳ đến"), null=True, blank=True)
    quorum_percent = models.PositiveSmallIntegerField(
        _("số thành viên có mặt tối thiểu để họp (%)"),
        default=50,
        help_text=_("Tỷ lệ trên tổng số thành viên có quyền biểu quyết."),
    )
    threshold_percent = models.PositiveSmallIntegerField(
        _("tỷ lệ đồng ý tối thiểu cho nội dung không thuộc danh mục (%)"),
        default=50,
        help_text=_("Dùng cho bầu khối trưởng và các nội dung không gắn với danh hiệu."),
    )
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("hội đồng")
        verbose_name_plural = _("hội đồng")
        ordering = ["-term_start", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        from thidua.core.text import fold

        self.search_text = fold(self.name)
        super().save(*args, **kwargs)


class MemberPosition(models.TextChoices):
    CHAIR = "chair", _("Chủ tịch Hội đồng")
    VICE_CHAIR = "vice_chair", _("Phó Chủ tịch Hội đồng")
    MEMBER = "member", _("Ủy viên")
    SECRETARY = "secretary", _("Thư ký (không biểu quyết)")


VOTING_POSITIONS = (MemberPosition.CHAIR, MemberPosition.VICE_CHAIR, MemberPosition.MEMBER)


class CouncilMember(models.Model):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        on_delete=models.PROTECT,
        related_name="council_seats",
    )
    position = models.CharField(
        _("chức danh trong Hội đồng"),
        max_length=12,
        choices=MemberPosition.choices,
        default=MemberPosition.MEMBER,
    )
    display_name = models.CharField(_("họ và tên"), max_length=150)
    job_title = models.CharField(_("chức vụ"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("thành viên hội đồng")
        verbose_name_plural = _("thành viên hội đồng")
        ordering = ["council", "position", "display_name"]
        constraints = [
            models.UniqueConstraint(fields=["council", "user"], name="awards_council_member_once"),
            models.UniqueConstraint(
                fields=["council"],
                condition=models.Q(position="chair"),
                name="awards_council_one_chair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.get_position_display()})"

    @property
    def votes(self) -> bool:
        return self.position in VOTING_POSITIONS


class SessionStatus(models.TextChoices):
    DRAFT = "draft", _("Đang chuẩn bị")
    VOTING = "voting", _("Đang bỏ phiếu")
    CLOSED = "closed", _("Đã kết thúc bỏ phiếu")


class BallotMode(models.TextChoices):
    ELECTRONIC = "electronic", _("Phiếu điện tử")
    PAPER = "paper", _("Phiếu giấy (thư ký nhập kết quả kiểm phiếu)")


def _minutes_path(instance: Session, filename: str) -> str:
    return f"awards/sessions/{instance.pk}/{filename}"


class Session(models.Model):
    """One meeting of a council with its agenda; the vote opens and closes for all items."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="sessions")
    name = models.CharField(_("tên phiên họp"), max_length=255)
    year = models.PositiveSmallIntegerField(_("năm xét"))
    date = models.DateField(_("ngày họp"))
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    mode = models.CharField(
        _("hình thức bỏ phiếu"),
        max_length=12,
        choices=BallotMode.choices,
        default=BallotMode.ELECTRONIC,
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=SessionStatus.choices,
        default=SessionStatus.DRAFT,
        db_index=True,
    )
    opened_at = models.DateTimeField(_("mở bỏ phiếu lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("kết thúc bỏ phiếu lúc"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    minutes_number = models.ForeignKey(
        "documents.OutgoingNumber",
        verbose_name=_("số biên bản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    minutes_file = models.FileField(
        _("biên bản"), upload_to=_minutes_path, storage=private_storage, blank=True
    )
    search_text = models.TextField(editable=False, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("phiên họp hội đồng")
        verbose_name_plural = _("phiên họp hội đồng")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        from thidua.core.text import fold

        self.search_text = fold(self.name)
        super().save(*args, **kwargs)


class Attendance(models.Model):
    """Whether a member is present, marked by the secretary before the vote opens."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField(_("có mặt"), default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "member"], name="awards_attendance_once"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id}: {self.present}"


class ItemKind(models.TextChoices):
    PROPOSAL = "proposal", _("Hồ sơ đề nghị khen thưởng")
    BLOC_LEADER = "bloc_leader", _("Bầu khối trưởng")


class Outcome(models.TextChoices):
    PENDING = "pending", _("Chưa có kết quả")
    PASSED = "passed", _("Đạt")
    FAILED = "failed", _("Không đạt")
    NOT_QUORATE = "not_quorate", _("Không đủ số thành viên có mặt")


class AgendaItem(models.Model):
    """One question put to the vote. The rule (quorum, threshold, basis) is copied from the
    catalogue when the vote opens, so a later catalogue edit never changes a past result."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    kind = models.CharField(_("loại"), max_length=12, choices=ItemKind.choices)
    proposal = models.ForeignKey(
        "awards.Proposal",
        verbose_name=_("hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agenda_items",
    )
    title = models.ForeignKey(
        "awards.Title", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    nominee_person = models.ForeignKey(
        "org.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    nominee_agency = models.ForeignKey(
        "org.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    label = models.CharField(_("nội dung biểu quyết"), max_length=500)
    quorum_percent = models.PositiveSmallIntegerField(null=True, blank=True)
    threshold_percent = models.PositiveSmallIntegerField(null=True, blank=True)
    basis = models.CharField(max_length=12, choices=BallotBasis.choices, blank=True)
    outcome = models.CharField(
        _("kết quả"), max_length=12, choices=Outcome.choices, default=Outcome.PENDING
    )
    approve_count = models.PositiveSmallIntegerField(null=True, blank=True)
    reject_count = models.PositiveSmallIntegerField(null=True, blank=True)
    blank_count = models.PositiveSmallIntegerField(null=True, blank=True)
    base_count = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("nội dung biểu quyết")
        verbose_name_plural = _("nội dung biểu quyết")
        ordering = ["session", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "proposal"],
                condition=models.Q(proposal__isnull=False),
                name="awards_item_proposal_once",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def nominee_name(self) -> str:
        nominee = self.nominee_person or self.nominee_agency
        return getattr(nominee, "full_name", None) or getattr(nominee, "name", "")

    @property
    def approve_percent(self) -> float | None:
        if self.approve_count is None or not self.base_count:
            return None
        return round(self.approve_count * 100 / self.base_count, 1)


class Recusal(models.Model):
    """A member who may not vote on an item (the nominee, or the nominee's direct superior)."""

    class Reason(models.TextChoices):
        NOMINEE = "nominee", _("Là người được đề nghị")
        SUPERIOR = "superior", _("Là thủ trưởng trực tiếp của người (tập thể) được đề nghị")

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="recusals")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("lý do"), max_length=10, choices=Reason.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "member"], name="awards_recusal_once"),
        ]

    def __str__(self) -> str:
        return self.get_reason_display()


class Participation(models.Model):
    """That a member voted on an item: nothing more (no time, no choice, no ballot key)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="participations")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")

    class Meta:
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(fields=["item", "member"], name="awards_vote_once"),
        ]

    def __str__(self) -> str:
        return str(_("Đã bỏ phiếu"))


class Choice(models.TextChoices):
    APPROVE = "approve", _("Đồng ý")
    REJECT = "reject", _("Không đồng ý")
    BLANK = "blank", _("Không biểu quyết")


class Ballot(models.Model):
    """A secret ballot: an item and a choice. No voter, no time, no order."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="+")
    choice = models.CharField(max_length=8, choices=Choice.choices)

    class Meta:
        default_permissions = ()

    def __str__(self) -> str:
        return str(_("Phiếu kín"))


class PaperTally(models.Model):
    """The count of paper ballots for an item, entered by the secretary after counting."""

    item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="paper_tally")
    approve = models.PositiveSmallIntegerField(_("phiếu đồng ý"))
    reject = models.PositiveSmallIntegerField(_("phiếu không đồng ý"))
    blank = models.PositiveSmallIntegerField(_("phiếu trống, không hợp lệ"), default=0)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        default_permissions = ()

    def __str__(self) -> str:
        return str(_("Kết quả kiểm phiếu giấy"))
