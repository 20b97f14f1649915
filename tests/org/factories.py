"""Factories for org models. Fixtures build the world directly; behaviour under test goes
through the services."""

from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth import get_user_model

from thidua.org.models import Agency, Person, RoleAssignment


def make_agency(parent: Agency | None = None, **fields) -> Agency:
    """An agency with its tree path set, as agency_create would."""
    n = Agency.objects.count() + 1
    defaults = {"code": f"AG{n:04d}", "name": f"Cơ quan {n}", "kind": Agency.Kind.DEPARTMENT}
    agency = Agency.objects.create(parent=parent, **{**defaults, **fields})
    agency.path = f"{parent.path if parent else '/'}{agency.pk}/"
    agency.depth = parent.depth + 1 if parent else 0
    agency.save(update_fields=["path", "depth"])
    return agency


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.vn")
    password = factory.django.Password("Mat-khau-thu-nghiem-2026")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    gender = "male"
    date_of_birth = dt.date(1985, 5, 17)
    position = "Chuyên viên"


def make_member(username: str, agency: Agency, role: str | None, full_name: str) -> object:
    """A user with a person record at ``agency`` and, if given, a role there."""
    user = UserFactory(username=username)
    PersonFactory(full_name=full_name, agency=agency, user=user)
    if role:
        RoleAssignment.objects.create(user=user, agency=agency, role=role)
    return user
