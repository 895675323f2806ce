"""The tiered cache: each process serves again what it read from the shared cache; writes reach both."""

from __future__ import annotations

import socket
import uuid

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.template import Context, Template
from django.test import override_settings

from junkan.common import cache as gen
from junkan.common.cache_backends import LocalFront, TieredRedisCache


class TieredLocMem(LocalFront, LocMemCache):
    """The tier over a LocMem 'shared' cache, so that the shared side can be changed behind its back."""


def tiered(**options: int) -> TieredLocMem:
    return TieredLocMem(f"shared-{uuid.uuid4().hex}", {"OPTIONS": options})


def test_a_value_read_once_is_served_again_without_the_shared_cache():
    store = tiered()
    LocMemCache.set(store, "fragment@t1", "<ul>…</ul>")  # written by another server
    assert store.get("fragment@t1") == "<ul>…</ul>"
    LocMemCache.delete(store, "fragment@t1")  # gone from the shared side
    assert store.get("fragment@t1") == "<ul>…</ul>"  # this process kept its copy


def test_what_is_missing_everywhere_is_the_default_and_not_kept():
    store = tiered()
    assert store.get("nothing", "default") == "default"
    LocMemCache.set(store, "nothing", "now there")
    assert store.get("nothing", "default") == "now there"


def test_writes_and_deletes_reach_both_sides():
    store = tiered()
    store.set("k", 1)
    assert LocMemCache.get(store, "k") == 1
    store.delete("k")
    assert store.get("k") is None
    assert LocMemCache.get(store, "k") is None
    assert store.add("k", 2) is True
    assert store.add("k", 3) is False
    assert store.get("k") == 2


def test_get_many_mixes_the_local_copies_and_the_shared_values():
    store = tiered()
    store.set("a", 1)
    LocMemCache.set(store, "b", 2)
    assert store.get_many(["a", "b", "c"]) == {"a": 1, "b": 2}
    LocMemCache.delete(store, "b")
    assert store.get_many(["b"]) == {"b": 2}


def test_the_local_copy_expires(monkeypatch):
    store = tiered(LOCAL_SECONDS=60)
    LocMemCache.set(store, "k", "v", 3600)
    assert store.get("k") == "v"
    LocMemCache.set(store, "k", "w", 3600)  # never done with a token key; here to see the copy expire
    assert store.get("k") == "v"
    import time

    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 61)
    assert store.get("k") == "w"


def test_clear_empties_both_sides():
    store = tiered()
    store.set("k", 1)
    store.clear()
    assert store.get("k") is None


def _redis_answers() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


@pytest.mark.django_db
@pytest.mark.skipif(not _redis_answers(), reason="needs a Redis server at 127.0.0.1:6379 (CI's machine has)")
def test_fragments_and_derived_values_go_through_the_tier_and_a_bump_is_seen_through_redis():
    """Each process its own tier over one Redis: a value cached under the current token is computed once
    and shared; a bump (through Redis, the default cache) gives every process a new key at once."""
    location = "redis://127.0.0.1:6379/9"
    prefix = f"t{uuid.uuid4().hex[:8]}"
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": prefix,
        },
        "template_fragments": {
            "BACKEND": "junkan.common.cache_backends.TieredRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": prefix + "f",
        },
    }
    with override_settings(CACHES=caches):
        from django.core.cache import caches as handler  # built again from the overridden settings

        store = handler["template_fragments"]
        assert isinstance(store, TieredRedisCache)
        assert gen.values_cache() is store
        calls = []

        def compute() -> int:
            calls.append(1)
            return len(calls)

        assert gen.cached("value", ("scope-x",), compute) == 1
        assert gen.cached("value", ("scope-x",), compute) == 1
        other_process = TieredRedisCache(location, {"KEY_PREFIX": prefix + "f"})
        key = f"value@{gen.tokens('scope-x')}"
        assert other_process.get(key) == 1  # shared through Redis
        gen.bump("scope-x")
        assert gen.cached("value", ("scope-x",), compute) == 2

        template = Template("{% load cache %}{% cache 60 frag token %}{{ n }}{% endcache %}")
        token = gen.tokens("scope-x")
        assert template.render(Context({"token": token, "n": 1})) == "1"
        assert template.render(Context({"token": token, "n": 2})) == "1"  # the cached fragment
        gen.bump("scope-x")
        assert template.render(Context({"token": gen.tokens("scope-x"), "n": 3})) == "3"
        client = handler["default"]._cache.get_client(None, write=True)
        for name in client.scan_iter(match=f":1:{prefix}*"):
            client.delete(name)  # what this test left in Redis
        for name in client.scan_iter(match=f"{prefix}*"):
            client.delete(name)
