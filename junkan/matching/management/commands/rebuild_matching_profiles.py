"""Write the matching profiles of every approved company again (after a thesaurus change or bulk edits)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from junkan.matching.services import rebuild_profiles


class Command(BaseCommand):
    help = "Rebuild the matching profiles of every approved company's solutions."

    def handle(self, *args: Any, **options: Any) -> None:
        count = rebuild_profiles()
        self.stdout.write(f"{count} solution profiles written")
