"""Write junkan/static/icons/sprite.svg from a folder of Lucide SVGs, keeping only the icons in ``ICONS``.

Run after adding a name to ``junkan/common/icons.py``::

    cd /tmp && npm install --ignore-scripts lucide-static@1.62.0
    python manage.py build_icon_sprite /tmp/node_modules/lucide-static/icons

Nothing of this runs when the site is served: the sprite is an ordinary static file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from junkan.common.icons import ICONS

INNER = re.compile(r"<svg[^>]*>(.*)</svg>", re.DOTALL)
HEADER = (
    "<!-- Lucide icons (ISC licence, see junkan/static/vendor/lucide/LICENSE); "
    "built by `manage.py build_icon_sprite`. Do not edit by hand. -->\n"
)


class Command(BaseCommand):
    help = "Build the icon sprite from a folder of Lucide SVG files."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("folder", type=Path)

    def handle(self, *args: Any, folder: Path, **options: Any) -> None:
        symbols = []
        for name in sorted(ICONS):
            source = folder / f"{name}.svg"
            if not source.exists():
                raise CommandError(f"{source} is missing")
            match = INNER.search(source.read_text(encoding="utf-8"))
            if match is None:
                raise CommandError(f"{source} is not an SVG")
            body = " ".join(line.strip() for line in match.group(1).splitlines() if line.strip())
            symbols.append(f'<symbol id="{name}" viewBox="0 0 24 24">{body}</symbol>')
        target = Path(settings.BASE_DIR) / "junkan" / "static" / "icons" / "sprite.svg"
        target.write_text(
            HEADER
            + '<svg xmlns="http://www.w3.org/2000/svg" fill="none" stroke="currentColor" stroke-width="2"'
            ' stroke-linecap="round" stroke-linejoin="round">\n' + "\n".join(symbols) + "\n</svg>\n",
            encoding="utf-8",
        )
        self.stdout.write(f"{target}: {len(symbols)} icons")
