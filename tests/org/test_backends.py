"""The account backend reads what every logged-in page needs in as few statements as Django's own
backend would in more, and gives the same answers."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission

from thidua.org.backends import AccountBackend
from thidua.org.models import Person
from thidua.org.queries import user_scope

pytestmark = pytest.mark.django_db


def test_own_and_group_permissions_come_in_one_statement(office_a, django_assert_num_queries):
    # Given a user with a permission of their own and one through a group
    office_a.user_permissions.add(Permission.objects.get(codename="view_group"))
    group = Group.objects.create(name="Biên tập thử")
    group.permissions.add(Permission.objects.get(codename="change_user"))
    office_a.groups.add(group)
    user = AccountBackend().get_user(office_a.pk)
    # When its permissions are read, then it is one statement, with Django's own answer
    with django_assert_num_queries(1):
        perms = AccountBackend().get_all_permissions(user)
    assert {"auth.view_group", "auth.change_user"} <= perms
    assert perms == ModelBackend().get_all_permissions(type(office_a).objects.get(pk=office_a.pk))
    with django_assert_num_queries(0):
        assert user.has_perm("auth.change_user")


def test_the_person_comes_with_the_user(office_a, django_assert_num_queries):
    user = AccountBackend().get_user(office_a.pk)
    with django_assert_num_queries(1):  # the roles only
        scope = user_scope(user)
    assert scope.person_id == Person.objects.get(user=office_a).pk


def test_a_user_without_a_person_record_has_none(province, django_assert_num_queries):
    from tests.org.factories import UserFactory

    user = AccountBackend().get_user(UserFactory(username="khong.ho.so").pk)
    with django_assert_num_queries(1):
        assert user_scope(user).person_id is None


def test_an_inactive_user_is_not_let_in(office_a):
    office_a.is_active = False
    office_a.save()
    assert AccountBackend().get_user(office_a.pk) is None
