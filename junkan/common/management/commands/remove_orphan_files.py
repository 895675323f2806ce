"""Remove stored files that no row refers to and that are older than a day (run daily from cron).

A file is written before its row is committed; when the transaction rolls back further out than the upload
service (which removes its own files on a failed commit), the file stays behind with nothing pointing at it.
This walks the default storage (local disk or the bucket) and removes every such file older than
``--older-than-hours`` (24 by default), so that an upload still in progress is never touched.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.files.storage import Storage, storages
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from junkan.common.files import file_fields


def walk(storage: Storage, folder: str = "") -> list[str]:
    """Every file name under ``folder``, recursively."""
    try:
        folders, names = storage.listdir(folder)
    except FileNotFoundError:
        return []
    found = [f"{folder}/{name}" if folder else name for name in names]
    for sub in folders:
        found.extend(walk(storage, f"{folder}/{sub}" if folder else sub))
    return found


def referenced() -> set[str]:
    names: set[str] = set()
    for model, field in file_fields():
        names.update(name for name in model._default_manager.values_list(field, flat=True) if name)
    return names


class Command(BaseCommand):
    help = "Remove stored files that no row refers to, older than a day (see README, cron)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--older-than-hours", type=int, default=24)
        parser.add_argument("--dry-run", action="store_true", help="list what would be removed")

    def handle(self, *args: Any, older_than_hours: int, dry_run: bool, **options: Any) -> None:
        storage = storages["default"]
        cutoff = timezone.now() - timedelta(hours=max(older_than_hours, 1))
        # The references are read after the listing: a file committed in between is referenced, not removed.
        listed = walk(storage)
        kept = referenced()
        removed = 0
        for name in listed:
            if name in kept or storage.get_modified_time(name) > cutoff:
                continue
            if not dry_run:
                storage.delete(name)
            removed += 1
            self.stdout.write(name)
        verb = "would remove" if dry_run else "removed"
        self.stdout.write(f"{verb} {removed} orphan file(s) of {len(listed)}")
