"""Secrecy of the ballot: after a session, every table of the database is dumped and searched for
a way to tie a member to a choice; and a member voting twice at the same instant from two
processes (two browsers) is counted once."""

from __future__ import annotations

import re

import pytest
from django.db import connection

from tests.awards import council_helpers
from tests.awards.council_helpers import open_session, vote
from tests.concurrency import run_in_processes
from thidua.awards.models import Ballot, Participation, Session
from thidua.awards.services import voting

A, R = "approve", "reject"
world = council_helpers.world
postgresql_only = council_helpers.postgresql_only
UUID = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}")


def dump_database() -> dict[str, list[tuple]]:
    """Every row of every table, as the database returns it."""
    tables = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            tables[table] = [tuple(str(v) for v in row) for row in cursor.fetchall()]
    return tables


def columns(table: str) -> list[str]:
    with connection.cursor() as cursor:
        return [c.name for c in connection.introspection.get_table_description(cursor, table)]


def test_no_table_links_a_voter_to_a_choice(world):
    # Given a session where members vote differently
    session = open_session(world, [world.p_thao, world.p_nam])
    cast_ids = set()
    vote(session, world.members[0], A, R)
    cast_ids |= set(Ballot.objects.values_list("pk", flat=True))
    vote(session, world.members[1], R, A)
    vote(session, world.members[2], A, A)
    cast_ids |= set(Ballot.objects.values_list("pk", flat=True))
    voting.session_close(session, actor=world.chair)
    tables = dump_database()
    ballot_table, participation_table = Ballot._meta.db_table, Participation._meta.db_table
    # The ballot holds an item and a choice, nothing else; the participation no choice
    assert sorted(columns(ballot_table)) == ["choice", "id", "item_id"]
    assert sorted(columns(participation_table)) == ["id", "item_id", "member_id"]
    # No other table names a ballot (no key, no reference)...
    ballot_ids = {row[0].replace("-", "") for row in tables[ballot_table]}
    participation_ids = {row[0].replace("-", "") for row in tables[participation_table]}
    for table, rows in tables.items():
        if table == ballot_table:
            continue
        found = {m.replace("-", "") for row in rows for v in row for m in UUID.findall(v)}
        assert not found & ballot_ids, f"{table} refers to a ballot"
    assert not ballot_ids & participation_ids
    # ... and every ballot was rewritten when the vote closed: no id from casting time remains
    assert not {str(i).replace("-", "") for i in cast_ids} & ballot_ids
    # No row outside the ballot table holds a choice word, whatever the column
    for table, rows in tables.items():
        if table in (ballot_table,):
            continue
        for row in rows:
            assert not any(v in ("approve", "reject", "blank") for v in row), (table, row)


def test_the_database_is_the_same_whichever_way_each_member_voted(world):
    # Given two sessions on the same dossier kind where members 1 and 2 swap their choices
    def run(first: str, second: str) -> Session:
        session = open_session(
            world,
            [council_helpers.proposal_at_council("GIAY_KHEN", person=world.nam, unit=world.unit)],
        )
        vote(session, world.members[0], first)
        vote(session, world.members[1], second)
        voting.session_close(session, actor=world.chair)
        return session

    one, two = run(A, R), run(R, A)

    def trace(session: Session) -> list:
        """What the database keeps of the votes of one session, keys left out."""
        parts = sorted(
            Participation.objects.filter(item__session=session).values_list("member_id", flat=True)
        )
        ballots = sorted(
            Ballot.objects.filter(item__session=session).values_list("choice", flat=True)
        )
        from wagtail.models import ModelLogEntry

        entries = sorted(
            (e.action, e.user_id, str(e.data))
            for e in ModelLogEntry.objects.filter(
                object_id=str(session.pk), action="thidua.ballot_cast"
            )
        )
        return [parts, ballots, entries]

    # Then the two traces are identical: nothing stored depends on who chose what
    assert trace(one) == trace(two)


def _cast_twice(session_id: int, user_id: int, item_id: int, choice: str) -> str:
    from django.contrib.auth import get_user_model
    from django.core.exceptions import ValidationError

    user = get_user_model().objects.get(pk=user_id)
    try:
        session = Session.objects.get(pk=session_id)
        voting.ballot_cast(session, choices={item_id: choice}, actor=user)
    except ValidationError:
        return "refused"
    return "counted"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_member_voting_from_two_browsers_at_once_is_counted_once(postgresql_only, world):
    session = open_session(world, [world.p_thao])
    item = session.items.get()
    user = world.members[0]
    outcomes = run_in_processes(
        _cast_twice, (session.pk, user.pk, item.pk, A), (session.pk, user.pk, item.pk, R)
    )
    assert sorted(outcomes) == ["counted", "refused"]
    assert Participation.objects.filter(item=item).count() == 1
    assert Ballot.objects.filter(item=item).count() == 1
