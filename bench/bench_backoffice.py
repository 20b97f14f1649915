"""Back-office list and dashboard pages at province scale: p95 time and SQL statements per
page, as office staff (the Office of the largest department) and as the province admin.

The pages are the ones guarded in tests/scale/test_query_guards.py. Run on a database filled by
`manage.py generate_province` (it writes sessions and a TOTP device for the admin there):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/scale_province \\
        .venv/bin/python bench/bench_backoffice.py --repeat 5
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from tests.scale.test_query_guards import PAGES, PERSONAS  # noqa: E402


def client_for(username: str) -> Client:
    user = get_user_model().objects.get(username=username)
    client = Client()
    client.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="bench", defaults={"confirmed": True}
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--pages",
        nargs="+",
        metavar="URL_NAME",
        help="only these pages (URL names as in PAGES, e.g. awards:candidates movement:index)",
    )
    parser.add_argument("--persona", choices=list(PERSONAS), help="only this persona")
    args = parser.parse_args()
    pages = PAGES
    if args.pages:
        unknown = set(args.pages) - {name for name, _q in PAGES}
        if unknown:
            parser.error(f"unknown pages: {', '.join(sorted(unknown))}")
        pages = [(name, query) for name, query in PAGES if name in args.pages]
    setup_test_environment()
    for persona, username in PERSONAS.items():
        if args.persona and persona != args.persona:
            continue
        client = client_for(username)
        print(f"\n{persona} ({username}), {args.repeat} requests per page after one warm-up")
        print(f"{'page':<28} {'p95 ms':>8} {'queries':>8}")
        for name, query in pages:
            url = reverse(name) + (f"?{query}" if query else "")
            client.get(url)
            times, queries = [], 0
            for _ in range(args.repeat):
                with CaptureQueriesContext(connection) as ctx:
                    started = time.perf_counter()
                    response = client.get(url)
                    times.append(time.perf_counter() - started)
                queries = len(ctx.captured_queries)
                if response.status_code != 200:
                    print(f"{name}: HTTP {response.status_code}")
                    break
            times.sort()
            p95 = times[max(0, round(len(times) * 0.95) - 1)] * 1000
            print(f"{name:<28} {p95:8.0f} {queries:8d}")


if __name__ == "__main__":
    main()
