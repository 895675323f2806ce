"""Profile key pages in-process: ``python bench/profile_pages.py --scale 1 --only registry [--profile]``.

For each page of ``bench/pages.py`` whose name contains ``--only``: the mean and best milliseconds of
``--n`` requests with the Django test client after one warm-up (caches filled), the SQL queries (``--sql``
prints them) and the bytes; with ``--profile`` the functions where the time goes (cProfile, sorted by
cumulative time).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "junkan.settings")
os.environ.setdefault("DATA_DIR", str(ROOT / "bench" / "results"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--only", default="")
    parser.add_argument("--n", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sort", default="cumulative", help="pstats order: cumulative, tottime, ncalls…")
    parser.add_argument("--sql", action="store_true", help="print the SQL of one warm request")
    parser.add_argument("--cold", action="store_true", help="clear the cache before every request")
    args = parser.parse_args()
    from fill import database_url

    os.environ["DATABASE_URL"] = database_url(args.scale)
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from fill import OWNER_EMAIL, REVIEWER_EMAIL, STAFF_EMAIL
    from pages import PAGES, ids, request_kwargs

    from junkan.accounts.models import User

    found = ids()
    clients = {None: Client()}
    for key, email in (("owner", OWNER_EMAIL), ("staff", STAFF_EMAIL), ("reviewer", REVIEWER_EMAIL)):
        client = Client()
        client.force_login(User.objects.get(email=email), backend="django.contrib.auth.backends.ModelBackend")
        clients[key] = client
    for page in PAGES:
        if args.only and args.only.lower() not in page.name.lower():
            continue
        if any(found.get(name) is None for name in page.needs):
            print(f"{page.name}: skipped")
            continue
        path = page.path(found)
        client = clients[page.who]
        call = client.post if page.method == "POST" else client.get

        def once(call=call, path=path, page=page):
            if args.cold:
                cache.clear()
            return call(path, HTTP_HOST="127.0.0.1", **request_kwargs(page, found))

        once()
        times = []
        profiler = cProfile.Profile() if args.profile else None
        for _ in range(args.n):
            start = time.perf_counter()
            if profiler:
                profiler.enable()
            response = once()
            if profiler:
                profiler.disable()
            times.append((time.perf_counter() - start) * 1000)
        with CaptureQueriesContext(connection) as captured:
            response = once()
        mean = sum(times) / len(times)
        print(
            f"{page.name}: {response.status_code} mean {mean:.1f} ms, best {min(times):.1f} ms,"
            f" {len(captured.captured_queries)} queries, {len(response.content) / 1000:.1f} kB"
        )
        if args.sql:
            for number, query in enumerate(captured.captured_queries, start=1):
                width = int(os.environ.get("SQL_WIDTH", "300"))
                print(f"  {number:>2}. {query['time']}s {query['sql'][:width]}")
        if profiler:
            pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
