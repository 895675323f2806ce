"""Template fragment caching under generation tokens: ``{% load fragments %}``.

``{% generation "registry" as gen %}`` gives the current tokens of the scopes (``junkan.common.cache``) and
the language, to put in a ``{% cache %}`` key: ``{% cache 86400 region_cards gen request.get_full_path %}``.
A change bumps the scope, so the fragment is rendered afresh on the very next request, in each language.
"""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from junkan.common import cache

register = template.Library()


@register.simple_tag
def generation(*scopes: str) -> str:
    """The generation tokens of ``scopes`` and the current language, as one cache-key part."""
    return f"{cache.tokens(*scopes)}.{get_language()}"
