"""Giving a staff member an account: the Office onboards its own people."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.text import fold
from thidua.org.models import Person
from thidua.org.models.role import Role
from thidua.org.permissions import can_manage_people_of, can_manage_roles_at
from thidua.org.queries import user_scope
from thidua.org.services.common import ensure_writable, require
from thidua.org.services.roles import role_grant


def suggest_username(full_name: str) -> str:
    """The usual Vietnamese pattern: given name + initials of the others, "Nguyễn Thị Ánh
    Tuyết" → "tuyetnta"; a number is added while the name is taken."""
    words = fold(full_name).replace("-", " ").split()
    if not words:
        return ""
    base = words[-1] + "".join(w[0] for w in words[:-1])
    users = get_user_model().objects
    candidate, n = base, 1
    while users.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{base}{n}"
    return candidate


def _split_name(full_name: str) -> tuple[str, str]:
    """(given name, family and middle names): Vietnamese names end with the given name."""
    family, _sep, given = full_name.rpartition(" ")
    return given, family


@transaction.atomic
def account_create(person: Person, *, actor: Any, username: str, role: str = Role.STAFF) -> Any:
    """Create the person's account with no usable password, link it, grant ``role`` at the
    person's unit, and e-mail a link to set the password once the transaction commits."""
    person = Person.objects.select_for_update().select_related("agency").get(pk=person.pk)
    scope = user_scope(actor)
    require(can_manage_people_of(scope, person.agency.path))
    require(can_manage_roles_at(scope, person.agency.path, role))
    ensure_writable(person.agency)
    if person.user_id is not None:
        raise ValidationError(
            _("%(name)s đã có tài khoản %(username)s.")
            % {"name": person.full_name, "username": person.user.get_username()}
        )
    if not person.email:
        raise ValidationError(
            _(
                "%(name)s chưa có thư điện tử: hãy sửa hồ sơ cán bộ, thêm địa chỉ thư để gửi "
                "đường dẫn đặt mật khẩu."
            )
            % {"name": person.full_name}
        )
    username = username.strip().lower()
    _validate_username(username)
    given, family = _split_name(person.full_name)
    user = get_user_model()(
        username=username, email=person.email, first_name=given, last_name=family
    )
    user.set_unusable_password()
    user.save()
    person.user = user
    person.save(update_fields=["user", "updated_at"])
    audit.record(person, "thidua.update", actor=actor, changes={"user": [None, username]})
    role_grant(actor=actor, user=user, agency=person.agency, role=role)

    def invite() -> None:
        from thidua.org.tasks import send_account_invitation

        send_account_invitation.enqueue(user.pk)

    transaction.on_commit(invite)
    return user


def _validate_username(username: str) -> None:
    if not username:
        raise ValidationError({"username": _("Hãy nhập tên đăng nhập.")})
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError as error:
        raise ValidationError(
            {
                "username": _(
                    "Tên đăng nhập chỉ gồm chữ, số và các ký tự . @ + - _ (không có dấu cách)."
                )
            }
        ) from error
    if get_user_model().objects.filter(username__iexact=username).exists():
        raise ValidationError(
            {"username": _("Tên đăng nhập “%s” đã có người dùng; hãy chọn tên khác.") % username}
        )
