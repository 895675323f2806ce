"""Derived data cached under generations: exact invalidation without hunting for keys.

A *scope* (``"review:12"``, ``"registry"``) has a generation token in the cache. A value computed
from the data of some scopes is stored under a key that includes their tokens; a change to the data
bumps the scope's token, so every value derived from it is missed at once (and expires later). No
key is ever deleted, so a request that read the data before a change can only store its stale value
under the old token, which nobody asks for again.

``bump`` changes the token at once (readers in the same transaction see the change) and again
after the commit (a reader that recomputed from the old data between the two stored it under the
intermediate token). With several app servers the cache is Redis (``REDIS_URL``), shared by all of
them, so a change on one server is seen on every other at once.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.cache import InvalidCacheBackendError, cache, caches
from django.db import transaction
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

T = TypeVar("T")
DAY = 24 * 3600
PREFIX = "gen:"


def _token_keys(scopes: tuple[str, ...]) -> list[str]:
    return [PREFIX + scope for scope in scopes]


def tokens(*scopes: str) -> str:
    """The current generation tokens of ``scopes`` joined (one cache round trip)."""
    keys = _token_keys(scopes)
    found = cache.get_many(keys)
    missing = {key: uuid.uuid4().hex for key in keys if key not in found}
    if missing:
        # add(): two processes starting at once agree on one token.
        for key, token in missing.items():
            if not cache.add(key, token, None):
                token = cache.get(key) or token
            found[key] = token
    return ".".join(str(found[key]) for key in keys)


def _set_new(scopes: tuple[str, ...]) -> None:
    cache.set_many({key: uuid.uuid4().hex for key in _token_keys(scopes)}, None)


def bump(*scopes: str) -> None:
    """Invalidate everything derived from ``scopes``: now, and again when the transaction commits."""
    _set_new(scopes)
    transaction.on_commit(lambda: _set_new(scopes))


_memo: dict[str, tuple[str, object]] = {}


def memo(name: str, scopes: tuple[str, ...], compute: Callable[[], T]) -> T:
    """Like ``cached`` but kept in this process (for values that do not pickle, or are read on every
    request): the generation tokens are still read from the shared cache, so a change made through any
    server is seen at once. One value per ``name``: the previous generation's is dropped."""
    token = tokens(*scopes)
    found = _memo.get(name)
    if found is not None and found[0] == token:
        return found[1]  # type: ignore[return-value]
    value = compute()
    _memo[name] = (token, value)
    return value


def values_cache():  # type: ignore[no-untyped-def]
    """Where values keyed on generation tokens go: the ``template_fragments`` cache when it is configured
    (with Redis, each process keeps a copy of what it read: such a key never changes meaning), else the
    default cache."""
    try:
        return caches["template_fragments"]
    except InvalidCacheBackendError:
        return cache


def cached(name: str, scopes: tuple[str, ...], compute: Callable[[], T], timeout: int = DAY) -> T:
    """``compute()`` once per generation of ``scopes``; ``name`` distinguishes values of the same scopes."""
    key = f"{name}@{tokens(*scopes)}"
    store = values_cache()
    value = store.get(key)
    if value is None:
        value = compute()
        store.set(key, value, timeout)
    return value


def keyed(
    name: str, scopes: tuple[str, ...], parts: Iterable[object], compute: Callable[[], T], timeout: int = DAY
) -> T:
    """``compute()`` once per generation of ``scopes``, language and ``parts`` (hashed: a query string, a
    page number, the viewer's kind)."""
    digest = hashlib.sha256(repr(tuple(parts)).encode()).hexdigest()[:32]
    return cached(f"{name}:{get_language()}:{digest}", scopes, compute, timeout)


def fragment(
    name: str, scopes: tuple[str, ...], parts: Iterable[object], render: Callable[[], str], timeout: int = DAY
) -> SafeString:
    """HTML that ``render()`` gives, once per generation of ``scopes``, language and ``parts`` (the filters,
    the page, the date, the viewer's kind: everything it depends on besides the scopes' data). For a part of
    a page that is the same for everyone who may see it: never CSRF tokens or per-person forms. ``render``
    may raise (``Http404`` for a page that does not exist): nothing is stored then."""
    return mark_safe(keyed(name, scopes, parts, render, timeout))  # noqa: S308


def bump_on_change(scope: str, *models: type) -> None:
    """Bump ``scope`` whenever a row of ``models`` is saved or deleted, or one of their many-to-many
    relations changes (``QuerySet.update``/``bulk_create`` send no signal: their callers bump themselves).
    Called once, from an app's ``ready()``."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    def changed(sender: object, **kwargs: object) -> None:
        action = kwargs.get("action")
        if action is not None and not str(action).startswith("post_"):
            return  # m2m_changed: only once the change is made
        bump(scope)

    _receivers.append(changed)  # signals keep weak references
    for model in models:
        label = model._meta.label_lower
        post_save.connect(changed, sender=model, dispatch_uid=f"cache-{scope}-{label}-saved")
        post_delete.connect(changed, sender=model, dispatch_uid=f"cache-{scope}-{label}-deleted")
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(changed, sender=through, dispatch_uid=f"cache-{scope}-{label}-{field.name}")


_receivers: list[Callable[..., None]] = []
