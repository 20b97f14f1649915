from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "thidua.org"
    label = "org"
    verbose_name = _("Tổ chức và nhân sự")

    def ready(self) -> None:
        from wagtail.permissions import register_permission_policy

        from thidua.org import viewsets as v
        from thidua.org.models import Agency, Bloc, BlocMembership, BlocTerm, Person, RoleAssignment

        for model, policy in (
            (Agency, v.AgencyPolicy),
            (Person, v.PersonPolicy),
            (RoleAssignment, v.RolePolicy),
            (Bloc, v.BlocPolicy),
            (BlocMembership, v.BlocMembershipPolicy),
            (BlocTerm, v.BlocTermPolicy),
        ):
            register_permission_policy(model, policy(model))
