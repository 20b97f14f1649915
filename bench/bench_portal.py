# ruff: noqa: S603  (fixed commands: this repository's venv, manage.py, granian, wrk)
"""Requests per second and p99 latency of the portal served as `make serve-prod` serves it
(granian, DEBUG off, WhiteNoise), at 16 and 64 connections, side by side in the same run with a
plain Wagtail article page and a constant response of the same server (the peers).

    .venv/bin/python bench/bench_portal.py [--seconds 5] [--connections 16,64] [--workers 2]

A fresh SQLite database in a temporary folder; the server uses the product's settings plus a
stock Wagtail page type and a constant view (bench/portal_bench/). Measured, each case for
``--seconds`` at each connection count:

- constant:   /bench-constant/ (the whole middleware stack, no template, no database);
- plain:      a stock ``Page`` subclass with a RichTextField body (no cache, no extras);
- article, uncached: the portal article with a new query string on every request: a miss of the
              page cache, answered by the page cache middleware from the article's rendering
              (kept in the cache under the address without its query string; read from the
              database in one query when this process's cache lost it; portal/rendering.py);
- article, first render: a different portal article on every request, none rendered before in
              this generation (as right after a publish): Wagtail's routing and the full render;
- article, cached: the portal article, anonymous, served from the page cache;
- home and search (``/search/?q=thi+dua``, folded as typed without diacritics), uncached (a new
              query string per request, as for the article: a page-cache miss, a full render)
              and cached (the same address every time: a page-cache hit).

Targets (issue 9): uncached article >= 3x the plain Wagtail page; cached pages >= 50 % of the
constant response with p99 <= 20 ms at 64 connections. Each cached case is checked to be a
page-cache hit (``X-Portal-Cache``); a page that is not cached is reported as such.

Load generator: wrk --latency (a Lua script writes the new query strings); without wrk, this
script's own closed-loop clients (one process per connection, keep-alive HTTP/1.1).
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
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
GRANIAN = str(ROOT / ".venv" / "bin" / "granian")
SEARCH = "/search/?q=thi+dua"


@dataclass
class Result:
    rps: float
    p99_ms: float
    errors: int


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def unique_url(path: str, n: int) -> str:
    return f"{path}{'&' if '?' in path else '?'}n={n}"


def client_loop(
    port: int, path: str | list[str], unique: bool, seconds: float, out: multiprocessing.Queue
) -> None:
    """``path`` is one address, or a list of addresses each requested once (until it runs out)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    done = errors = 0
    latencies: list[float] = []
    end = time.perf_counter() + seconds
    n = os.getpid() * 1_000_000
    queue = list(path) if isinstance(path, list) else None
    while time.perf_counter() < end:
        if queue is not None:
            if not queue:
                break
            url = queue.pop()
        else:
            url = unique_url(path, n) if unique else path
        n += 1
        started = time.perf_counter()
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
        latencies.append(time.perf_counter() - started)
    out.put((done, errors, latencies))


# wrk scripts: a new query string on every request, or a list of addresses each requested once
# (each thread takes its own share; when a share runs out its thread repeats its last address
# with a new query string, which the script counts so that the run can be refused).
_WRK_UNIQUE = """
local n = 0
local prefix = tostring(math.random(1, 1e9))
request = function()
  n = n + 1
  return wrk.format("GET", "%(path)s%(sep)sn=" .. prefix .. "-" .. n)
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
  local k = id + 1 + i * %(threads)d
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
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _duration_ms(text: str) -> float:
    number = text.rstrip("usm")
    return float(number) * _UNITS[text[len(number) :]]


def _wrk(
    port: int,
    path: str | list[str],
    *,
    unique: bool,
    seconds: float,
    connections: int,
    threads: int,
    warm_up: bool = False,
) -> Result:
    """``warm_up``: running out of a list of addresses is harmless (the rest of the run repeats
    the last one with new query strings)."""
    threads = max(1, min(threads, connections))
    args = ["wrk", "--latency", "-t", str(threads), "-c", str(connections)]
    args += ["-d", f"{max(1, round(seconds))}s", "--timeout", "30s"]
    script = None
    if isinstance(path, list):
        script = _WRK_LIST % {
            "paths": ",".join(json.dumps(p) for p in path),
            "threads": threads,
        }
        target = "/"
    elif unique:
        script = _WRK_UNIQUE % {"path": path, "sep": "&" if "?" in path else "?"}
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
    rate = p99 = 0.0
    errors = 0
    for line in result.stdout.splitlines():
        words = line.split()
        if line.startswith("Requests/sec:"):
            rate = float(words[1])
        elif words[:1] == ["99%"]:
            p99 = _duration_ms(words[1])
        elif line.strip().startswith("Non-2xx or 3xx responses:"):
            errors += int(line.split(":")[1])
        elif line.strip().startswith("Socket errors:"):
            # "Socket errors: connect 0, read 0, write 0, timeout 0"
            errors += sum(int(w.strip(",")) for w in words[2:] if w.strip(",").isdigit())
        elif line.startswith("Over:") and int(words[1]) and not warm_up:
            raise SystemExit(
                f"wrk ran out of first-render articles ({words[1]} requests over): "
                "raise --cold-articles"
            )
    return Result(rate, p99, errors)


def measure(
    port: int,
    path: str | list[str],
    *,
    unique: bool,
    seconds: float,
    connections: int,
    threads: int = 2,
    warm_up: bool = False,
) -> Result:
    if shutil.which("wrk"):
        return _wrk(
            port,
            path,
            unique=unique,
            seconds=seconds,
            connections=connections,
            threads=threads,
            warm_up=warm_up,
        )
    queue: multiprocessing.Queue = multiprocessing.Queue()
    # A list of addresses is shared out: each client requests its own slice once.
    shares = [path[i::connections] for i in range(connections)] if isinstance(path, list) else None
    procs = [
        multiprocessing.Process(
            target=client_loop,
            args=(port, shares[i] if shares else path, unique, seconds, queue),
        )
        for i in range(connections)
    ]
    started = time.perf_counter()
    for p in procs:
        p.start()
    results = [queue.get() for _ in procs]
    for p in procs:
        p.join()
    elapsed = time.perf_counter() - started
    latencies = sorted(x for r in results for x in r[2])
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000 if latencies else 0
    return Result(sum(r[0] for r in results) / elapsed, p99, sum(r[1] for r in results))


def cache_state(port: int, path: str) -> str:
    """Whether ``path`` is served from the page cache: "hit" once any of a few requests is a hit
    (each granian worker holds its own local-memory cache, so the first request to each worker
    is a miss), else the last ``X-Portal-Cache`` seen ("miss", or "" when not cached at all)."""
    state = ""
    for _ in range(12):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", path, headers={"Host": "127.0.0.1"})
        response = conn.getresponse()
        response.read()
        state = response.getheader("X-Portal-Cache", "")
        conn.close()
        if state == "hit":
            break
    return state


def drain(port: int) -> None:
    """Wait until the server has finished the requests a run left in flight (wrk stops with up
    to one request per connection still queued, a few seconds of work after a slow case), so
    that they do not count in the next case's latency."""
    for _ in range(100):
        started = time.perf_counter()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.request("GET", "/bench-constant/", headers={"Host": "127.0.0.1"})
        conn.getresponse().read()
        conn.close()
        if time.perf_counter() - started < 0.02:
            return
        time.sleep(0.1)


def wait_for(port: int) -> None:
    for _ in range(150):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/bench-constant/", headers={"Host": "127.0.0.1"})
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not answer")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=5, help="per case and connection count")
    parser.add_argument("--connections", default="16,64", help="comma-separated")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (load generator)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--cold-articles",
        type=int,
        default=2000,
        help="articles for the first-render case, each requested once (more than it can serve)",
    )
    args = parser.parse_args()
    counts = [int(c) for c in args.connections.split(",") if c.strip()]

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
    env.pop("REDIS_URL", None)
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
        wait_for(port)
        # The first-render articles: a tenth for the warm-up, then a separate share for each
        # connection count (an article rendered once is no longer a first render).
        cold = urls["cold"]
        tenth = len(cold) // 10
        share = (len(cold) - tenth) // max(1, len(counts))
        cold_shares = {
            c: cold[tenth + i * share : tenth + (i + 1) * share] for i, c in enumerate(counts)
        }
        # (key, label, path, unique)
        cases: list[tuple[str, str, str | None, bool]] = [
            ("constant", "constant response (peer)", "/bench-constant/", False),
            ("plain", "plain Wagtail article (peer)", urls["plain"], False),
            ("article-uncached", "article, uncached (miss)", urls["article"], True),
            ("article-first", "article, first render", None, True),
            ("article-cached", "article, cached (hit)", urls["article"], False),
            ("home-uncached", "home, uncached (miss)", urls["home"], True),
            ("home-cached", "home, cached (hit)", urls["home"], False),
            ("search-uncached", "search, uncached (miss)", SEARCH, True),
            ("search-cached", "search, cached (hit)", SEARCH, False),
        ]
        # Warm up every worker on every URL (templates, connections, the page cache); the
        # first-render case warms up on articles of its own that it never measures.
        for _key, _label, path, unique in cases:
            if path is not None:
                measure(port, path, unique=unique, seconds=1, connections=4, threads=2)
        measure(port, cold[:tenth], unique=True, seconds=1, connections=4, warm_up=True)
        states = {
            key: cache_state(port, path)
            for key, _label, path, unique in cases
            if path is not None and key.endswith("-cached")
        }
        results: dict[tuple[str, int], Result] = {}
        for key, _label, path, unique in cases:
            for connections in counts:
                drain(port)
                results[key, connections] = measure(
                    port,
                    cold_shares[connections] if path is None else path,
                    unique=unique,
                    seconds=args.seconds,
                    connections=connections,
                    threads=args.threads,
                )
        loadgen = (
            f"wrk --latency -t {args.threads}"
            if shutil.which("wrk")
            else "python http.client, one process per connection"
        )
        print(
            f"granian --workers {args.workers}, DEBUG=0, SQLite, locmem cache; load: {loadgen}; "
            f"{args.seconds:g} s per case and connection count"
        )
        header = f"{'case':32s}" + "".join(
            f" | {f'{c} conns req/s':>15s} {'p99 ms':>8s}" for c in counts
        )
        print(header)
        print("-" * len(header))
        for key, label, _path, _unique in cases:
            line = f"{label:32s}"
            for connections in counts:
                r = results[key, connections]
                errors = f" ({r.errors} errors)" if r.errors else ""
                line += f" | {r.rps:15.1f} {r.p99_ms:8.1f}{errors}"
            print(line)
        for key, state in states.items():
            if state != "hit":
                label = next(lbl for k, lbl, _p, _u in cases if k == key)
                print(
                    f"NOTE: {label}: not served from the page cache (X-Portal-Cache: "
                    f"{state or 'absent'}); what is measured is a full render every time"
                )
        top = max(counts)
        for connections in counts:
            rate = {key: results[key, connections].rps for key, *_ in cases}
            plain, constant = rate["plain"], rate["constant"]
            print(f"\nat {connections} connections:")
            print(
                f"  uncached article / plain Wagtail: {rate['article-uncached'] / plain:.2f}x "
                "(target >= 3x)"
            )
            for key, label in (
                ("article-first", "first render of an article"),
                ("home-uncached", "uncached home"),
                ("search-uncached", "uncached search"),
            ):
                print(f"  {label} / plain Wagtail: {rate[key] / plain:.2f}x (no target; reported)")
            for page in ("article", "home", "search"):
                key = f"{page}-cached"
                p99 = results[key, connections].p99_ms
                p99_target = " (target <= 20 ms)" if connections == top else ""
                print(
                    f"  cached {page} / constant response: {rate[key] / constant:.0%} "
                    f"(target >= 50%), p99 {p99:.1f} ms{p99_target}"
                )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
