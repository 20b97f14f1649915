"""Every write of the org app. One transaction each, permission checked, audit recorded inside."""

from thidua.org.services.accounts import account_create, suggest_username
from thidua.org.services.agencies import agency_create, agency_merge, agency_update
from thidua.org.services.blocs import bloc_create, bloc_set_member, bloc_set_term, bloc_update
from thidua.org.services.imports import (
    import_apply,
    import_confirm,
    import_fail,
    import_start,
    import_validate,
)
from thidua.org.services.people import person_create, person_transfer, person_update
from thidua.org.services.roles import role_grant, role_revoke

__all__ = [
    "account_create",
    "agency_create",
    "agency_merge",
    "agency_update",
    "bloc_create",
    "bloc_set_member",
    "bloc_set_term",
    "bloc_update",
    "import_apply",
    "import_confirm",
    "import_fail",
    "import_start",
    "import_validate",
    "person_create",
    "person_transfer",
    "person_update",
    "role_grant",
    "role_revoke",
    "suggest_username",
]
