"""Fill a database at a chosen scale for benchmarks: ``python bench/fill.py --scale 1``.

Scale 1 is about national size for the foundation: every municipality in the master, one
organization per municipality plus as many companies, five people each, and ten audit
entries per organization. The review adds a committee of five members to the FY2019 call with
400 accepted applications, each scored by all five (2,000 sheets), whatever the scale. Run it
against the database named by DATABASE_URL (by default bench/results/bench.sqlite3, never the
development database).
"""

from __future__ import annotations

import argparse
import os
import random
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
REVIEWER_EMAIL = "bench-reviewer@example.jp"
REVIEW_PROGRAM = "fy2019-decarbonised-region-model"
REVIEW_APPLICATIONS = 400
REVIEW_MEMBERS = 5


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
        return fill_review()
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
        **fill_review(),
    }


def fill_review() -> dict[str, int]:
    """The FY2019 call's committee: 400 accepted applications, five members, every one scoring every one."""
    from allauth.mfa.totp.internal.auth import TOTP
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from junkan.accounts.models import Role, User
    from junkan.accounts.services import grant_role
    from junkan.applications.models import Application, ApplicationStatus
    from junkan.organizations.models import Organization
    from junkan.programs.models import Program
    from junkan.review import analysis
    from junkan.review.engine import scoring
    from junkan.review.models import (
        Assignment,
        AssignmentSource,
        Budget,
        Committee,
        CommitteeMember,
        Mark,
        ScoreSheet,
        SheetStatus,
    )

    program = Program.objects.filter(slug=REVIEW_PROGRAM).first()
    if program is None or Committee.objects.filter(program=program).exists():
        return {}
    staff = User.objects.get(email=STAFF_EMAIL)
    criteria = analysis.load_criteria(program)
    types = [tc.project_type for tc in criteria.values()]
    organizations = list(Organization.objects.order_by("id")[:REVIEW_APPLICATIONS])
    now = timezone.now()
    # Fixed seed: the same data on every run. Each application has a quality around which members vary.
    rng = random.Random(2019)
    quality = [rng.randint(1, 5) for _ in organizations]
    with transaction.atomic():
        applications = Application.objects.bulk_create(
            [
                Application(
                    program=program,
                    project_type=types[i % len(types)],
                    organization=org,
                    created_by=staff,
                    title=f"ベンチ審査事業{i:04d}（架空）",
                    status=ApplicationStatus.ACCEPTED,
                    receipt_number=f"{program.fiscal_year}-bench-{i:04d}",
                    submitted_at=now,
                    requested_amount=rng.randrange(20, 100) * 100_000,
                    total_cost=10_000_000,
                )
                for i, org in enumerate(organizations)
            ]
        )
        password = make_password(BENCH_PASSWORD)
        reviewers = [
            User.objects.create(
                email=REVIEWER_EMAIL if n == 0 else f"bench-reviewer{n}@example.jp",
                full_name=f"ベンチ 審査委員{n + 1}",
                password=password,
            )
            for n in range(REVIEW_MEMBERS)
        ]
        for reviewer in reviewers:
            grant_role(None, reviewer, Role.REVIEWER)
            TOTP.activate(reviewer, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
        committee = Committee.objects.create(
            program=program,
            name="審査委員会（ベンチ）",
            created_by=staff,
            reviewers_per_application=REVIEW_MEMBERS,
        )
        committee.managers.add(staff)
        members = CommitteeMember.objects.bulk_create(
            [CommitteeMember(committee=committee, user=reviewer) for reviewer in reviewers]
        )
        assignments = Assignment.objects.bulk_create(
            [
                Assignment(
                    committee=committee,
                    member=member,
                    application=application,
                    source=AssignmentSource.AUTO,
                    assigned_at=now,
                )
                for application in applications
                for member in members
            ],
            batch_size=2000,
        )
        sheets, marks = [], []
        for n, assignment in enumerate(assignments):
            tc = criteria[assignment.application.project_type.code]
            base = quality[n // REVIEW_MEMBERS]
            values = {
                row.code: scoring.Mark(passed=True)
                if row.pass_fail
                else scoring.Mark(points=max(row.scale_min, min(row.scale_max, base + rng.randint(-1, 1))))
                for row in tc.rows
            }
            engine = scoring.ScoreSheet(assignment.member_id, assignment.application_id, values)
            sheets.append(
                ScoreSheet(
                    assignment=assignment,
                    status=SheetStatus.SUBMITTED,
                    overall_comment="（ベンチ）総合所見",
                    score=scoring.sheet_score(tc.criteria, engine),
                    submitted_at=now,
                )
            )
            marks.append([(row, values[row.code]) for row in tc.rows])
        sheets = ScoreSheet.objects.bulk_create(sheets, batch_size=2000)
        Mark.objects.bulk_create(
            [
                Mark(sheet=sheet, criterion=row, points=mark.points, passed=mark.passed, comment="（ベンチ）")
                for sheet, rows in zip(sheets, marks, strict=True)
                for row, mark in rows
            ],
            batch_size=5000,
        )
        for project_type in types:
            requested = sum(a.requested_amount for a in applications if a.project_type_id == project_type.pk)
            Budget.objects.create(committee=committee, project_type=project_type, amount=requested * 6 // 10)
    return {
        "review_applications": len(applications),
        "review_sheets": len(sheets),
        "review_marks": Mark.objects.count(),
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
