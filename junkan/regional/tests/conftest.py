"""A region carried through the program: the people every view is tested as, and the records they see.

owner/member (the project's fixtures) act for the region's organization (長野県飯田市); ``coordinator`` is
the region's coordinator; ``team_expert`` sits on its support team; ``other_expert`` on another region's;
``staff`` is the secretariat; ``outsider`` has nothing to do with it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from junkan.applications.samples import MINIMAL_PDF

PDF = MINIMAL_PDF  # a PDF the upload check accepts


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:
    """Uploads of these tests go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


def pdf(name: str = "分析.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF)


@pytest.fixture
def region(organization):
    from junkan.municipalities.models import Municipality
    from junkan.registry.models import RegionRegistration, RegistrationStatus

    region = RegionRegistration.objects.create(
        organization=organization,
        name="南信州 地域循環共生圏",
        status=RegistrationStatus.APPROVED,
        challenges="人口減少と森林の荒廃",
        desired_future="森と水とエネルギーが地域で回る暮らし",
        backcasting="2030年までに公共施設へ地域の電力を供給する",
        stakeholders="森林組合、信用金庫",
        contact_name="環境 太郎",
        contact_email="kankyo@example.jp",
    )
    region.municipalities.set([Municipality.objects.get(code="202053")])
    return region


@pytest.fixture
def other_region(make_user):
    from junkan.municipalities.models import Municipality
    from junkan.organizations.models import Membership, MembershipRole, Organization
    from junkan.registry.models import RegionRegistration, RegistrationStatus

    org = Organization.objects.create(
        kind="municipality", name="北海道下川町", municipality=Municipality.objects.get(code="014681")
    )
    person = make_user("shimokawa@example.jp")
    Membership.objects.create(organization=org, user=person, role=MembershipRole.OWNER)
    region = RegionRegistration.objects.create(
        organization=org,
        name="下川町",
        status=RegistrationStatus.APPROVED,
        challenges="課題",
        desired_future="未来",
        backcasting="道筋",
        contact_name="担当",
        contact_email="shimokawa@example.jp",
    )
    return region


@pytest.fixture
def round_(staff):
    from junkan.regional import services

    return services.announce_round(
        staff, fiscal_year=2025, name="2025年度 環境整備", budget_cap=2_000_000, announced_on=date(2025, 4, 1)
    )


@pytest.fixture
def experts(db):
    from junkan.support.models import Expert, SupportField

    field, _created = SupportField.objects.get_or_create(name="地域経営・事業計画")
    made = []
    for number in range(6):
        expert = Expert.objects.create(
            name=f"専門家{number}", affiliation="研究所（架空）", bio="経歴", is_published=True
        )
        expert.fields.set([field])
        made.append(expert)
    return made


@pytest.fixture
def team_expert(make_user):
    return make_user("expert@example.jp", full_name="専門 家子")


@pytest.fixture
def other_expert(make_user):
    return make_user("other-expert@example.jp", full_name="別の 専門家")


@pytest.fixture
def coordinator(make_user):
    return make_user("coordinator@example.jp", full_name="里山 結")


def selected_case(owner: Any, staff: Any, region: Any, round_: Any, kind: str = "new") -> Any:
    """A case applied for with a government member and an analysis, and selected."""
    from junkan.common.workflow import transition
    from junkan.regional import services
    from junkan.regional.processes import CASE

    case = services.start_case(owner, region, round_, kind=kind)
    if not case.body.members.exists():
        services.add_member(
            owner, case.body, {"name": "飯田市 企画課", "sector": "government", "role": "事務局"}
        )
        services.add_member(owner, case.body, {"name": "信用金庫", "sector": "finance"})
    services.add_analysis(owner, case, pdf())
    services.save_budget(owner, case, {"meetings": {"planned": 500_000}})
    transition(CASE, owner, case, "submit")
    transition(CASE, staff, case, "select", fields={"selection_reason": "適切"}, reason="適切")
    services.save_meeting(
        owner,
        case.body,
        {"held_on": date(2025, 6, 1), "agenda": "第1回", "minutes": "議事の記録", "minutes_published": True},
    )
    case.refresh_from_db()
    return case


def judge_all(staff: Any, hearing: Any, outcome: str, unmet: frozenset[str] = frozenset()) -> None:
    from junkan.regional import services
    from junkan.regional.engine.hearing import CRITERIA

    services.save_hearing(
        staff,
        hearing,
        held_on=date(2026, 2, 1),
        panel="事務局",
        judgements={
            c.key: {"met": c.key not in unmet, "evidence": "議事録", "comment": "所見"} for c in CRITERIA
        },
        outcome=outcome,
        reasons="理由",
    )


@pytest.fixture
def world(owner, staff, region, round_, experts, team_expert, coordinator, other_region, other_expert):
    """The region through its hearing to a formed team with a visit, a coordinator and a plan with a KPI;
    another region's team has ``other_expert``."""
    from junkan.common.workflow import transition
    from junkan.regional import services
    from junkan.regional.processes import CASE, HEARING, TEAM

    case = selected_case(owner, staff, region, round_)
    transition(CASE, owner, case, "to_hearing")
    hearing = case.hearing
    judge_all(staff, hearing, "team")
    transition(HEARING, staff, hearing, "decide")
    team = case.teams.get()
    services.update_request(owner, team, experts[0].fields.all(), "事業計画づくりの支援")
    transition(TEAM, owner, team, "request")
    for number, expert in enumerate(experts[:3]):
        services.add_expert(staff, team, {"expert": expert, "user": team_expert if number == 0 else None})
    services.set_terms(
        staff,
        team,
        starts_on=date(2026, 4, 1),
        ends_on=date(2027, 3, 31),
        consulting_fee=5_000_000,
        other_costs=0,
    )
    transition(TEAM, staff, team, "form")
    services.add_visit(
        staff,
        team,
        {"visited_on": date(2026, 6, 1), "heard": "森林組合", "advice_resources": "未利用材の活用"},
        list(team.experts.all()[:2]),
    )
    appointed = services.appoint_coordinator(
        owner, region, {"name": "里山 結", "user": coordinator, "appointed_on": date(2026, 4, 1)}
    )
    plan = services.create_plan(owner, region, {"title": "森のエネルギー計画"})
    kpi = services.add_kpi(
        owner,
        plan,
        {
            "area": "environment",
            "name": "CO2排出量",
            "unit": "t-CO2/年",
            "baseline": Decimal(1000),
            "baseline_year": 2025,
        },
    )
    services.set_kpi_year(owner, kpi, 2026, Decimal(900), Decimal(950))
    # Another region's team, with other_expert on it.
    other_case = selected_case(other_region.organization.memberships.get().user, staff, other_region, round_)
    other_team = services.start_team(staff, other_region, other_case)
    services.add_expert(staff, other_team, {"expert": experts[5], "user": other_expert})
    case.refresh_from_db()
    team.refresh_from_db()
    return {
        "case": case,
        "hearing": hearing,
        "team": team,
        "plan": plan,
        "kpi": kpi,
        "coordinator": appointed,
    }
