"""Demo hub staff at 中部地方環境事務所, EPO九州 and 北海道地方環境事務所 (fictional people at example.jp)."""

from __future__ import annotations

from collections.abc import Callable

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP

from junkan.accounts.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET
from junkan.accounts.models import User
from junkan.hubs import services
from junkan.hubs.models import Hub

STAFF = [
    (
        "hub-chubu@example.jp",
        "中部 事務所員（デモ）",
        "chubu-office",
        "中部地方環境事務所の職員（2段階認証あり）",
    ),
    ("hub-kyushu@example.jp", "九州 EPO職員（デモ）", "epo-kyushu", "EPO九州の職員（2段階認証あり）"),
    # The demo's support cases are in Hokkaido: this hub's 担当区域の案件 lists them.
    (
        "hub-hokkaido@example.jp",
        "北海道 事務所員（デモ）",
        "hokkaido-office",
        "北海道地方環境事務所の職員（2段階認証あり・担当区域の支援案件）",
    ),
]


def load(log: Callable[[str], object]) -> list[tuple[str, str, str]]:
    logins = []
    for email, name, slug, description in STAFF:
        hub = Hub.objects.filter(slug=slug).first()
        if hub is None:
            continue
        user, created = User.objects.get_or_create(email=email, defaults={"full_name": name})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        services.assign_staff(None, hub, user)
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, DEMO_TOTP_SECRET)
        logins.append((email, DEMO_PASSWORD, description))
    log(f"hubs: {Hub.objects.count()} hubs, {len(logins)} demo hub staff")
    return logins
