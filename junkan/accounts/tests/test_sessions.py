"""People see where they are signed in, sign out elsewhere, and a change of role ends their sessions."""

from __future__ import annotations

import pytest
from allauth.usersessions.models import UserSession
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from junkan.accounts.models import Role
from junkan.accounts.services import grant_role, revoke_role

pytestmark = pytest.mark.django_db


def _login(user, agent: str) -> Client:
    client = Client(HTTP_USER_AGENT=agent)
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content[:500]
    return client


def test_anonymous_is_sent_to_login():
    response = Client().get(reverse("usersessions_list"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_list_shows_every_browser_and_signs_out_the_others(member):
    phone = _login(member, "Phone/1.0")
    desk = _login(member, "Desk/2.0")
    page = desk.get(reverse("usersessions_list"))
    assert page.status_code == 200
    assert b"Phone/1.0" in page.content and b"Desk/2.0" in page.content
    assert UserSession.objects.filter(user=member).count() == 2

    desk.post(reverse("usersessions_list"))

    assert UserSession.objects.filter(user=member).count() == 1
    assert desk.get(reverse("usersessions_list")).status_code == 200
    # The phone's session has ended: it is asked to log in again.
    assert phone.get(reverse("usersessions_list")).status_code == 302


def test_another_persons_sessions_are_not_shown(member, outsider):
    _login(member, "MemberBrowser/1.0")
    page = _login(outsider, "OutsiderBrowser/1.0").get(reverse("usersessions_list"))
    assert b"MemberBrowser" not in page.content


def test_a_role_granted_or_revoked_ends_the_persons_sessions(member, django_capture_on_commit_callbacks):
    client = _login(member, "Browser/1.0")
    with django_capture_on_commit_callbacks(execute=True):
        grant_role(None, member, Role.REVIEWER)
    assert not UserSession.objects.filter(user=member).exists()
    assert client.get(reverse("usersessions_list")).status_code == 302

    client = _login(member, "Browser/1.0")
    with django_capture_on_commit_callbacks(execute=True):
        revoke_role(None, member, Role.REVIEWER)
    assert client.get(reverse("usersessions_list")).status_code == 302


def test_an_unchanged_role_keeps_the_sessions(member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        grant_role(None, member, Role.REVIEWER)
    client = _login(member, "Browser/1.0")
    with django_capture_on_commit_callbacks(execute=True):
        grant_role(None, member, Role.REVIEWER)  # already held: nothing changes
    assert UserSession.objects.filter(user=member).count() == 1
    assert client.get(reverse("usersessions_list")).status_code in (200, 302)
