"""Measure every key page against the machine's ceiling, side by side, in one run.

    python bench/run.py                        # SQLite, scales 0.1 and 1, 16 concurrent, 2 workers
    python bench/run.py --quick                # scale 0.1 only, short rounds (while developing)
    python bench/run.py --databases sqlite,postgres --postgres postgres://postgres@127.0.0.1:5432/junkan_perf
    python bench/run.py --load 60              # 16 clients for 60 s over every page: errors, memory
    python bench/run.py --scale-out            # two app servers on one PostgreSQL and Redis: cache shared

It starts the ceiling (bench/ceiling: a bare Django project, a trivial view and a 50-row template page
from SQLite) and junkan with the same gunicorn settings, fills each database (bench/fill.py), counts the
SQL queries and bytes of each page in-process (bench/pages.py), then measures each page in alternating
rounds: the 50-row ceiling page for a window, the page for a window, and again. The page's throughput
ratio is the median of the ratios of adjacent rounds, so load from other processes on the machine
affects both sides alike. Results go to stdout (a Markdown table) and bench/results/latest.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.client import HTTPConnection
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
from fill import RESULTS, ROOT, database_url, ensure_database  # noqa: E402
from pages import CSRF  # noqa: E402

TARGET_RATIO = 0.5
TARGET_P95 = 2.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A gunicorn serving ``module`` on a free loopback port."""

    module: str
    cwd: Path
    env: dict[str, str]
    workers: int
    port: int = field(default_factory=_free_port)
    process: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        self.process = subprocess.Popen(
            [
                *(sys.executable, "-m", "gunicorn", self.module, "-b", f"127.0.0.1:{self.port}"),
                *("-w", str(self.workers), "--log-level", "warning", "--timeout", "120"),
            ],
            cwd=self.cwd,
            env=self.env,
        )
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.1)
        raise SystemExit(f"{self.module} did not start")

    def __exit__(self, *exc: object) -> None:
        assert self.process is not None
        self.process.terminate()
        self.process.wait(timeout=30)

    def worker_rss_kb(self) -> list[int]:
        """Resident memory of each worker (children of the gunicorn master)."""
        assert self.process is not None
        out = subprocess.run(
            ["/bin/ps", "-o", "rss=", "--ppid", str(self.process.pid)],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        return [int(line) for line in out.split()]


@dataclass
class Request:
    path: str
    method: str = "GET"
    cookie: str | None = None
    body: str | None = None
    content_type: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def headers(self) -> dict[str, str]:
        cookies = [f"csrftoken={CSRF}"] + ([f"sessionid={self.cookie}"] if self.cookie else [])
        headers = {"Host": "127.0.0.1", "Cookie": "; ".join(cookies), "X-CSRFToken": CSRF, **self.extra}
        if self.content_type:
            headers["Content-Type"] = self.content_type
        return headers


@dataclass
class Window:
    timings: list[float]
    elapsed: float
    errors: dict[str, int]
    size: int

    @property
    def throughput(self) -> float:
        return len(self.timings) / self.elapsed if self.elapsed else 0.0


def hammer(port: int, request: Request, seconds: float, concurrency: int, at_least: int = 1) -> Window:
    """``concurrency`` clients send ``request`` for ``seconds`` (each at least ``at_least`` times)."""
    deadline = time.perf_counter() + seconds
    errors: dict[str, int] = {}
    sizes: list[int] = []
    lock = threading.Lock()
    headers = request.headers()
    body = request.body.encode() if request.body else None

    def client(_n: int) -> list[float]:
        connection = HTTPConnection("127.0.0.1", port, timeout=120)
        timings: list[float] = []
        while len(timings) < at_least or time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                connection.request(request.method, request.path, body=body, headers=headers)
                response = connection.getresponse()
                content = response.read()
                status = response.status
            except OSError as error:
                status, content = type(error).__name__, b""
                connection.close()
                connection = HTTPConnection("127.0.0.1", port, timeout=120)
            timings.append((time.perf_counter() - started) * 1000)
            if status != 200:
                with lock:
                    errors[str(status)] = errors.get(str(status), 0) + 1
            elif b"database is locked" in content:
                with lock:
                    errors["database is locked"] = errors.get("database is locked", 0) + 1
            sizes.append(len(content))
        connection.close()
        return timings

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        timings = [t for result in pool.map(client, range(concurrency)) for t in result]
    return Window(timings, time.perf_counter() - started, errors, max(sizes) if sizes else 0)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(len(ordered) * p) - 1))]


def measure(
    ceiling_port: int, port: int, request: Request, rounds: int, window: float, concurrency: int
) -> dict[str, Any]:
    """Alternating rounds of the ceiling's 50-row page and the page; ratios of adjacent rounds."""
    ceiling = Request("/rows/")
    hammer(port, request, 0.3, 2)  # warm the workers
    ratios, page_t, ceiling_t, errors, size = [], [], [], {}, 0
    for _ in range(rounds):
        c = hammer(ceiling_port, ceiling, window, concurrency)
        p = hammer(port, request, window, concurrency)
        ratios.append(p.throughput / c.throughput if c.throughput else 0.0)
        page_t += p.timings
        ceiling_t += c.timings
        size = max(size, p.size)
        for key, count in p.errors.items():
            errors[key] = errors.get(key, 0) + count
    return {
        "ratio": round(statistics.median(ratios), 3),
        "p50_ms": round(statistics.median(page_t), 1),
        "p95_ms": round(percentile(page_t, 0.95), 1),
        "ceiling_p50_ms": round(statistics.median(ceiling_t), 1),
        "ceiling_p95_ms": round(percentile(ceiling_t, 0.95), 1),
        "p95_vs_ceiling": round(percentile(page_t, 0.95) / percentile(ceiling_t, 0.95), 2),
        "requests": len(page_t),
        "errors": errors,
        "http_bytes": size,
    }


def junkan_env(url: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DATA_DIR": str(RESULTS),
        "DEBUG": "0",
        "STATIC_MANIFEST": "0",
        "WHITENOISE_USE_FINDERS": "1",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_CONN_MAX_AGE": os.environ.get("DATABASE_CONN_MAX_AGE", "60"),
        **(extra or {}),
    }


def cache_env(args: argparse.Namespace) -> dict[str, str]:
    """The cache junkan runs with: Redis, as production must (``check --deploy`` refuses a per-process
    cache: junkan.E001), or ``--cache local`` (each worker its own memory: not a valid deployment)."""
    return {"REDIS_URL": args.redis} if args.cache == "redis" else {}


def flush_cache(env: dict[str, str]) -> None:
    """Empty the bench's Redis database: the SQLite and PostgreSQL runs must not share fragments."""
    if env.get("REDIS_URL"):
        import redis

        redis.Redis.from_url(env["REDIS_URL"]).flushdb()


def fill_and_prepare(url: str, scale: float, env: dict[str, str]) -> dict[str, Any]:
    ensure_database(url)
    flush_cache(env)
    subprocess.run([sys.executable, str(BENCH / "fill.py"), "--scale", str(scale)], env=env, check=True)
    out = subprocess.run(
        [sys.executable, str(BENCH / "pages.py")], env=env, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def requests_of(prepared: dict[str, Any], only: str = "") -> dict[str, Request | str]:
    out: dict[str, Request | str] = {}
    for name, info in prepared["pages"].items():
        if only and only not in name:
            continue
        if "skipped" in info:
            out[name] = info["skipped"]
            continue
        out[name] = Request(
            info["path"],
            info["method"],
            prepared["cookies"].get(info["who"]) if info["who"] else None,
            info.get("body"),
            info.get("content_type"),
            info.get("headers") or {},
        )
    return out


def ceiling_server(workers: int) -> Server:
    env = {**os.environ, "PYTHONPATH": str(BENCH), "DJANGO_SETTINGS_MODULE": "ceiling.settings"}
    subprocess.run([sys.executable, str(BENCH / "ceiling" / "setup.py")], env=env, check=True)
    return Server("ceiling.wsgi", BENCH, env, workers)


def run_table(args: argparse.Namespace) -> dict[str, Any]:
    combos = [(db, scale) for db in args.databases for scale in args.scales]
    results: dict[str, Any] = {"combos": [], "pages": {}, "ceiling": {}}
    with ceiling_server(args.workers) as ceiling:
        for db, scale in combos:
            url = database_url(scale, args.postgres if db == "postgres" else "")
            env = junkan_env(url, cache_env(args))
            label = f"{db} {scale:g}×"
            print(f"== {label}: filling and counting queries", file=sys.stderr, flush=True)
            prepared = fill_and_prepare(url, scale, env)
            results["combos"].append(label)
            with Server("junkan.wsgi", ROOT, env, args.workers) as server:
                trivial = hammer(ceiling.port, Request("/trivial/"), args.window, args.concurrency)
                rows = hammer(ceiling.port, Request("/rows/"), args.window, args.concurrency)
                results["ceiling"][label] = {
                    "trivial_rps": round(trivial.throughput, 1),
                    "rows_rps": round(rows.throughput, 1),
                    "rows_p95_ms": round(percentile(rows.timings, 0.95), 1),
                }
                for name, request in requests_of(prepared, args.only).items():
                    info = prepared["pages"][name]
                    row = results["pages"].setdefault(name, {})
                    if isinstance(request, str):
                        row[label] = {"skipped": request}
                        continue
                    print(f"   {name}", file=sys.stderr, flush=True)
                    measured = measure(
                        ceiling.port, server.port, request, args.rounds, args.window, args.concurrency
                    )
                    row[label] = {"queries": info["queries"], "bytes": info["bytes"], **measured}
            # What is measured so far, after each database and scale (a long run can be read as it goes).
            print_table(results, args)
            sys.stdout.flush()
    return results


def mark(ratio: float, p95: float) -> str:
    return "" if ratio >= TARGET_RATIO and p95 <= TARGET_P95 else " ✗"


def print_table(results: dict[str, Any], args: argparse.Namespace) -> None:
    machine = (
        f"{platform.node()} · {os.cpu_count()} cores · {platform.platform(terse=True)} · "
        f"Python {platform.python_version()} · load average {os.getloadavg()[0]:.1f} at the end"
    )
    print(
        f"\n{machine}\ngunicorn {args.workers} sync workers per server, cache {args.cache}, "
        f"{args.concurrency} concurrent clients, "
        f"{args.rounds} alternating rounds of {args.window:g} s per page\n"
    )
    for label, c in results["ceiling"].items():
        print(
            f"ceiling ({label} run): trivial {c['trivial_rps']} req/s, 50-row page {c['rows_rps']} req/s, "
            f"p95 {c['rows_p95_ms']} ms"
        )
    print(
        f"\nratio = page throughput / 50-row ceiling throughput (target ≥ {TARGET_RATIO}); "
        f"p95× = page p95 / ceiling p95 (target ≤ {TARGET_P95:g}); ✗ misses a target\n"
    )
    print("| page | data | ratio | p50 ms | p95 ms | p95× | queries | kB |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for name, row in results["pages"].items():
        for label in results["combos"]:
            m = row.get(label)
            if m is None:
                continue
            if "skipped" in m:
                print(f"| {name} | {label} | skipped: {m['skipped']} | | | | | |")
                continue
            errors = f" errors {m['errors']}" if m["errors"] else ""
            print(
                f"| {name} | {label} | {m['ratio']:.2f}{mark(m['ratio'], m['p95_vs_ceiling'])} | "
                f"{m['p50_ms']} | {m['p95_ms']} | {m['p95_vs_ceiling']} | {m['queries']} | "
                f"{m['bytes'] / 1000:.1f}{errors} |"
            )


def mixed_load(
    server: Server, requests: list[Request], seconds: float, concurrency: int
) -> tuple[int, dict[str, int], list[list[int]]]:
    """``concurrency`` clients cycling over ``requests`` for ``seconds``; worker memory sampled six times."""
    deadline = time.perf_counter() + seconds
    errors: dict[str, int] = {}
    count = 0
    lock = threading.Lock()

    def client(n: int) -> None:
        nonlocal count
        i = n
        while time.perf_counter() < deadline:
            w = hammer(server.port, requests[i % len(requests)], 0, 1)
            i += 1
            with lock:
                count += len(w.timings)
                for key, value in w.errors.items():
                    errors[key] = errors.get(key, 0) + value

    samples = []
    with ThreadPoolExecutor(concurrency) as pool:
        futures = [pool.submit(client, n) for n in range(concurrency)]
        while not all(f.done() for f in futures):
            time.sleep(min(10.0, seconds / 6))
            samples.append(server.worker_rss_kb())
        for future in futures:
            future.result()
    return count, errors, samples


def run_load(args: argparse.Namespace) -> None:
    """16 clients for ``--load`` seconds cycling over every page: errors, database locks, worker memory."""
    for db in args.databases:
        scale = args.scales[-1]
        url = database_url(scale, args.postgres if db == "postgres" else "")
        env = junkan_env(url, cache_env(args))
        prepared = fill_and_prepare(url, scale, env)
        requests = [r for r in requests_of(prepared).values() if isinstance(r, Request)]
        with Server("junkan.wsgi", ROOT, env, args.workers) as server:
            for request in requests:
                hammer(server.port, request, 0.1, 1)
            before = server.worker_rss_kb()
            count, errors, samples = mixed_load(server, requests, args.load, args.concurrency)
            after = server.worker_rss_kb()
        print(
            f"load {db} {scale:g}×: {args.concurrency} clients, {args.load} s, {count} requests over "
            f"{len(requests)} pages, errors {errors or 'none'}; worker RSS MB "
            + " → ".join("/".join(f"{kb / 1024:.0f}" for kb in s) for s in [before, *samples, after])
        )


def run_scale_out(args: argparse.Namespace) -> None:
    """Two app servers on one PostgreSQL and Redis: a change made through one is seen on the other at once.

    Server two caches the review results (in Redis); a budget is then changed through server one's form;
    server two's very next response shows the new budget and the proposal computed from it.
    """
    scale = args.scales[0]
    url = database_url(scale, args.postgres + "_scaleout")
    env = junkan_env(url, {"REDIS_URL": args.redis})
    prepared = fill_and_prepare(url, scale, env)
    staff, ids = prepared["cookies"]["staff"], prepared["ids"]
    results = Request(f"/review/{ids['committee']}/results/", cookie=staff)
    amount = 123_456_000 + int(time.time()) % 1000 * 1000  # a new figure on every run
    shown = (f"{amount:,}", str(amount))
    with Server("junkan.wsgi", ROOT, env, args.workers) as one, Server("junkan.wsgi", ROOT, env, 1) as two:
        before = fetch(two.port, results)
        started = time.perf_counter()
        cached = fetch(two.port, results)
        cached_ms = (time.perf_counter() - started) * 1000
        form = Request(
            results.path,
            "POST",
            staff,
            f"budget_{ids['project_type_pk']}={amount}",
            "application/x-www-form-urlencoded",
        )
        status = fetch(one.port, form, body=False)
        after = fetch(two.port, results)
    print(
        f"scale-out on {url.rsplit('/', 1)[1]} with Redis {args.redis}: server two's results page "
        f"(cached, {cached_ms:.0f} ms) showed the new budget before: {any(s in before for s in shown)}; "
        f"budget changed through server one: HTTP {status}; server two's next response shows it: "
        f"{any(s in after for s in shown)}"
    )
    assert not any(s in cached for s in shown) and any(s in after for s in shown), "cache not shared"


def fetch(port: int, request: Request, body: bool = True) -> str:
    connection = HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request(
        request.method,
        request.path,
        body=request.body.encode() if request.body else None,
        headers=request.headers(),
    )
    response = connection.getresponse()
    content = response.read().decode("utf-8", "replace")
    connection.close()
    return content if body else str(response.status)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--databases", default="sqlite", help="comma-separated: sqlite,postgres")
    parser.add_argument("--scales", default="0.1,1", help="comma-separated data scales")
    parser.add_argument(
        "--postgres",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/junkan_perf"),
        help="base URL; the scale is appended to the database name (junkan_perf_s1)",
    )
    parser.add_argument("--redis", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5"))
    parser.add_argument(
        "--cache",
        choices=("redis", "local"),
        default="redis",
        help="redis (the shared cache production runs with; emptied before each database and scale) or local "
        "(each worker its own memory, as before 2026-12-05: faster, but check --deploy refuses it)",
    )
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds per page")
    parser.add_argument("--window", type=float, default=2.0, help="seconds per round and side")
    parser.add_argument("--only", default="", help="only pages whose name contains this")
    parser.add_argument("--quick", action="store_true", help="scale 0.1, 2 rounds of 1 s")
    parser.add_argument("--load", type=float, default=0, help="seconds of mixed load instead of the table")
    parser.add_argument("--scale-out", action="store_true", help="two app servers, one PostgreSQL and Redis")
    args = parser.parse_args()
    args.databases = [d.strip() for d in args.databases.split(",") if d.strip()]
    args.scales = [float(s) for s in args.scales.split(",")]
    if args.quick:
        args.scales, args.rounds, args.window = [0.1], 2, 1.0
    if args.load:
        run_load(args)
        return
    if args.scale_out:
        run_scale_out(args)
        return
    results = run_table(args)
    (RESULTS / "latest.json").write_text(
        json.dumps({"args": vars(args), **results}, ensure_ascii=False, indent=2)
    )


if __name__ == "__main__":
    main()
