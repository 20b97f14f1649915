from thidua.org.models.agency import Agency
from thidua.org.models.bloc import Bloc, BlocMembership, BlocTerm
from thidua.org.models.imports import ImportJob
from thidua.org.models.person import Employment, Gender, Person
from thidua.org.models.role import Role, RoleAssignment

__all__ = [
    "Agency",
    "Bloc",
    "BlocMembership",
    "BlocTerm",
    "Employment",
    "Gender",
    "ImportJob",
    "Person",
    "Role",
    "RoleAssignment",
]
