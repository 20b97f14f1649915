"""Fixtures the scale tests share with the apps' own tests (one definition each)."""

from tests.awards.council_helpers import world  # noqa: F401
from tests.plans.conftest import import_seed, units_a  # noqa: F401
