import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tests.concurrency import require_postgresql, run_in_processes
from thidua.documents.models import OutgoingNumber
from thidua.documents.services import number_cancel, number_reserve
from thidua.org.models import Agency

D = dt.date(2026, 3, 15)


def test_numbers_follow_per_agency_type_and_year(agency_a, agency_b, office_a):
    first = number_reserve(agency=agency_a, type_abbr="KH", date=D, actor=office_a)
    second = number_reserve(agency=agency_a, type_abbr="KH", date=D, actor=office_a)
    other_type = number_reserve(agency=agency_a, type_abbr="QĐ", date=D, actor=office_a)
    other_agency = number_reserve(agency=agency_b, type_abbr="KH", date=D, actor=office_a)
    next_year = number_reserve(
        agency=agency_a, type_abbr="KH", date=dt.date(2027, 1, 1), actor=office_a
    )

    assert (first.number, second.number, other_type.number) == (1, 2, 1)
    assert other_agency.number == 1 and next_year.number == 1
    assert first.symbol == f"01/KH-{agency_a.symbol or agency_a.code.upper()}"


def test_cancelled_number_is_kept_and_never_reused(agency_a, office_a):
    first = number_reserve(agency=agency_a, type_abbr="KH", date=D, actor=office_a)
    with pytest.raises(ValidationError):
        number_cancel(first, reason="  ", actor=office_a)
    number_cancel(first, reason="Sai trích yếu", actor=office_a)

    again = number_reserve(agency=agency_a, type_abbr="KH", date=D, actor=office_a)

    assert again.number == 2
    assert OutgoingNumber.objects.get(pk=first.pk).status == OutgoingNumber.Status.CANCELLED


def test_merged_agency_numbers_from_its_successor(agency_a, agency_b, office_a):
    # Given B issued a plan before the merger
    before = number_reserve(
        agency=agency_b, type_abbr="KH", date=dt.date(2026, 1, 20), actor=office_a
    )
    number_reserve(agency=agency_a, type_abbr="KH", date=dt.date(2026, 1, 25), actor=office_a)
    # When B is merged into A on 31/01
    Agency.objects.filter(pk=agency_b.pk).update(valid_to=dt.date(2026, 1, 31), successor=agency_a)
    agency_b.refresh_from_db()

    # Then a number asked for B after that day is A's next number, with A's symbol
    entry = number_reserve(agency=agency_b, type_abbr="KH", date=D, actor=office_a)

    assert entry.agency == agency_a
    assert entry.symbol == "02/KH-SKHCN"
    # and B's old number keeps B's symbol forever
    before.refresh_from_db()
    assert before.symbol == "01/KH-SNV" and before.agency == agency_b


def _reserve(agency_id: int) -> int:
    agency = Agency.objects.get(pk=agency_id)
    return number_reserve(agency=agency, type_abbr="KH", date=D, actor=None).number


def test_concurrent_requests_never_share_a_number(transactional_db, agency_a):
    require_postgresql()
    numbers = run_in_processes(_reserve, *[(agency_a.pk,)] * 6)
    assert sorted(numbers) == [1, 2, 3, 4, 5, 6]


def _reserve_many(agency_id: int, count: int, cancel_every: int) -> list[int]:
    """Take ``count`` numbers one request after the other; cancel every ``cancel_every``-th."""
    agency = Agency.objects.get(pk=agency_id)
    taken = []
    for i in range(count):
        entry = number_reserve(agency=agency, type_abbr="QĐ", date=D, summary=f"Số {i}", actor=None)
        if i % cancel_every == cancel_every - 1:
            number_cancel(entry, reason="Không ban hành", actor=None)
        taken.append(entry.number)
    return taken


def test_two_processes_take_200_numbers_without_duplicates_or_gaps(transactional_db, agency_a):
    """The register under load: two processes (two web workers) take 100 numbers each at once.
    Every number from 01 to 200 is given exactly once; the only numbers missing from the
    register of issued documents are the cancelled ones, which stay with their reason."""
    require_postgresql()

    per_process = run_in_processes(_reserve_many, (agency_a.pk, 100, 7), (agency_a.pk, 100, 9))

    given = [n for numbers in per_process for n in numbers]
    assert len(given) == len(set(given)) == 200
    assert sorted(given) == list(range(1, 201))
    rows = OutgoingNumber.objects.filter(agency=agency_a, type_abbr="QĐ", year=D.year)
    assert sorted(rows.values_list("number", flat=True)) == list(range(1, 201))
    issued = set(
        rows.filter(status=OutgoingNumber.Status.RESERVED).values_list("number", flat=True)
    )
    cancelled = set(
        rows.filter(status=OutgoingNumber.Status.CANCELLED).values_list("number", flat=True)
    )
    assert len(cancelled) == 100 // 7 + 100 // 9
    assert issued | cancelled == set(range(1, 201)) and not issued & cancelled
    assert all(rows.filter(status="cancelled").values_list("cancel_reason", flat=True))
