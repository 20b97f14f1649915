from __future__ import annotations

import importlib

import pytest

from tests.awards.factories import make_person


@pytest.fixture
def nominee_a(division_a):
    """A staff member of division A1 (no account)."""
    return make_person(division_a, "Huỳnh Văn Phúc")


@pytest.fixture
def nominee_b(division_b):
    return make_person(division_b, "Trương Thị Kim Yến")


@pytest.fixture
def catalogue(db):
    """The catalogue rows of the data migration, for transactional tests (a transactional test
    before them may have flushed the tables)."""
    from django.apps import apps

    from thidua.awards.models import Title

    if not Title.objects.exists():
        importlib.import_module("thidua.awards.migrations.0002_catalogue").load(apps, None)
