"""Settings helpers fail loudly on bad values."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from junkan.envconf import email_config, env_bool, env_int, env_list, env_str


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", True), ("TRUE", True), ("on", True), ("0", False), ("no", False), ("", False)]
)
def test_env_bool(raw, expected):
    assert env_bool("X", not expected, {"X": raw}) is expected


def test_env_bool_default_and_typo():
    assert env_bool("X", True, {}) is True
    with pytest.raises(ImproperlyConfigured, match="not a boolean"):
        env_bool("DEBUG", False, {"DEBUG": "ture"})


def test_env_int_bounds():
    assert env_int("N", 3, {}) == 3
    assert env_int("N", 3, {"N": " 42 "}) == 42
    with pytest.raises(ImproperlyConfigured, match="not an integer"):
        env_int("N", 3, {"N": "4.2"})
    with pytest.raises(ImproperlyConfigured, match="below the minimum"):
        env_int("N", 3, {"N": "-1"}, minimum=0)
    with pytest.raises(ImproperlyConfigured, match="above the maximum"):
        env_int("N", 3, {"N": "9"}, maximum=5)


def test_env_list_and_str():
    assert env_list("H", ["a"], {}) == ["a"]
    assert env_list("H", ["a"], {"H": " x.jp, ,y.jp "}) == ["x.jp", "y.jp"]
    assert env_str("S", "d", {}) == "d"


def test_email_config_console_and_smtp():
    assert email_config("console://")["EMAIL_BACKEND"].endswith("console.EmailBackend")
    config = email_config("smtp://user%40x.jp:p%40ss@mail.example.jp:2525?tls=1")
    assert config["EMAIL_HOST"] == "mail.example.jp"
    assert config["EMAIL_PORT"] == 2525
    assert config["EMAIL_HOST_USER"] == "user@x.jp"
    assert config["EMAIL_HOST_PASSWORD"] == "p@ss"
    assert config["EMAIL_USE_TLS"] is True and config["EMAIL_USE_SSL"] is False
    assert email_config("smtps://mail.example.jp")["EMAIL_PORT"] == 465


@pytest.mark.parametrize("url", ["ftp://x", "smtp://", "smtps://h?tls=1", "smtp://h?tls=maybe"])
def test_email_config_rejects(url):
    with pytest.raises(ImproperlyConfigured):
        email_config(url)


def test_env_links():
    from junkan.envconf import env_links

    raw = "Facebook|https://www.facebook.com/LocalSDGsplatform.env/, X|https://x.com/example"
    assert env_links("SOCIAL_LINKS", {"SOCIAL_LINKS": raw}) == [
        ("Facebook", "https://www.facebook.com/LocalSDGsplatform.env/"),
        ("X", "https://x.com/example"),
    ]
    assert env_links("SOCIAL_LINKS", {}) == []
    for bad in ("Facebook", "Facebook|http://example.jp", "|https://example.jp"):
        with pytest.raises(ImproperlyConfigured):
            env_links("SOCIAL_LINKS", {"SOCIAL_LINKS": bad})


@pytest.mark.django_db
def test_social_links_are_in_the_footer(client, settings):
    settings.SOCIAL_LINKS = [("Facebook", "https://www.facebook.com/LocalSDGsplatform.env/")]
    page = client.get("/").content.decode()
    assert 'href="https://www.facebook.com/LocalSDGsplatform.env/"' in page
    settings.SOCIAL_LINKS = []
    assert "facebook.com" not in client.get("/").content.decode()
