"""The ceiling's SQLite database with its 50 rows: ``python bench/ceiling/setup.py`` (run.py runs it)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ceiling.settings")


def main() -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from ceiling.models import Row

    call_command("migrate", verbosity=0)
    if not Row.objects.exists():
        now = timezone.now()
        Row.objects.bulk_create(
            Row(
                name=f"株式会社ベンチ{n:05d}（架空）",
                prefecture=f"{n % 47 + 1:02d}",
                amount=n * 1000,
                updated_at=now,
            )
            for n in range(50)
        )


if __name__ == "__main__":
    main()
