"""Template tags of the base layout: the current function for the navigation, and the share metadata."""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Any

from django import template
from django.conf import settings
from django.template.base import NodeList
from django.template.loader_tags import BLOCK_CONTEXT_KEY, BlockNode
from django.urls import reverse
from django.utils.html import format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from junkan.portal.navigation import FUNCTIONS, function_of

register = template.Library()

META_DESCRIPTION = re.compile(r"""<meta\s+name=["']description["']\s+content=(["'])(.*?)\1""", re.IGNORECASE)
META_PROPERTY = re.compile(r"""<meta\s+property=["'](og:[a-z_:]+)["']""", re.IGNORECASE)
DESCRIPTION_LENGTH = 160


@register.simple_tag(takes_context=True)
def current_function(context: template.Context) -> str | None:
    """The key of the function (shiru, manabu, ...) the current page belongs to."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is None:
        return None
    return function_of(match.namespace, match.url_name)


@register.simple_tag
def functions() -> tuple:
    return FUNCTIONS


@lru_cache(maxsize=1)
def _function_paths() -> frozenset[str]:
    return frozenset([reverse("portal:home"), *(reverse(fn.url_name) for fn in FUNCTIONS)])


@register.simple_tag(takes_context=True)
def layout_key(context: template.Context) -> str:
    """What the base layout's header depends on, as a cache-key part: the language, the page when it is one
    of the menu's own pages, the current function and section, and the kind of person (anonymous, or whether
    the person is staff or a reviewer). Never who the person is: their name is rendered outside the cache."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    namespace = match.namespace if match is not None else ""
    current = function_of(match.namespace, match.url_name) if match is not None else None
    path = getattr(request, "path", "")
    marked = path if path in _function_paths() else ""
    user = context.get("user")
    if user is not None and user.is_authenticated:
        who = f"user:{int(bool(user.is_staff))}{int(bool(user.is_staff or 'reviewer' in user.role_set))}"
    else:
        who = "anonymous"
    return f"{get_language()}|{marked}|{current}|{namespace}|{who}"


def _render_block(context: template.Context, name: str) -> str:
    """The text of a block as the page defines it (the most derived template's version), or ""."""
    if context.render_context.get(BLOCK_CONTEXT_KEY) is None:
        return ""
    # Rendering a BlockNode renders the most derived block of that name and puts it back.
    return BlockNode(name, NodeList()).render(context)


def _plain(rendered: str) -> str:
    """Rendered HTML as one line of plain text."""
    return " ".join(html.unescape(strip_tags(rendered)).split())


def _shorten(text: str) -> str:
    return text if len(text) <= DESCRIPTION_LENGTH else text[: DESCRIPTION_LENGTH - 1] + "…"


@register.simple_tag(takes_context=True)
def page_meta(context: template.Context) -> SafeString:
    """The description and Open Graph tags, from the page's ``title``, ``description`` and ``og_type`` blocks.

    A page that writes ``<meta name="description">`` or Open Graph tags in ``extra_head`` keeps them:
    no second tag of the same name is written here, and og:description falls back on its description.
    """
    site = _("地域循環共生圏プラットフォーム 循環")
    default = _(
        "環境省 地域循環共生圏（ローカルSDGs）プラットフォーム。先進事例、手引き、実践地域と企業の登録、"
        "専門家・支援施策、資金の仕組みを紹介します。"
    )
    title = _plain(_render_block(context, "title")) or site
    description = _plain(_render_block(context, "description"))
    extra_head = _render_block(context, "extra_head")
    own_meta = META_DESCRIPTION.search(extra_head)
    own_properties = {name.lower() for name in META_PROPERTY.findall(extra_head)}
    if not description and own_meta:
        description = _plain(own_meta.group(2))
    description = _shorten(description or default)
    og_type = _plain(_render_block(context, "og_type")) or "website"
    request = context.get("request")
    url = request.build_absolute_uri(request.path) if request is not None else settings.SITE_URL + "/"
    locale = "en_US" if (get_language() or "").startswith("en") else "ja_JP"
    tags: list[Any] = []
    if own_meta is None:
        tags.append(format_html('<meta name="description" content="{}">', description))
    properties = {
        "og:title": title,
        "og:description": description,
        "og:type": og_type,
        "og:url": url,
        "og:site_name": site,
        "og:locale": locale,
    }
    tags.extend(
        format_html('<meta property="{}" content="{}">', name, value)
        for name, value in properties.items()
        if name not in own_properties
    )
    return mark_safe("\n  ".join(tags))  # noqa: S308 (each part built by format_html)
