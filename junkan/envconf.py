"""Typed readers for environment variables that fail loudly on a bad value.

Settings read every configurable value through these helpers so that a typo in a
deployment (``DEBUG=ture``) stops the process at start-up instead of silently
running with a default.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _raw(name: str, environ: Mapping[str, str] | None) -> str | None:
    env = os.environ if environ is None else environ
    return env.get(name)


def env_str(name: str, default: str = "", environ: Mapping[str, str] | None = None) -> str:
    """Return the variable as a string, or ``default`` when it is unset."""
    value = _raw(name, environ)
    return default if value is None else value


def env_bool(name: str, default: bool, environ: Mapping[str, str] | None = None) -> bool:
    """Return the variable as a boolean; anything but a known spelling is an error."""
    value = _raw(name, environ)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean (use 1/0, true/false, yes/no, on/off)")


def env_int(
    name: str,
    default: int,
    environ: Mapping[str, str] | None = None,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
) -> int:
    """Return the variable as an integer within optional bounds."""
    value = _raw(name, environ)
    if value is None:
        return default
    try:
        number = int(value.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not an integer") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name}={number} is below the minimum {minimum}")
    if maximum is not None and number > maximum:
        raise ImproperlyConfigured(f"{name}={number} is above the maximum {maximum}")
    return number


def env_list(name: str, default: list[str], environ: Mapping[str, str] | None = None) -> list[str]:
    """Return a comma-separated variable as a list of non-empty, stripped items."""
    value = _raw(name, environ)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_links(name: str, environ: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
    """``Label|https://…`` pairs separated by commas (the platform's social accounts); https only."""
    links = []
    for item in env_list(name, [], environ):
        label, sep, url = item.partition("|")
        label, url = label.strip(), url.strip()
        if not sep or not label or not url.startswith("https://") or " " in url:
            raise ImproperlyConfigured(f"{name}: expected 'Label|https://…' items, got {item!r}")
        links.append((label, url))
    return links


def email_config(url: str) -> dict[str, Any]:
    """Turn an ``EMAIL_URL`` into Django e-mail settings.

    Supported forms: ``console://``, ``locmem://``, ``dummy://``,
    ``smtp://user:password@host:587?tls=1`` and ``smtps://...`` (implicit TLS).
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    simple = {
        "console": "django.core.mail.backends.console.EmailBackend",
        "locmem": "django.core.mail.backends.locmem.EmailBackend",
        "dummy": "django.core.mail.backends.dummy.EmailBackend",
    }
    if scheme in simple:
        return {"EMAIL_BACKEND": simple[scheme]}
    if scheme not in {"smtp", "smtps"}:
        raise ImproperlyConfigured(
            f"EMAIL_URL scheme {scheme!r} is not supported (console, locmem, dummy, smtp, smtps)"
        )
    if not parts.hostname:
        raise ImproperlyConfigured("EMAIL_URL has no host")
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    tls = env_bool("tls", False, query)
    ssl = scheme == "smtps" or env_bool("ssl", False, query)
    if tls and ssl:
        raise ImproperlyConfigured("EMAIL_URL cannot use both STARTTLS (tls=1) and implicit TLS (smtps)")
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": parts.port or (465 if ssl else 587 if tls else 25),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": tls,
        "EMAIL_USE_SSL": ssl,
        "EMAIL_TIMEOUT": env_int("timeout", 10, query, minimum=1),
    }
