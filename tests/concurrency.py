"""Run the same function in several processes at once, against the test database.

For "never twice, even concurrently" tests (register numbers, ballots, reminders). The children
are forked after every connection is closed, so each opens its own; a barrier releases them
together. Use with ``transactional_db`` (the children must see committed rows) and on
PostgreSQL: SQLite's test database lives in memory and cannot be shared between processes.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections


def require_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (CI runs the suite against it with DATABASE_URL)")


def _child(func: Callable[..., Any], args: tuple, barrier: Any, results: Any) -> None:
    try:
        barrier.wait(timeout=30)
        results.put(("ok", func(*args)))
    except BaseException:  # report every failure to the parent, which re-raises it
        results.put(("error", traceback.format_exc()))
    finally:
        connections.close_all()


def run_in_processes(func: Callable[..., Any], *arg_sets: tuple, timeout: float = 60) -> list[Any]:
    """Run ``func(*args)`` for each argument tuple in its own process, all released at once.

    Returns the results (in completion order); raises if any child failed.
    """
    connections.close_all()
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(len(arg_sets))
    results = ctx.Queue()
    procs = [ctx.Process(target=_child, args=(func, args, barrier, results)) for args in arg_sets]
    for proc in procs:
        proc.start()
    outcomes = [results.get(timeout=timeout) for _ in procs]
    for proc in procs:
        proc.join(timeout=timeout)
    errors = [value for status, value in outcomes if status == "error"]
    if errors:
        raise AssertionError("A concurrent process failed:\n" + "\n".join(errors))
    return [value for _status, value in outcomes]
