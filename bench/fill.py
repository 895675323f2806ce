"""Fill a database at a chosen scale for benchmarks: ``python bench/fill.py --scale 1``.

Scale 1 is national size: every municipality in the master, one organization per municipality
plus as many companies, five people each, and ten audit entries per organization; about 1,800
approved practice regions and 1,724 approved companies with about 3,500 solutions; 1,000
applications to the FY2019 call, 400 of them accepted and reviewed by a committee of five (2,000
score sheets), 400 grant projects, 200 case studies and a search index of about 8,800 documents.
Scale 0.1 is a tenth of everything. Run it against the database named by DATABASE_URL (by
default bench/results/bench-<scale>.sqlite3, never the development database).

Pages of later issues fill their data in a function added to ``AREAS`` (each is skipped when its
data is there already).
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
# Production-like: DEBUG off, hashed static files collected into the bench folder.
os.environ.setdefault("DATA_DIR", str(RESULTS))
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "junkan.settings")

BENCH_PASSWORD = "bench-password-2026"  # noqa: S105 - loopback benchmark only
OWNER_EMAIL = "bench-owner@example.jp"
STAFF_EMAIL = "bench-staff@example.jp"
REVIEWER_EMAIL = "bench-reviewer@example.jp"
REVIEW_PROGRAM = "fy2019-decarbonised-region-model"
REVIEW_APPLICATIONS = 400  # at scale 1
INBOX_APPLICATIONS = 1000  # at scale 1, the reviewed ones included
PROJECTS = 400
EXTRA_REGIONS = 76  # a few municipalities register a second region: ~1,800 at scale 1
CASES = 200
REVIEW_MEMBERS = 5


def database_url(scale: float, base: str | None = None) -> str:
    """The database of ``scale``: a SQLite file in bench/results, or ``<base>_s<scale>`` (PostgreSQL)."""
    tag = f"{scale:g}".replace(".", "")
    base = base if base is not None else os.environ.get("BENCH_DATABASE_URL", "")
    if base.startswith("postgres"):
        return f"{base}_s{tag}"
    return f"sqlite:///{RESULTS / f'bench-s{tag}.sqlite3'}"


def ensure_database(url: str) -> None:
    """Create the PostgreSQL database of ``url`` when it does not exist yet."""
    if not url.startswith("postgres"):
        return
    import psycopg

    head, name = url.rsplit("/", 1)
    with psycopg.connect(f"{head}/postgres", autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            conn.execute(f'CREATE DATABASE "{name}"')


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
        return fill_areas(scale)
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
        **fill_areas(scale),
    }


def fill_areas(scale: float) -> dict[str, int]:
    counts: dict[str, int] = {}
    for area in AREAS:
        started = time.monotonic()
        filled = area(scale)
        if filled:
            print(f"  {area.__name__}: {filled} in {time.monotonic() - started:.1f}s", flush=True)
        counts.update(filled)
    return counts


def fill_review(scale: float) -> dict[str, int]:
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
    organizations = list(Organization.objects.order_by("id")[: max(10, int(REVIEW_APPLICATIONS * scale))])
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


RESOURCE_WORDS = ["森林", "農地", "里山", "海", "河川", "温泉", "雪", "地熱", "風", "太陽光", "家畜", "竹林"]
ACTIONS = [
    "木質バイオマス発電",
    "小水力発電",
    "地域新電力",
    "エコツーリズム",
    "食品残さの堆肥化",
    "公共交通の再編",
]


def _text(n: int, what: str) -> str:
    """Japanese prose that varies with ``n``, so the search index has realistic terms."""
    resource = RESOURCE_WORDS[n % len(RESOURCE_WORDS)]
    action = ACTIONS[n % len(ACTIONS)]
    return (
        f"{what}では{resource}を地域資源として生かし、{action}に取り組んでいます。"
        f"人口減少と高齢化が進むなか、地域の事業者・金融機関・住民が協力して脱炭素と地域経済の循環をめざします。"
        f"第{n % 9 + 1}期の計画では{RESOURCE_WORDS[(n + 3) % len(RESOURCE_WORDS)]}の活用も検討しています。"
    )


def fill_registry(scale: float) -> dict[str, int]:
    """Approved practice regions (one per municipality, a second for some) and companies with solutions."""
    from django.db import transaction
    from django.utils import timezone

    from junkan.organizations.models import Organization
    from junkan.registry.models import (
        CompanyRegistration,
        Industry,
        LocalResource,
        RegionRegistration,
        RegistrationStatus,
        SdgGoal,
        Solution,
    )

    if RegionRegistration.objects.exists():
        return {}
    now = timezone.now()
    approved = {"status": RegistrationStatus.APPROVED, "submitted_at": now, "decided_at": now}
    resources = list(LocalResource.objects.order_by("id"))
    goals = list(SdgGoal.objects.order_by("number"))
    industries = list(Industry.objects.filter(parent__isnull=False).order_by("code")) or list(
        Industry.objects.order_by("code")
    )
    local = list(
        Organization.objects.filter(kind="municipality").select_related("municipality").order_by("id")
    )
    companies = list(Organization.objects.filter(kind="company").order_by("id"))
    extra = local[: int(EXTRA_REGIONS * scale)]
    with transaction.atomic():
        regions = RegionRegistration.objects.bulk_create(
            [
                RegionRegistration(
                    organization=org,
                    name=f"{org.municipality.name}{'' if n < len(local) else '第二'}地域循環共生圏",
                    contact_name="ベンチ 担当",
                    contact_email=f"region{n:05d}@example.jp",
                    resources_note=_text(n + 1, "当地域"),
                    challenges=_text(n, org.municipality.name),
                    desired_future=_text(n + 2, "10年後の姿"),
                    backcasting=_text(n + 4, "道筋"),
                    stakeholders="市役所、地元の信用金庫、森林組合、NPO",
                    **approved,
                )
                for n, org in enumerate(local + extra)
            ],
            batch_size=1000,
        )
        through = RegionRegistration.municipalities.through
        through.objects.bulk_create(
            [
                through(regionregistration_id=r.pk, municipality_id=org.municipality_id)
                for r, org in zip(regions, local + extra, strict=True)
            ],
            batch_size=2000,
        )
        through = RegionRegistration.resources.through
        through.objects.bulk_create(
            [
                through(regionregistration_id=r.pk, localresource_id=resources[(n + k) % len(resources)].pk)
                for n, r in enumerate(regions)
                for k in range(2)
            ],
            batch_size=2000,
        )
        through = RegionRegistration.sdg_goals.through
        through.objects.bulk_create(
            [
                through(regionregistration_id=r.pk, sdggoal_id=goals[(n + k * 5) % len(goals)].pk)
                for n, r in enumerate(regions)
                for k in range(3)
            ],
            batch_size=2000,
        )
        registrations = CompanyRegistration.objects.bulk_create(
            [
                CompanyRegistration(
                    organization=org,
                    contact_name="ベンチ 担当",
                    contact_email=f"company{n:05d}@example.jp",
                    summary=_text(n, org.name),
                    industry=industries[n % len(industries)],
                    agreed_to_purpose=True,
                    **approved,
                )
                for n, org in enumerate(companies)
            ],
            batch_size=1000,
        )
        per_company = [2 + (1 if n % 50 == 0 else 0) for n in range(len(registrations))]
        solutions = Solution.objects.bulk_create(
            [
                Solution(
                    registration=reg,
                    title=f"{ACTIONS[(n + k) % len(ACTIONS)]}の導入支援（{n:05d}-{k}）",
                    description=_text(n + k, "本ソリューション"),
                    fields="エネルギー、交通、観光",
                    track_record=f"{n % 30 + 1}の自治体で導入実績があります。",
                )
                for n, reg in enumerate(registrations)
                for k in range(per_company[n])
            ],
            batch_size=1000,
        )
        prefectures = list(
            __import__("junkan.municipalities.models", fromlist=["Municipality"])
            .Municipality.objects.filter(kind="prefecture")
            .order_by("code")
            .values_list("pk", flat=True)
        )
        for field, target, values in (
            ("resources", "localresource_id", [r.pk for r in resources]),
            ("sdg_goals", "sdggoal_id", [g.pk for g in goals]),
            ("regions_served", "municipality_id", prefectures),
        ):
            through = getattr(Solution, field).through
            through.objects.bulk_create(
                [
                    through(solution_id=sol.pk, **{target: values[(n + k * 7) % len(values)]})
                    for n, sol in enumerate(solutions)
                    for k in range(2)
                ],
                batch_size=2000,
            )
    return {"regions": len(regions), "companies": len(registrations), "solutions": len(solutions)}


def fill_inbox(scale: float) -> dict[str, int]:
    """More applications to the FY2019 call, submitted and waiting in the secretariat's inbox."""
    from django.db import transaction
    from django.utils import timezone

    from junkan.accounts.models import User
    from junkan.applications.models import Application, ApplicationStatus
    from junkan.organizations.models import Organization
    from junkan.programs.models import Program

    program = Program.objects.get(slug=REVIEW_PROGRAM)
    have = Application.objects.filter(program=program).count()
    wanted = int(INBOX_APPLICATIONS * scale)
    if have >= wanted:
        return {}
    staff = User.objects.get(email=STAFF_EMAIL)
    types = list(program.project_types.order_by("id"))
    organizations = list(Organization.objects.order_by("-id")[: wanted - have])
    now = timezone.now()
    with transaction.atomic():
        created = Application.objects.bulk_create(
            [
                Application(
                    program=program,
                    project_type=types[i % len(types)],
                    organization=org,
                    created_by=staff,
                    title=f"ベンチ応募事業{i:04d}（架空）",
                    status=ApplicationStatus.SUBMITTED,
                    receipt_number=f"{program.fiscal_year}-inbox-{i:04d}",
                    submitted_at=now,
                    requested_amount=(i % 80 + 20) * 100_000,
                    total_cost=10_000_000,
                    prefecture_code=f"{i % 47 + 1:02d}",
                )
                for i, org in enumerate(organizations)
            ],
            batch_size=1000,
        )
    return {"inbox_applications": have + len(created)}


def fill_projects(scale: float) -> dict[str, int]:
    """Grant projects opened from the reviewed applications."""
    import datetime

    from django.db import transaction

    from junkan.applications.models import Application, ApplicationStatus
    from junkan.grants.models import Project, ProjectStatus

    if Project.objects.exists():
        return {}
    statuses = [ProjectStatus.ADOPTED, ProjectStatus.APPLIED, ProjectStatus.DECIDED, ProjectStatus.COMPLETED]
    applications = list(
        Application.objects.filter(program__slug=REVIEW_PROGRAM, status=ApplicationStatus.ACCEPTED).order_by(
            "id"
        )[: max(10, int(PROJECTS * scale))]
    )
    with transaction.atomic():
        projects = Project.objects.bulk_create(
            [
                Project(
                    application=a,
                    program_id=a.program_id,
                    project_type_id=a.project_type_id,
                    organization_id=a.organization_id,
                    title=a.title,
                    status=statuses[n % len(statuses)],
                    adopted_on=datetime.date(2019, 7, 1),
                    adopted_amount=a.requested_amount,
                )
                for n, a in enumerate(applications)
            ],
            batch_size=1000,
        )
    return {"projects": len(projects)}


def fill_cases(scale: float) -> dict[str, int]:
    """Published case studies on the registered regions."""
    from django.db import transaction
    from django.utils import timezone

    from junkan.cases.models import CaseStudy, CaseTheme
    from junkan.registry.models import RegionRegistration

    if CaseStudy.objects.filter(slug__startswith="bench-").exists():
        return {}
    regions = list(RegionRegistration.objects.order_by("id")[: max(10, int(CASES * scale))])
    themes = list(CaseTheme.objects.all())
    now = timezone.now()
    with transaction.atomic():
        cases = CaseStudy.objects.bulk_create(
            [
                CaseStudy(
                    slug=f"bench-{n:04d}",
                    title=f"{region.name}の取組（ベンチ）",
                    summary=_text(n, region.name)[:120],
                    region_label=region.name,
                    region_registration=region,
                    background=_text(n + 1, "背景"),
                    actions="## 取組\n\n- " + _text(n + 2, "取組") + "\n- " + _text(n + 3, "体制"),
                    outcomes_note=_text(n + 5, "成果"),
                    published=True,
                    published_at=now,
                )
                for n, region in enumerate(regions)
            ]
        )
        if themes:
            through = CaseStudy.themes.through
            through.objects.bulk_create(
                [
                    through(casestudy_id=c.pk, casetheme_id=themes[n % len(themes)].pk)
                    for n, c in enumerate(cases)
                ]
            )
    return {"cases": len(cases)}


def fill_search(scale: float) -> dict[str, int]:
    """The search index over everything public (``rebuild_search_index``), timed."""
    from junkan.search.models import SearchDocument
    from junkan.search.services import rebuild

    if SearchDocument.objects.filter(kind="solution").exists():
        return {}
    started = time.monotonic()
    counts = rebuild()
    return {"search_documents": sum(counts.values()), "rebuild_ms": int((time.monotonic() - started) * 1000)}


NETWORK_CASES = 300  # consortium support cases with a business plan each, at scale 1
NETWORK_REQUESTS = 2000  # collaboration requests (matching)
NETWORK_TOPICS = 2000  # exchange topics, three replies each
NETWORK_CONSULTATIONS = 300
NETWORK_QUESTIONS = 300  # call Q&A, two thirds answered in public


def fill_network(scale: float) -> dict[str, int]:
    """What the matching, regional support, economy, exchange and call Q&A issues added, at national scale.

    Every municipality has a public regional account (one data year, ten industries); 300 consortium cases
    over three rounds with a business plan of three KPIs over three years; 2,000 collaboration requests with
    a message each; five exchange themes with 2,000 topics and 6,000 replies; 300 consultations; 300
    questions to the FY2019 call.
    """
    import datetime
    from decimal import Decimal

    from django.db import transaction
    from django.utils import timezone

    from junkan.accounts.models import User
    from junkan.callqa.models import Question, QuestionStatus
    from junkan.economy.models import IndustryFigure, RegionalAccount, Visibility
    from junkan.exchange.models import Consultation, ConsultationMessage, Reply, Theme, Topic
    from junkan.matching.models import CollaborationRequest, RequestMessage, RequestStatus
    from junkan.organizations.models import Membership, MembershipRole
    from junkan.programs.models import Program
    from junkan.regional.models import (
        Body,
        BodyKind,
        BusinessPlan,
        CaseStatus,
        ConsortiumCase,
        Kpi,
        KpiYear,
        PlanStatus,
        Round,
    )
    from junkan.registry.models import RegionRegistration, RegistrationStatus, Solution

    if Theme.objects.filter(slug="bench-0").exists():
        return {}
    staff = User.objects.get(email=STAFF_EMAIL)
    approved = RegistrationStatus.APPROVED
    regions = list(
        RegionRegistration.objects.filter(status=approved)
        .order_by("id")
        .values("pk", "organization_id", "name")
    )
    solutions = list(
        Solution.objects.filter(registration__status=approved)
        .order_by("id")
        .values("pk", "registration__organization_id")
    )
    owners = dict(
        Membership.objects.filter(role=MembershipRole.OWNER)
        .order_by("id")
        .values_list("organization_id", "user_id")
    )
    now = timezone.now()
    counts: dict[str, int] = {}
    with transaction.atomic():
        # Economy: a public regional account per municipality organization.
        from junkan.organizations.models import Organization

        municipal = list(
            Organization.objects.filter(municipality__isnull=False)
            .order_by("id")
            .values("pk", "municipality_id", "name")
        )
        accounts = RegionalAccount.objects.bulk_create(
            [
                RegionalAccount(
                    organization_id=o["pk"],
                    created_by=staff,
                    municipality_id=o["municipality_id"],
                    area_name=o["name"],
                    data_year=2018,
                    source="ベンチ用の架空データ",
                    is_fictional=True,
                    visibility=Visibility.PUBLIC,
                    production=Decimal(1000 + n % 900),
                    distribution=Decimal(1100 + n % 800),
                    income_employee=Decimal(600 + n % 300),
                    income_other=Decimal(500 + n % 500),
                    outflow_consumption=Decimal(-(50 + n % 100)),
                    outflow_investment=Decimal(-(30 + n % 60)),
                    outflow_other=Decimal(-(20 + n % 40)),
                    energy_coal_oil_gas=Decimal(-(5 + n % 10)),
                    energy_petroleum_products=Decimal(-(20 + n % 30)),
                    energy_electricity=Decimal(-(15 + n % 20)),
                    energy_gas_heat=Decimal(-(3 + n % 5)),
                    population=20_000 + n * 37 % 300_000,
                )
                for n, o in enumerate(municipal)
            ],
            batch_size=1000,
        )
        industries = [
            "農業",
            "林業",
            "水産業",
            "製造業",
            "建設業",
            "電気業",
            "卸売・小売業",
            "宿泊・飲食",
            "医療・福祉",
            "公務",
        ]
        IndustryFigure.objects.bulk_create(
            [
                IndustryFigure(
                    account=a,
                    position=i,
                    name=name,
                    value_added=Decimal(10 + (n + i) % 90),
                    national_value_added=Decimal(50_000 + i * 1000),
                    exports=Decimal(5 + i),
                    imports=Decimal(7 + i),
                )
                for n, a in enumerate(accounts)
                for i, name in enumerate(industries)
            ],
            batch_size=2000,
        )
        counts["economy_accounts"] = len(accounts)

        # Regional support: rounds, consortium cases (with their body) and business plans with KPIs.
        rounds = [
            Round.objects.get_or_create(
                fiscal_year=year,
                defaults={
                    "name": f"{year}年度 環境整備（ベンチ）",
                    "announced_on": datetime.date(year, 4, 1),
                },
            )[0]
            for year in (2024, 2025, 2026)
        ]
        chosen = regions[: max(10, int(NETWORK_CASES * scale))]
        bodies = Body.objects.bulk_create(
            [
                Body(
                    kind=BodyKind.CONSORTIUM,
                    name=f"{r['name']}コンソーシアム",
                    region_id=r["pk"],
                    is_published=n % 2 == 0,
                )
                for n, r in enumerate(chosen)
            ]
        )
        statuses = [
            CaseStatus.SELECTED,
            CaseStatus.SUBMITTED,
            CaseStatus.HEARING,
            CaseStatus.CLOSED,
            CaseStatus.DRAFT,
        ]
        ConsortiumCase.objects.bulk_create(
            [
                ConsortiumCase(
                    region_id=r["pk"],
                    round=rounds[n % 3],
                    body=bodies[n],
                    status=statuses[n % len(statuses)],
                    desired_future=_text(n, "ありたい未来"),
                    resources=_text(n + 1, "地域資源"),
                    challenges=_text(n + 2, "課題"),
                    is_published=n % 3 == 0,
                )
                for n, r in enumerate(chosen)
            ]
        )
        plans = BusinessPlan.objects.bulk_create(
            [
                BusinessPlan(
                    region_id=r["pk"],
                    title=f"{r['name']}の地域循環共生圏事業計画",
                    summary=_text(n, "事業計画"),
                    status=PlanStatus.ADOPTED if n % 2 else PlanStatus.BUSINESS,
                    is_published=n % 2 == 0,
                    adopted_at=now,
                )
                for n, r in enumerate(chosen)
            ]
        )
        kpis = Kpi.objects.bulk_create(
            [
                Kpi(plan=plan, area=area, name=name, unit=unit, baseline=Decimal(100 + n), baseline_year=2023)
                for n, plan in enumerate(plans)
                for area, name, unit in (
                    ("environment", "CO2排出量", "t-CO2"),
                    ("economy", "地域内の再エネ売電収入", "千円"),
                    ("society", "交流人口", "人"),
                )
            ]
        )
        KpiYear.objects.bulk_create(
            [
                KpiYear(
                    kpi=k,
                    fiscal_year=year,
                    target=k.baseline + 10 * (year - 2023),
                    actual=k.baseline + 8 * (year - 2023),
                )
                for k in kpis
                for year in (2024, 2025, 2026)
            ],
            batch_size=2000,
        )
        counts["consortium_cases"] = len(chosen)

        # Matching: collaboration requests from regions to companies' solutions, one message each.
        request_statuses = list(RequestStatus)
        wanted = max(20, int(NETWORK_REQUESTS * scale))
        pairs = [
            (regions[n % len(regions)], solutions[(n * 7) % len(solutions)])
            for n in range(wanted)
            if regions[n % len(regions)]["organization_id"]
            != solutions[(n * 7) % len(solutions)]["registration__organization_id"]
        ]
        requests = CollaborationRequest.objects.bulk_create(
            [
                CollaborationRequest(
                    requester_id=r["organization_id"],
                    recipient_id=s["registration__organization_id"],
                    region_id=r["pk"],
                    solution_id=s["pk"],
                    message=_text(n, "協業の相談"),
                    requested_by_id=owners[r["organization_id"]],
                    status=request_statuses[n % len(request_statuses)],
                )
                for n, (r, s) in enumerate(pairs)
            ],
            batch_size=1000,
        )
        RequestMessage.objects.bulk_create(
            [
                RequestMessage(request=q, author_id=q.requested_by_id, body=_text(n, "メッセージ"))
                for n, q in enumerate(requests)
            ],
            batch_size=1000,
        )
        counts["collaboration_requests"] = len(requests)

        # Exchange: five themes, topics by members of approved regions, three replies each; consultations.
        themes = Theme.objects.bulk_create(
            [Theme(slug=f"bench-{i}", title=f"テーマ{i + 1}（ベンチ）", order=i) for i in range(5)]
        )
        topics = Topic.objects.bulk_create(
            [
                Topic(
                    theme=themes[n % 5],
                    author_id=owners[regions[n % len(regions)]["organization_id"]],
                    organization_id=regions[n % len(regions)]["organization_id"],
                    title=f"{regions[n % len(regions)]['name']}からの質問{n}",
                    body=_text(n, "質問"),
                )
                for n in range(max(20, int(NETWORK_TOPICS * scale)))
            ],
            batch_size=1000,
        )
        Reply.objects.bulk_create(
            [
                Reply(
                    topic=t,
                    author_id=owners[regions[(n + k + 1) % len(regions)]["organization_id"]],
                    organization_id=regions[(n + k + 1) % len(regions)]["organization_id"],
                    body=_text(n + k, "返信"),
                )
                for n, t in enumerate(topics)
                for k in range(3)
            ],
            batch_size=2000,
        )
        consultations = Consultation.objects.bulk_create(
            [
                Consultation(
                    asker_id=owners[regions[n % len(regions)]["organization_id"]],
                    organization_id=regions[n % len(regions)]["organization_id"],
                    subject=f"相談{n}（ベンチ）",
                )
                for n in range(max(10, int(NETWORK_CONSULTATIONS * scale)))
            ]
        )
        ConsultationMessage.objects.bulk_create(
            [
                ConsultationMessage(consultation=c, author_id=c.asker_id, body=_text(n, "相談"))
                for n, c in enumerate(consultations)
            ]
        )
        counts["exchange_topics"] = len(topics)

        # Call Q&A on the FY2019 call.
        program = Program.objects.get(slug=REVIEW_PROGRAM)
        Question.objects.bulk_create(
            [
                Question(
                    program=program,
                    asker_id=owners[regions[n % len(regions)]["organization_id"]],
                    organization_name=regions[n % len(regions)]["name"],
                    body=_text(n, "質問"),
                    status=QuestionStatus.PUBLISHED if n % 3 else QuestionStatus.RECEIVED,
                    public_question=_text(n, "質問") if n % 3 else "",
                    answer=_text(n + 1, "回答") if n % 3 else "",
                    answered_at=now if n % 3 else None,
                )
                for n in range(max(10, int(NETWORK_QUESTIONS * scale)))
            ]
        )
        counts["call_questions"] = max(10, int(NETWORK_QUESTIONS * scale))
    return counts


# Every area, in order; later issues add theirs (skipped when their data is there already).
AREAS = [fill_review, fill_registry, fill_inbox, fill_projects, fill_cases, fill_network, fill_search]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0, help="1 = national scale (default)")
    args = parser.parse_args()
    os.environ.setdefault("DATABASE_URL", database_url(args.scale))
    ensure_database(os.environ["DATABASE_URL"])
    started = time.monotonic()
    counts = fill(args.scale)
    analyze()
    print(f"filled in {time.monotonic() - started:.1f}s: {counts}")


def analyze() -> None:
    """PostgreSQL: refresh the planner's statistics now. Autovacuum would do it some time after a bulk fill;
    until then the planner takes the filled tables for empty (a reviewer's list counted its 400 assignments
    with a nested loop over every application: 9 ms instead of 0.7)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


if __name__ == "__main__":
    main()
