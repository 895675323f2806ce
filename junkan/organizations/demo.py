"""Demo organizations: real municipality names from the master, fictional companies and people."""

from __future__ import annotations

from collections.abc import Callable

from junkan.accounts.demo import demo_user
from junkan.municipalities.models import Municipality
from junkan.organizations.models import Membership, MembershipRole, Organization, OrganizationKind

# name, kind, municipality code, address, members [(email, role, department, title)]
ORGANIZATIONS = [
    (
        "長野県飯田市",
        OrganizationKind.MUNICIPALITY,
        "202053",
        "長野県飯田市大久保町2534番地",
        [
            ("officer@example.jp", MembershipRole.OWNER, "市民協働環境部 環境政策課", "係長"),
            ("member@example.jp", MembershipRole.MEMBER, "市民協働環境部 環境政策課", "主事"),
        ],
    ),
    (
        "北海道下川町",
        OrganizationKind.MUNICIPALITY,
        "014681",
        "北海道上川郡下川町幸町63番地",
        [("officer@example.jp", MembershipRole.OWNER, "政策推進課 SDGs推進戦略室", "室長")],
    ),
    (
        "株式会社みどり循環エナジー（架空）",
        OrganizationKind.COMPANY,
        None,
        "東京都千代田区霞が関一丁目（架空の所在地）",
        [("company@example.jp", MembershipRole.OWNER, "地域エネルギー事業部", "部長")],
    ),
]


def load(log: Callable[[str], object]) -> list[tuple[str, str, str]]:
    for name, kind, code, address, members in ORGANIZATIONS:
        municipality = Municipality.objects.get(code=code) if code else None
        organization, _created = Organization.objects.get_or_create(
            name=name, kind=kind, defaults={"municipality": municipality, "address": address}
        )
        for email, role, department, title in members:
            Membership.objects.get_or_create(
                organization=organization,
                user=demo_user(email),
                defaults={"role": role, "department": department, "title": title},
            )
    log(f"organizations: {len(ORGANIZATIONS)} demo organizations")
    return []
