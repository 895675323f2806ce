"""Public pages, the language switch, the API documentation and the no-CDN rule."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from junkan.accounts.models import Role, User
from junkan.organizations.models import Membership, Organization

pytestmark = pytest.mark.django_db
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@pytest.mark.parametrize("who", ["anonymous", "owner", "staff"])
def test_home_is_public(client_as, owner, staff, who):
    user = {"anonymous": None, "owner": owner, "staff": staff}[who]
    response = client_as(user).get(reverse("portal:home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="ja">' in body
    assert "本文へ移動" in body
    # The login link is offered only to visitors who have not logged in.
    assert (f'href="{reverse("account_login")}"' in body) is (user is None)


def test_english_switch(client_as):
    client = client_as(None)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    body = client.get("/").content.decode()
    assert '<html lang="en">' in body
    assert "Skip to main content" in body


def test_api_docs_are_served_by_the_app(client_as):
    client = client_as(None)
    schema = client.get("/api/v1/openapi.json")
    assert schema.status_code == 200
    assert schema.json()["info"]["title"] == "junkan API"
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    assert "cdn." not in docs.content.decode()


def test_no_template_loads_anything_from_another_host():
    pattern = re.compile(r"<(script|link|img)[^>]+(src|href)=\"(https?:)?//", re.IGNORECASE)
    offenders = [str(path) for path in TEMPLATES.rglob("*.html") if pattern.search(path.read_text())]
    assert offenders == []


def test_load_demo_is_idempotent(capsys):
    call_command("load_demo")
    counts = (User.objects.count(), Organization.objects.count(), Membership.objects.count())
    call_command("load_demo")
    assert (User.objects.count(), Organization.objects.count(), Membership.objects.count()) == counts
    out = capsys.readouterr().out
    assert "officer@example.jp" in out and "junkan-demo-2026" in out
    # The summary counts every person the demo made, not only the logins (issue 13).
    assert f"People in the demo: {User.objects.count()} (" in out
    # Real municipality names, fictional people.
    assert Organization.objects.filter(name="長野県飯田市", municipality__code="202053").exists()
    assert all("デモ" in user.full_name for user in User.objects.all())
    assert User.objects.get(email="secretariat@example.jp").has_role(Role.SECRETARIAT)


def test_api_json_is_utf8_not_escaped(client_as):
    response = client_as(None).get("/api/v1/municipalities/131016")
    assert response["Content-Type"].startswith("application/json")
    assert "千代田区" in response.content.decode("utf-8")
