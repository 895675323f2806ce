"""Write the search index anew from the public objects: ``python manage.py rebuild_search_index``.

Needed after bulk changes that send no signals (``QuerySet.update``, ``bulk_create``, bench/fill.py)
and after a change of the analyser or the dictionary version.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from junkan.search import services


class Command(BaseCommand):
    help = (
        "Rebuild the search index from the public case studies, guides, regions, organizations and solutions."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = services.rebuild()
        summary = ", ".join(f"{kind} {count}" for kind, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {summary}."))
