"""Measure key pages: median and p95 latency under concurrent load, and SQL queries per request.

    python bench/run.py [--scale 1] [--requests 200] [--concurrency 8]

It fills the bench database if needed (bench/fill.py), counts the SQL queries of each page
in-process, then serves the app with gunicorn on 127.0.0.1 and sends a bounded number of
requests from a thread pool. Results go to stdout and bench/results/latest.json. Later issues
add their pages to PAGES.
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
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from http.client import HTTPConnection
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fill import OWNER_EMAIL, RESULTS, REVIEW_PROGRAM, REVIEWER_EMAIL, ROOT, STAFF_EMAIL, fill

# name, who (None/owner/staff), path built from the filled data
PAGES: list[tuple[str, str | None, Callable[[dict[str, int]], str]]] = [
    ("home", None, lambda ids: "/"),
    ("login page", None, lambda ids: "/accounts/login/"),
    ("my organizations (50)", "owner", lambda ids: "/organizations/"),
    ("organization detail (205 members)", "owner", lambda ids: f"/organizations/{ids['org']}/"),
    ("audit log of an organization", "staff", lambda ids: f"/audit/organizations/organization/{ids['org']}/"),
    ("API municipalities, Tokyo", None, lambda ids: "/api/v1/municipalities?prefecture=13"),
    ("API municipalities, search", None, lambda ids: "/api/v1/municipalities?q=%E5%B7%9D"),
    ("API municipality detail", None, lambda ids: "/api/v1/municipalities/011002"),
    ("calls for proposals", None, lambda ids: "/programs/"),
    ("call detail (seed 002)", None, lambda ids: "/programs/fy2019-decarbonised-region-model/"),
    ("CO2 calculator", None, lambda ids: "/co2/"),
    ("CO2 factor sets", None, lambda ids: "/co2/factors/"),
    ("review: a member's list (400)", "reviewer", lambda ids: f"/review/{ids['committee']}/assigned/"),
    ("review: assignment (400 × 5)", "staff", lambda ids: f"/review/{ids['committee']}/assignment/"),
    ("review: results (2,000 sheets)", "staff", lambda ids: f"/review/{ids['committee']}/results/"),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare() -> tuple[dict[str, int], dict[str, str], dict[str, int]]:
    """Ids for the paths, a session cookie per person, and SQL query counts per page."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from junkan.accounts.models import User
    from junkan.organizations.models import Membership
    from junkan.review.models import Committee

    owner = User.objects.get(email=OWNER_EMAIL)
    staff = User.objects.get(email=STAFF_EMAIL)
    reviewer = User.objects.get(email=REVIEWER_EMAIL)
    ids = {
        "org": Membership.objects.filter(user=owner).order_by("organization_id").first().organization_id,
        "committee": Committee.objects.get(program__slug=REVIEW_PROGRAM).pk,
    }
    cookies, queries = {}, {}
    clients = {None: Client()}
    for key, user in (("owner", owner), ("staff", staff), ("reviewer", reviewer)):
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        clients[key] = client
        cookies[key] = client.cookies["sessionid"].value
    for name, who, path in PAGES:
        clients[who].get(path(ids), HTTP_HOST="127.0.0.1")  # warm caches (content types, templates)
        with CaptureQueriesContext(connection) as captured:
            response = clients[who].get(path(ids), HTTP_HOST="127.0.0.1")
        if response.status_code != 200:
            raise SystemExit(f"{name}: HTTP {response.status_code} in-process")
        queries[name] = len(captured.captured_queries)
    return ids, cookies, queries


def load(port: int, path: str, cookie: str | None, requests: int, concurrency: int) -> list[float]:
    def worker(count: int) -> list[float]:
        connection = HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Host": "127.0.0.1", "Cookie": f"sessionid={cookie}" if cookie else ""}
        timings = []
        for _ in range(count):
            started = time.perf_counter()
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"{path}: HTTP {response.status}")
            timings.append((time.perf_counter() - started) * 1000)
        connection.close()
        return timings

    share = [requests // concurrency + (1 if i < requests % concurrency else 0) for i in range(concurrency)]
    with ThreadPoolExecutor(concurrency) as pool:
        return [t for result in pool.map(worker, share) for t in result]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--requests", type=int, default=200, help="per page (bounded)")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    args = parser.parse_args()
    args.requests = min(args.requests, 5000)

    fill(args.scale)
    ids, cookies, queries = prepare()
    port = _free_port()
    env = {
        **os.environ,
        "DEBUG": "0",
        "STATIC_MANIFEST": "0",
        "WHITENOISE_USE_FINDERS": "1",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "junkan.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        rows = []
        for name, who, path in PAGES:
            url = path(ids)
            load(port, url, cookies.get(who) if who else None, min(20, args.requests), 2)  # warm-up
            timings = load(port, url, cookies.get(who) if who else None, args.requests, args.concurrency)
            timings.sort()
            rows.append(
                {
                    "page": name,
                    "path": url,
                    "queries": queries[name],
                    "median_ms": round(statistics.median(timings), 1),
                    "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 1),
                    "requests": len(timings),
                }
            )
    finally:
        server.terminate()
        server.wait(timeout=10)

    database = os.environ["DATABASE_URL"].split(":")[0]
    machine = f"{platform.node()} · {os.cpu_count()} cores · Python {platform.python_version()} · {database}"
    print(
        f"\n{machine}; {args.requests} requests per page, {args.concurrency} concurrent, "
        f"{args.workers} gunicorn workers\n"
    )
    print(f"| {'page':<36} | queries | median ms | p95 ms |")
    print(f"|{'-' * 38}|---------|-----------|--------|")
    for row in rows:
        print(f"| {row['page']:<36} | {row['queries']:>7} | {row['median_ms']:>9} | {row['p95_ms']:>6} |")
    (RESULTS / "latest.json").write_text(
        json.dumps({"machine": machine, "args": vars(args), "rows": rows}, ensure_ascii=False, indent=2)
    )


if __name__ == "__main__":
    main()
