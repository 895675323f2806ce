"""Sign-up, login, throttling, two-factor enforcement and platform roles."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import PASSWORD, totp_code
from junkan.accounts.models import Role, User
from junkan.accounts.services import grant_role, revoke_role
from junkan.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()


def test_signup_sends_verification_and_keeps_the_name():
    response = Client().post(
        reverse("account_signup"),
        {
            "email": "Hanako@Example.jp",
            "full_name": "循環 花子",
            "full_name_kana": "じゅんかん はなこ",
            "password1": "a-long-pass-phrase-2026",
            "password2": "a-long-pass-phrase-2026",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email__iexact="hanako@example.jp")
    assert user.full_name == "循環 花子"
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    assert "hanako@example.jp" in mail.outbox[0].to[0].lower()


def test_signup_errors_are_in_japanese_and_keep_input():
    response = Client().post(
        reverse("account_signup"),
        {"email": "taro@example.jp", "full_name": "環境 太郎", "password1": "short", "password2": "short"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "入力内容を確認してください" in body
    assert "パスワード" in body
    assert 'value="taro@example.jp"' in body and 'value="環境 太郎"' in body
    assert not User.objects.filter(email="taro@example.jp").exists()


def test_login_with_unverified_email_is_held_back(make_user):
    user = make_user("unverified@example.jp")
    EmailAddress.objects.filter(user=user).update(verified=False)
    client = Client()
    client.post(reverse("account_login"), {"login": "unverified@example.jp", "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_login_and_throttling(make_user):
    make_user("throttle@example.jp")
    client = Client()
    for _ in range(5):
        response = client.post(
            reverse("account_login"), {"login": "throttle@example.jp", "password": "wrong"}
        )
        assert response.status_code == 200
    # The sixth attempt is refused even with the right password.
    response = client.post(reverse("account_login"), {"login": "throttle@example.jp", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code in {200, 429}


def test_login_succeeds_with_the_right_password(make_user):
    user = make_user("ok@example.jp")
    client = Client()
    response = client.post(reverse("account_login"), {"login": "OK@example.jp", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_staff_without_totp_are_sent_to_setup(make_staff):
    make_staff(totp=False)
    client = Client()
    response = client.post(reverse("account_login"), {"login": "staff@example.jp", "password": PASSWORD})
    assert "_auth_user_id" in client.session
    response = client.get(reverse("organizations:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
    # Setup is reachable; allauth asks for the password once more before adding a factor.
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    assert "data:image/svg+xml" in response.content.decode()  # the QR code, drawn by the app itself


@pytest.mark.parametrize("role", [Role.SECRETARIAT, Role.REVIEWER, Role.ADMINISTRATOR])
def test_every_two_factor_role_is_enforced(make_staff, client_as, role):
    user = make_staff(email=f"{role}@example.jp", role=role, totp=False)
    assert client_as(user).get(reverse("portal:home")).status_code == 302


def test_the_totp_check_is_cached_and_follows_every_change_of_the_authenticators(
    make_staff, with_totp, client_as
):
    from allauth.mfa.models import Authenticator

    user = make_staff(totp=False)
    client = client_as(user)
    assert client.get(reverse("portal:home")).status_code == 302  # to the setup
    with_totp(user)  # set up: seen at once
    assert client.get(reverse("portal:home")).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("portal:home")).status_code == 200
    assert not any("mfa_authenticator" in query["sql"] for query in captured.captured_queries)
    Authenticator.objects.filter(user=user).delete()  # removed: seen at once
    assert client.get(reverse("portal:home")).status_code == 302


def test_expert_and_plain_users_need_no_totp(make_staff, client_as, owner):
    expert = make_staff(email="expert@example.jp", role=Role.EXPERT, totp=False)
    assert client_as(expert).get(reverse("portal:home")).status_code == 200
    assert client_as(owner).get(reverse("portal:home")).status_code == 200


def test_staff_login_asks_for_the_totp_code(make_staff):
    make_staff()
    client = Client()
    response = client.post(reverse("account_login"), {"login": "staff@example.jp", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    code = totp_code()
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000" if code != "000000" else "111111"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert "_auth_user_id" in client.session


def test_grant_and_revoke_role_sync_staff_flags_and_audit(owner):
    grant_role(None, owner, Role.SECRETARIAT)
    owner.refresh_from_db()
    assert owner.is_staff and not owner.is_superuser
    grant_role(None, owner, Role.ADMINISTRATOR)
    owner.refresh_from_db()
    assert owner.is_superuser
    assert revoke_role(None, owner, Role.ADMINISTRATOR)
    assert revoke_role(None, owner, Role.SECRETARIAT)
    owner.refresh_from_db()
    assert not owner.is_staff and not owner.is_superuser
    actions = list(AuditEntry.objects.for_object(owner).values_list("action", flat=True))
    assert sorted(actions) == sorted(["accounts.role.granted"] * 2 + ["accounts.role.revoked"] * 2)


def test_granting_twice_writes_one_entry(owner):
    grant_role(None, owner, Role.REVIEWER)
    grant_role(None, owner, Role.REVIEWER)
    assert AuditEntry.objects.filter(action="accounts.role.granted").count() == 1


def test_only_administrators_grant_roles(owner, member, make_staff):
    secretariat = make_staff()
    with pytest.raises(PermissionDenied):
        grant_role(secretariat, member, Role.SECRETARIAT)
    with pytest.raises(PermissionDenied):
        grant_role(owner, member, Role.REVIEWER)
    admin = make_staff(email="root@example.jp", role=Role.ADMINISTRATOR)
    grant_role(admin, member, Role.REVIEWER)
    assert member.has_role(Role.REVIEWER)


@pytest.mark.parametrize(("who", "status"), [("anonymous", 302), ("owner", 302), ("staff", 200)])
def test_admin_site(client_as, owner, staff, who, status):
    user = {"anonymous": None, "owner": owner, "staff": staff}[who]
    response = client_as(user).get(reverse("admin:index"))
    assert response.status_code == status
    if status == 302:
        assert "login" in response["Location"]


def test_admin_role_action_goes_through_the_service(client_as, make_staff, member):
    admin = make_staff(email="root@example.jp", role=Role.ADMINISTRATOR)
    response = client_as(admin).post(
        reverse("admin:accounts_user_changelist"),
        {"action": "grant_reviewer", "_selected_action": [member.pk]},
    )
    assert response.status_code == 302
    assert member.has_role(Role.REVIEWER)
    assert AuditEntry.objects.filter(action="accounts.role.granted", object_id=str(member.pk)).exists()


def test_full_width_addresses_are_normalized_at_signup_and_login(make_user):
    response = Client().post(
        reverse("account_signup"),
        {
            "email": "ｚｅｎｋａｋｕ＠ＥＸＡＭＰＬＥ．ｊｐ",
            "full_name": "全角 入力",
            "password1": "a-long-pass-phrase-2026",
            "password2": "a-long-pass-phrase-2026",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="zenkaku@example.jp")
    assert user.full_name == "全角 入力"  # prose is kept as typed
    EmailAddress.objects.filter(user=user).update(verified=True)
    client = Client()
    client.post(
        reverse("account_login"),
        {"login": "ｚｅｎｋａｋｕ＠example.jp", "password": "a-long-pass-phrase-2026"},
    )
    assert client.session["_auth_user_id"] == str(user.pk)


def test_password_reset_by_email(make_user):
    user = make_user("forgot@example.jp")
    client = Client()
    response = client.post(reverse("account_reset_password"), {"email": "forgot@example.jp"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = next(word for word in mail.outbox[0].body.split() if "/accounts/password/reset/key/" in word)
    path = link.split("testserver", 1)[-1]
    response = client.get(path, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else path
    response = client.post(
        form_url, {"password1": "a-brand-new-pass-2026", "password2": "a-brand-new-pass-2026"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-brand-new-pass-2026")


def test_password_reset_does_not_reveal_unknown_addresses(make_user):
    make_user("known@example.jp")
    known = Client().post(reverse("account_reset_password"), {"email": "known@example.jp"})
    unknown = Client().post(reverse("account_reset_password"), {"email": "nobody@example.jp"})
    # The page answers the same whether or not an account exists.
    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert not any(
        "/accounts/password/reset/key/" in m.body for m in mail.outbox if "nobody@example.jp" in m.to
    )
