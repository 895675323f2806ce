"""Demo people. Every name is fictional; every address is under example.jp (reserved for examples)."""

from __future__ import annotations

from collections.abc import Callable

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP

from junkan.accounts.models import Role, User
from junkan.accounts.services import grant_role

DEMO_PASSWORD = "junkan-demo-2026"  # noqa: S105 - printed for the demo on purpose
# Base32 secret of the demo staff's TOTP device; add it to any authenticator app (30 s, 6 digits).
DEMO_TOTP_SECRET = "JUNKANDEMOJUNKANDEMOJUNKANDEMO22"  # noqa: S105

# email, name, kana, roles, description
PEOPLE: list[tuple[str, str, str, tuple[Role, ...], str]] = [
    ("officer@example.jp", "環境 太郎（デモ）", "かんきょう たろう", (), "市役所の担当者・組織の管理者"),
    ("member@example.jp", "循環 花子（デモ）", "じゅんかん はなこ", (), "市役所の担当者・組織のメンバー"),
    ("company@example.jp", "共生 一郎（デモ）", "きょうせい いちろう", (), "企業の担当者・組織の管理者"),
    (
        "secretariat@example.jp",
        "事務 局子（デモ）",
        "じむ きょくこ",
        (Role.SECRETARIAT,),
        "事務局（2段階認証あり）",
    ),
    (
        "reviewer@example.jp",
        "審査 委員（デモ）",
        "しんさ いいん",
        (Role.REVIEWER,),
        "審査委員（2段階認証あり）",
    ),
    (
        "admin@example.jp",
        "管理 者（デモ）",
        "かんり しゃ",
        (Role.ADMINISTRATOR,),
        "システム管理者（2段階認証あり）",
    ),
]


def demo_user(email: str) -> User:
    return User.objects.get(email=email)


def load(log: Callable[[str], object]) -> list[tuple[str, str, str]]:
    logins: list[tuple[str, str, str]] = []
    for email, name, kana, roles, description in PEOPLE:
        user, created = User.objects.get_or_create(
            email=email, defaults={"full_name": name, "full_name_kana": kana}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        for role in roles:
            grant_role(None, user, role)
        if roles and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, DEMO_TOTP_SECRET)
        logins.append((email, DEMO_PASSWORD, description))
    log(f"accounts: {len(PEOPLE)} demo logins; TOTP secret of staff and reviewers: {DEMO_TOTP_SECRET}")
    return logins
