"""Fill a database at a chosen scale for benchmarks: ``python bench/fill.py --scale 1``.

Scale 1 is about national size for the foundation: every municipality in the master, one
organization per municipality plus as many companies, five people each, and ten audit
entries per organization. Run it against the database named by DATABASE_URL (by default
bench/results/bench.sqlite3, never the development database).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results"
RESULTS.mkdir(exist_ok=True)
os.environ.setdefault("DATABASE_URL", f"sqlite:///{RESULTS / 'bench.sqlite3'}")
# Production-like: DEBUG off, hashed static files collected into the bench folder.
os.environ.setdefault("DATA_DIR", str(RESULTS))
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "junkan.settings")

BENCH_PASSWORD = "bench-password-2026"  # noqa: S105 - loopback benchmark only
OWNER_EMAIL = "bench-owner@example.jp"
STAFF_EMAIL = "bench-staff@example.jp"


def fill(scale: float) -> dict[str, int]:
    import django

    django.setup()
    from allauth.account.models import EmailAddress
    from allauth.mfa.totp.internal.auth import TOTP
    from django.contrib.auth.hashers import make_password
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import transaction

    from junkan.accounts.models import Role, User
    from junkan.accounts.services import grant_role
    from junkan.audit.models import AuditEntry
    from junkan.municipalities.models import MUNICIPALITY_KINDS, Municipality
    from junkan.organizations.models import Membership, MembershipRole, Organization

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    if User.objects.filter(email=OWNER_EMAIL).exists():
        print("already filled; delete bench/results/bench.sqlite3 (or the database) to refill")
        return {}
    password = make_password(BENCH_PASSWORD)
    municipalities = list(Municipality.objects.filter(kind__in=MUNICIPALITY_KINDS).order_by("code"))
    count = max(1, int(len(municipalities) * scale))
    with transaction.atomic():
        owner = User.objects.create(email=OWNER_EMAIL, full_name="ベンチ 管理者", password=password)
        staff = User.objects.create(email=STAFF_EMAIL, full_name="ベンチ 事務局", password=password)
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in (owner, staff)]
        )
        grant_role(None, staff, Role.SECRETARIAT)
        TOTP.activate(staff, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
        organizations = [
            Organization(kind="municipality", name=m.full_name, municipality=m)
            for m in municipalities[:count]
        ] + [Organization(kind="company", name=f"株式会社ベンチ{i:05d}（架空）") for i in range(count)]
        Organization.objects.bulk_create(organizations, batch_size=1000)
        organizations = list(Organization.objects.order_by("id"))
        people = User.objects.bulk_create(
            [
                User(email=f"bench{i:06d}@example.jp", full_name=f"ベンチ 利用者{i:06d}", password=password)
                for i in range(len(organizations) * 5)
            ],
            batch_size=2000,
        )
        memberships = [
            Membership(
                organization=org, user=people[i * 5 + j], role=MembershipRole.OWNER if j == 0 else "member"
            )
            for i, org in enumerate(organizations)
            for j in range(5)
        ]
        # The bench owner belongs to 50 organizations and owns the first one, which has 200 members.
        memberships += [
            Membership(organization=org, user=owner, role=MembershipRole.OWNER) for org in organizations[:50]
        ]
        memberships += [
            Membership(organization=organizations[0], user=person, role="member")
            for person in people[5 : 5 + 200]
        ]
        Membership.objects.bulk_create(memberships, batch_size=2000, ignore_conflicts=True)
        org_type = ContentType.objects.get_for_model(Organization)
        AuditEntry.objects.bulk_create(
            [
                AuditEntry(
                    actor=owner,
                    actor_label=str(owner),
                    action="organizations.organization.updated",
                    content_type=org_type,
                    object_id=str(org.pk),
                    object_repr=org.name,
                    changes={"phone": [None, f"03-0000-{n:04d}"]},
                )
                for org in organizations
                for n in range(10)
            ],
            batch_size=2000,
        )
    return {
        "organizations": Organization.objects.count(),
        "people": User.objects.count(),
        "memberships": Membership.objects.count(),
        "audit_entries": AuditEntry.objects.count(),
        "municipalities": Municipality.objects.count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0, help="1 = national scale (default)")
    args = parser.parse_args()
    started = time.monotonic()
    counts = fill(args.scale)
    print(f"filled in {time.monotonic() - started:.1f}s: {counts}")


if __name__ == "__main__":
    main()
