# ruff: noqa: S603  (fixed commands: this repository's venv, manage.py, granian, wrk)
"""Requests per second of the portal served as `make serve-prod` serves it (granian, DEBUG off,
WhiteNoise), side by side in the same run with a plain Wagtail article page and a constant
response of the same server.

    .venv/bin/python bench/bench_portal.py [--seconds 10] [--clients 4] [--workers 2]

A fresh SQLite database in a temporary folder; the server uses the product's settings plus a
stock Wagtail page type and a constant view (bench/portal_bench/). Measured:

- constant:   /bench-constant/ (the whole middleware stack, no template, no database);
- plain:      a stock ``Page`` subclass with a RichTextField body (no cache, no extras);
- uncached:   the portal article with a new query string on every request: a miss of the page
              cache, answered from the article's stored rendering (one query; portal/rendering.py);
- first render: a different portal article on every request, none rendered before in this
              generation (as right after a publish): Wagtail's routing and the full render;
- cached:     the portal article, anonymous, served from the page cache.

Load generator: this script, N client processes each holding one keep-alive HTTP/1.1
connection (http.client) in a closed loop; wrk is used instead when installed.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
GRANIAN = str(ROOT / ".venv" / "bin" / "granian")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def client_loop(
    port: int, path: str | list[str], unique: bool, seconds: float, out: multiprocessing.Queue
) -> None:
    """``path`` is one address, or a list of addresses each requested once (until it runs out)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    done = errors = 0
    end = time.perf_counter() + seconds
    n = os.getpid() * 1_000_000
    queue = list(path) if isinstance(path, list) else None
    while time.perf_counter() < end:
        if queue is not None:
            if not queue:
                break
            url = queue.pop()
        else:
            url = f"{path}?n={n}" if unique else path
        n += 1
        try:
            conn.request("GET", url, headers={"Host": "127.0.0.1"})
            response = conn.getresponse()
            response.read()
            if response.status == 200:
                done += 1
            else:
                errors += 1
        except (OSError, http.client.HTTPException):
            errors += 1
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    out.put((done, errors))


# wrk scripts: a new query string on every request, or a list of addresses each requested once
# (each thread takes its own share; when a share runs out its thread repeats its last address
# with a new query string, which the script counts so that the run can be refused).
_WRK_UNIQUE = """
local n = 0
local prefix = tostring(math.random(1, 1e9))
request = function()
  n = n + 1
  return wrk.format("GET", "%(path)s?n=" .. prefix .. "-" .. n)
end
"""
_WRK_LIST = """
local paths = {%(paths)s}
local threads, counter = {}, 0
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end
local i = 0
over = 0 -- a global, which done() reads through thread:get
request = function()
  local k = id + 1 + i * %(clients)d
  i = i + 1
  if k > #paths then
    over = over + 1
    return wrk.format("GET", paths[#paths] .. "?over=" .. over)
  end
  return wrk.format("GET", paths[k])
end
function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + (thread:get("over") or 0) end
  io.write("Over: " .. total .. "\\n")
end
"""


def _wrk(
    port: int, path: str | list[str], *, unique: bool, seconds: float, clients: int
) -> tuple[float, int]:
    args = ["wrk", "-t", str(clients), "-c", str(clients), "-d", f"{int(seconds)}s"]
    script = None
    if isinstance(path, list):
        script = _WRK_LIST % {
            "paths": ",".join(json.dumps(p) for p in path),
            "clients": clients,
        }
        target = "/"
    elif unique:
        script = _WRK_UNIQUE % {"path": path}
        target = path
    else:
        target = path
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script or "")
    try:
        if script:
            args += ["-s", lua.name]
        result = subprocess.run(
            [*args, f"http://127.0.0.1:{port}{target}"],
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        os.unlink(lua.name)
    rate = errors = 0
    for line in result.stdout.splitlines():
        if line.startswith("Requests/sec:"):
            rate = float(line.split()[1])
        elif line.strip().startswith("Non-2xx or 3xx responses:"):
            errors += int(line.split(":")[1])
        elif line.startswith("Over:") and int(line.split()[1]):
            raise SystemExit(
                f"wrk ran out of first-render articles ({line.split()[1]} requests over): "
                "raise --cold-articles"
            )
    return rate, errors


def measure(
    port: int, path: str | list[str], *, unique: bool, seconds: float, clients: int
) -> tuple[float, int]:
    if shutil.which("wrk"):
        return _wrk(port, path, unique=unique, seconds=seconds, clients=clients)
    queue: multiprocessing.Queue = multiprocessing.Queue()
    # A list of addresses is shared out: each client requests its own slice once.
    shares = [path[i::clients] for i in range(clients)] if isinstance(path, list) else None
    procs = [
        multiprocessing.Process(
            target=client_loop,
            args=(port, shares[i] if shares else path, unique, seconds, queue),
        )
        for i in range(clients)
    ]
    started = time.perf_counter()
    for p in procs:
        p.start()
    results = [queue.get() for _ in procs]
    for p in procs:
        p.join()
    elapsed = time.perf_counter() - started
    return sum(r[0] for r in results) / elapsed, sum(r[1] for r in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--cold-articles",
        type=int,
        default=1200,
        help="articles for the first-render case, each requested once (more than it can serve)",
    )
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="thidua-bench-"))
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "bench"),
        "DJANGO_SETTINGS_MODULE": "portal_bench.settings",
        "DEBUG": "0",
        "THIDUA_LOCAL_SECRET_KEY": "1",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "THIDUA_VAR_DIR": str(tmp),
        "STATIC_ROOT": str(tmp / "static"),
        "LOG_LEVEL": "WARNING",
        "BENCH_COLD_ARTICLES": str(args.cold_articles),
    }
    env.pop("DATABASE_URL", None)
    run = dict(cwd=ROOT, env=env, check=True)
    subprocess.run([PY, "manage.py", "migrate", "--no-input", "--run-syncdb", "-v", "0"], **run)
    subprocess.run([PY, "manage.py", "collectstatic", "--no-input", "-v", "0"], **run)
    out = subprocess.run(
        [PY, "manage.py", "shell", "-c", "import portal_bench.setup_content"],
        capture_output=True,
        text=True,
        **run,
    ).stdout
    urls = json.loads(out.strip().splitlines()[-1])
    port = free_port()
    server = subprocess.Popen(
        [
            GRANIAN,
            "--interface",
            "wsgi",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
            "thidua.wsgi:application",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        for _ in range(100):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", "/bench-constant/", headers={"Host": "127.0.0.1"})
                if conn.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.2)
        cases = [
            ("constant response", "/bench-constant/", False),
            ("plain Wagtail article", urls["plain"], False),
            ("portal article, uncached (miss)", urls["article"], True),
            ("portal article, first render", urls["cold"][len(urls["cold"]) // 10 :], True),
            ("portal article, cached (hit)", urls["article"], False),
        ]
        # Warm up every worker on every URL (templates, connections, the page cache); the
        # first-render case warms up on articles of its own that it never measures.
        warm_up = [(p, u) for _, p, u in cases if isinstance(p, str)]
        warm_up.append((urls["cold"][: len(urls["cold"]) // 10], True))
        for path, unique in warm_up:
            measure(port, path, unique=unique, seconds=2, clients=args.clients)
        rows = []
        for label, path, unique in cases:
            rps, errors = measure(
                port, path, unique=unique, seconds=args.seconds, clients=args.clients
            )
            rows.append((label, rps, errors))
        loadgen = "wrk" if shutil.which("wrk") else f"python http.client, {args.clients} processes"
        print(
            f"granian --workers {args.workers}, DEBUG=0, SQLite, locmem cache; load: {loadgen}; "
            f"{args.seconds:.0f} s per case"
        )
        for label, rps, errors in rows:
            print(f"{label:34s} {rps:8.1f} req/s" + (f"  ({errors} errors)" if errors else ""))
        rates = {label: rps for label, rps, _ in rows}
        uncached = rates["portal article, uncached (miss)"] / rates["plain Wagtail article"]
        cold = rates["portal article, first render"] / rates["plain Wagtail article"]
        cached = rates["portal article, cached (hit)"] / rates["constant response"]
        print(f"uncached article / plain Wagtail: {uncached:.2f}x (target >= 3x)")
        print(f"first render of an article / plain Wagtail: {cold:.2f}x (no target; reported)")
        print(f"cached article / constant response: {cached:.0%} (target >= 50%)")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
