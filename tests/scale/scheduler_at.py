"""A scheduler process with a fixed clock: ``python tests/scale/scheduler_at.py ISO_NOW ROUNDS``.

`manage.py scheduler` asks ``schedule.run_due()`` with the real time, so whether the 07:00
digest is due depends on when a test runs; this process makes the same calls (``run_due`` every
0.2 s) at a given moment, so two of them race for the same slots whatever the time of day.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")

import django

django.setup()

from thidua.notifications import schedule  # noqa: E402


def main() -> None:
    now = dt.datetime.fromisoformat(sys.argv[1])
    for _ in range(int(sys.argv[2])):
        for name in schedule.run_due(now):
            print(f"enqueued {name}", flush=True)
        time.sleep(0.2)


if __name__ == "__main__":
    main()
