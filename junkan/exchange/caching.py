"""The exchange's cache scopes: its lists are rendered once per change of what they show.

- ``SCOPE`` (``exchange``): the forum — the themes with their topic counts, a theme's page of topics with
  their reply counts, a topic with its page of replies. Every save or delete of a theme, topic, reply or
  organization (the names shown) bumps it, and so does a person's name changing (the posts' authors).
- ``CONSULTATIONS`` (``exchange.consultations``): the secretariat's list of consultations. Every save or
  delete of a consultation or an organization bumps it, and a person's name changing (the askers).

A fragment is the same for everyone of one *kind* of viewer (``viewer_kind``): the secretariat sees hidden
posts and the moderation forms; a participant sees the posts that are not hidden, and their own hidden ones,
so the authors of hidden posts get fragments of their own. Code that changes these rows with
``QuerySet.update`` or ``bulk_create`` calls ``invalidate()``. Permission checks stay per request, outside
the fragments.
"""

from __future__ import annotations

from typing import Any

from django.utils.safestring import SafeString, mark_safe

from junkan.common import cache

SCOPE = "exchange"
CONSULTATIONS = "exchange.consultations"


def invalidate() -> None:
    cache.bump(SCOPE)


def themes() -> dict[str, Any]:
    """Every theme by slug (a handful of rows), read once per change of the forum."""
    from junkan.exchange.models import Theme

    return cache.cached("exchange-themes", (SCOPE,), lambda: {t.slug: t for t in Theme.objects.all()})


def hidden_authors() -> frozenset[int]:
    """The people who wrote a post the secretariat has hidden (they still see it; others do not)."""
    from junkan.exchange.models import Reply, Topic

    def compute() -> frozenset[int]:
        topics = Topic.objects.filter(is_hidden=True).order_by().values_list("author_id", flat=True)
        replies = Reply.objects.filter(is_hidden=True).order_by().values_list("author_id", flat=True)
        return frozenset(topics.union(replies))

    return cache.cached("exchange-hidden-authors", (SCOPE,), compute)


def viewer_kind(user: Any, staff: bool) -> str:
    """What a forum fragment depends on besides the data: the secretariat, an author of a hidden post (who
    sees it: a fragment of their own), or any other participant."""
    if staff:
        return "staff"
    if user.pk in hidden_authors():
        return f"author-{user.pk}"
    return "participant"


#: Stands for the CSRF token in a cached fragment with forms; ``with_csrf_token`` puts the request's own in.
CSRF_PLACEHOLDER = "csrf-token-of-this-request"


def with_csrf_token(html: str, request: Any) -> SafeString:
    """A cached fragment with this request's CSRF token where it was rendered with ``CSRF_PLACEHOLDER``
    (``{% csrf_token %}`` with ``csrf_token`` set to it): the fragment is shared, the token never is."""
    from django.middleware.csrf import get_token

    return mark_safe(html.replace(CSRF_PLACEHOLDER, get_token(request)))  # noqa: S308 - the token is [A-Za-z0-9]


def _user_saved(sender: Any, update_fields: Any = None, **kwargs: Any) -> None:
    # Signing in saves last_login only: the names shown do not change then.
    if update_fields is None or "full_name" in update_fields:
        cache.bump(SCOPE, CONSULTATIONS)


def connect() -> None:
    from django.contrib.auth import get_user_model
    from django.db.models.signals import post_save

    from junkan.exchange.models import Consultation, Reply, Theme, Topic
    from junkan.organizations.models import Organization

    cache.bump_on_change(SCOPE, Theme, Topic, Reply, Organization)
    cache.bump_on_change(CONSULTATIONS, Consultation, Organization)
    post_save.connect(_user_saved, sender=get_user_model(), dispatch_uid="cache-exchange-user-names")
