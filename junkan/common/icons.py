"""The icons the templates use: Lucide (ISC), one SVG sprite of only these, served from our static files.

``{% load ui %}{% icon "house" %}`` draws one (``aria-hidden`` unless given a ``label``). To add an icon,
add its Lucide name here and rebuild the sprite (``manage.py build_icon_sprite``, see
``junkan/static/vendor/README.md``); a test checks that every name a template uses is here and in the sprite.
"""

from __future__ import annotations

SPRITE = "icons/sprite.svg"

ICONS: tuple[str, ...] = (
    "arrow-right",
    "badge-check",
    "book-open",
    "building-2",
    "calculator",
    "calendar",
    "chart-column",
    "check",
    "chevron-down",
    "circle-alert",
    "circle-check",
    "circle-x",
    "clipboard-list",
    "clock",
    "coins",
    "file-text",
    "graduation-cap",
    "handshake",
    "house",
    "inbox",
    "info",
    "landmark",
    "languages",
    "leaf",
    "lightbulb",
    "list-checks",
    "lock",
    "log-in",
    "log-out",
    "mail",
    "map",
    "map-pin",
    "megaphone",
    "menu",
    "printer",
    "search",
    "shield-check",
    "sprout",
    "triangle-alert",
    "user",
    "users",
)
