"""Authentication events reach the audit log; the person hears of password changes and of new browsers."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD, totp_code
from junkan.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def actions(**filters) -> list[str]:
    return list(AuditEntry.objects.filter(**filters).order_by("id").values_list("action", flat=True))


def test_a_login_and_a_failed_one_are_audited(make_user):
    user = make_user("audited@example.jp")
    client = Client()
    client.post(reverse("account_login"), {"login": "audited@example.jp", "password": "wrong-password"})
    failed = AuditEntry.objects.get(action="accounts.auth.login_failed")
    assert failed.data["email"] == "audited@example.jp" and "wrong-password" not in str(failed.data)
    client.post(reverse("account_login"), {"login": "audited@example.jp", "password": PASSWORD})
    entry = AuditEntry.objects.get(action="accounts.auth.logged_in")
    assert entry.actor == user and entry.object_id == str(user.pk)
    assert entry.data["ip"] == "127.0.0.1"


def test_a_wrong_second_factor_is_audited(make_staff):
    staff = make_staff()
    client = Client()
    client.post(reverse("account_login"), {"login": "staff@example.jp", "password": PASSWORD})
    code = totp_code()
    client.post(reverse("mfa_authenticate"), {"code": "000000" if code != "000000" else "111111"})
    assert "accounts.auth.second_factor_failed" in actions(object_id=str(staff.pk))


def test_a_password_change_is_audited_and_mailed(make_user, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    user = make_user("changer@example.jp")
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    new = "another-correct-horse-42"
    response = client.post(
        reverse("account_change_password"), {"oldpassword": PASSWORD, "password1": new, "password2": new}
    )
    assert response.status_code == 302
    assert "accounts.auth.password_changed" in actions(object_id=str(user.pk))
    assert any(message.to == ["changer@example.jp"] for message in mail.outbox)


def test_a_login_from_a_new_browser_is_mailed_but_not_from_a_known_one(make_user, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    make_user("traveller@example.jp")
    first, second = Client(), Client()
    login = {"login": "traveller@example.jp", "password": PASSWORD}
    first.post(reverse("account_login"), login)  # the first login ever: nothing to compare with
    assert mail.outbox == []
    first.post(reverse("account_logout"))
    first.post(reverse("account_login"), login)  # the same browser again
    assert mail.outbox == []
    second.post(reverse("account_login"), login, HTTP_USER_AGENT="Other/1.0")
    assert [message.to for message in mail.outbox] == [["traveller@example.jp"]]
    assert "新しい端末" in mail.outbox[0].subject and "Other/1.0" in mail.outbox[0].body
    assert "/accounts/sessions/" in mail.outbox[0].body  # where to sign that device out


def test_the_secretariat_reads_login_entries_in_the_audit_log(make_user, make_staff, client_as):
    user = make_user("seen@example.jp")
    Client().post(reverse("account_login"), {"login": "seen@example.jp", "password": PASSWORD})
    url = reverse("audit:object", args=["accounts", "user", user.pk])
    assert "accounts.auth.logged_in" in client_as(make_staff()).get(url).content.decode()
    assert client_as(user).get(url).status_code == 404


def test_staff_are_signed_out_after_the_idle_time(make_staff, owner, client_as, settings):
    import time

    settings.STAFF_IDLE_SECONDS = 1800
    staff_client, owner_client = client_as(make_staff()), client_as(owner)
    for client in (staff_client, owner_client):
        assert client.get(reverse("portal:home")).status_code == 200
        session = client.session
        session["_junkan_seen"] = int(time.time()) - 1801
        session.save()
    response = staff_client.get(reverse("portal:home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in staff_client.session
    assert owner_client.get(reverse("portal:home")).status_code == 200  # not staff: the 12-hour session


def test_a_login_refused_by_the_throttle_is_its_own_audit_entry(make_user):
    user = make_user("locked@example.jp")
    client = Client(REMOTE_ADDR="198.51.100.7")
    wrong = {"login": "locked@example.jp", "password": "wrong-password"}
    for _ in range(5):  # ACCOUNT_RATE_LIMITS: 5 failures per 5 minutes per address
        client.post(reverse("account_login"), wrong)
    assert not AuditEntry.objects.filter(action="accounts.auth.login_locked").exists()
    response = client.post(reverse("account_login"), {"login": "locked@example.jp", "password": PASSWORD})
    assert response.status_code == 200  # refused even with the right password
    entry = AuditEntry.objects.get(action="accounts.auth.login_locked")
    assert entry.data["event"] == "ログイン試行の制限"
    assert entry.data["email"] == "locked@example.jp" and entry.data["ip"] == "198.51.100.7"
    assert entry.object_id == str(user.pk) and entry.actor is None
    assert "wrong-password" not in str(entry.data) and PASSWORD not in str(entry.data)
    assert AuditEntry.objects.filter(action="accounts.auth.login_failed").count() == 5


def test_a_lockout_on_an_unknown_address_names_the_address_tried():
    client = Client(REMOTE_ADDR="198.51.100.8")
    for _ in range(6):
        client.post(reverse("account_login"), {"login": "nobody@example.jp", "password": "wrong-password"})
    entry = AuditEntry.objects.get(action="accounts.auth.login_locked")
    assert entry.data["email"] == "nobody@example.jp" and entry.object_id == ""
