"""A cache for values whose key never changes meaning: each process keeps a copy in front of Redis.

Rendered fragments (``{% cache %}``: Django uses the ``template_fragments`` cache when it is configured) and
``common.cache.cached`` values are stored under keys that carry the generation tokens of the data they come
from, or only what the code and settings determine (the layout's header per language, section and kind of
person). What is stored under such a key is never replaced by something else: a change of the data gives a
new token, hence a new key. So a process may keep what it read from Redis and serve it again without asking
Redis: the per-page round trips for the header, the footer and the lists' fragments go away, and a change
made through any app server is still seen at once, because the tokens themselves are read from Redis
(``common.cache.tokens``, default cache) on every request.

Nothing that is replaced under the same key belongs here: login throttling, TOTP replay protection and the
generation tokens stay in the default cache.
"""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

# How long a process keeps what it read from the shared cache (the shared copy has its own timeout).
LOCAL_SECONDS = 300
LOCAL_ENTRIES = 2000
_MISSING = object()


class LocalFront:
    """Reads through a per-process LocMem copy; writes and deletes go to both (mixed into a shared cache)."""

    def __init__(self, server: Any, params: dict[str, Any]) -> None:
        super().__init__(server, params)  # type: ignore[call-arg]
        options = params.get("OPTIONS", {})
        self._front = LocMemCache(
            f"front-{id(self)}",
            {
                "TIMEOUT": options.get("LOCAL_SECONDS", LOCAL_SECONDS),
                "OPTIONS": {"MAX_ENTRIES": options.get("LOCAL_ENTRIES", LOCAL_ENTRIES)},
            },
        )

    def _local_timeout(self, timeout: Any) -> Any:
        local = self._front.default_timeout
        if timeout is DEFAULT_TIMEOUT or timeout is None:
            return local
        return min(timeout, local)

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        value = self._front.get(key, _MISSING, version)
        if value is not _MISSING:
            return value
        value = super().get(key, _MISSING, version)  # type: ignore[misc]
        if value is _MISSING:
            return default
        self._front.set(key, value, self._front.default_timeout, version)
        return value

    def set(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> None:
        super().set(key, value, timeout, version)  # type: ignore[misc]
        self._front.set(key, value, self._local_timeout(timeout), version)

    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        added = super().add(key, value, timeout, version)  # type: ignore[misc]
        if added:
            self._front.set(key, value, self._local_timeout(timeout), version)
        return bool(added)

    def delete(self, key: Any, version: int | None = None) -> bool:
        self._front.delete(key, version)
        return bool(super().delete(key, version))  # type: ignore[misc]

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return self._front.has_key(key, version) or bool(super().has_key(key, version))  # type: ignore[misc]

    def get_many(self, keys: Any, version: int | None = None) -> dict[Any, Any]:
        found = {}
        rest = []
        for key in keys:
            value = self._front.get(key, _MISSING, version)
            if value is _MISSING:
                rest.append(key)
            else:
                found[key] = value
        if rest:
            shared = super().get_many(rest, version)  # type: ignore[misc]
            for key, value in shared.items():
                self._front.set(key, value, self._front.default_timeout, version)
            found.update(shared)
        return found

    def set_many(self, data: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> list[Any]:
        failed = super().set_many(data, timeout, version)  # type: ignore[misc]
        for key, value in data.items():
            self._front.set(key, value, self._local_timeout(timeout), version)
        return list(failed)

    def delete_many(self, keys: Any, version: int | None = None) -> None:
        self._front.delete_many(keys, version)
        super().delete_many(keys, version)  # type: ignore[misc]

    def clear(self) -> None:
        self._front.clear()
        super().clear()  # type: ignore[misc]


class TieredRedisCache(LocalFront, RedisCache):
    """Redis shared by every app server, with each process's copy of what it already read."""
