"""Demo regional support: regions at every stage, made through the services and moves as in real use.

- a new consortium case of this fiscal year, with members, meetings and spending;
- a region in its continuing (second) year after a hearing that decided to continue (all six criteria judged);
- a region that passed its hearing (all six met) and has a support team of four experts with visits,
  a coordinator with an activity log, and a business plan with KPIs over two years and a PDCA cycle;
- the council (協議会) of a type ③ grant project with minutes, when the grants demo has such a project.

Every text is written for the demo and says so. Needs the registry, support and grants demos (loaded first).
Loading twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from allauth.account.models import EmailAddress
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from junkan.accounts.demo import DEMO_PASSWORD
from junkan.accounts.models import User
from junkan.applications.samples import minimal_pdf
from junkan.common.workflow import transition
from junkan.jp.dates import fiscal_year
from junkan.organizations.models import Membership
from junkan.regional import services
from junkan.regional.engine.hearing import CRITERIA, Outcome
from junkan.regional.models import ConsortiumCase, Round, Sector
from junkan.regional.processes import CASE, HEARING, PLAN, TEAM
from junkan.registry.models import RegionRegistration, RegistrationStatus
from junkan.support.models import Expert, SupportField

NOTE = "（デモ用の架空の記載です）"
PDF = minimal_pdf(b"regional demo")
COORDINATOR = ("coordinator@example.jp", "里山 結（デモ）", "さとやま ゆい")
EXPERT = ("expert@example.jp", "森本 さやか（デモ）", "もりもと さやか")

MEMBERS = [
    ("町 企画課（デモ）", Sector.GOVERNMENT, "事務局・行政の窓口"),
    ("地元の森林組合（デモ）", Sector.BUSINESS, "木質資源の供給"),
    ("地域の信用金庫（デモ）", Sector.FINANCE, "資金面の助言"),
    ("まちづくりNPO（デモ）", Sector.NPO, "住民との対話の場づくり"),
    ("住民代表（デモ）", Sector.RESIDENTS, "住民の声を届ける"),
]


def _person(email: str, name: str, kana: str) -> User:
    user, created = User.objects.get_or_create(
        email=email, defaults={"full_name": name, "full_name_kana": kana}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def _worker(region: RegionRegistration) -> User | None:
    membership = Membership.objects.filter(organization=region.organization).select_related("user").first()
    return membership.user if membership else None


def _round(secretariat: User, year: int, today: date) -> Round:
    existing = Round.objects.filter(fiscal_year=year).first()
    if existing:
        return existing
    return services.announce_round(
        secretariat,
        fiscal_year=year,
        name=f"{year}年度 地域循環共生圏づくり 環境整備（デモ）",
        budget_cap=2_000_000,
        announced_on=date(year, 4, 1) if date(year, 4, 1) <= today else today,
        notes=NOTE,
    )


def _consortium(person: User, secretariat: User, region: RegionRegistration, round_: Round, kind: str) -> Any:
    """A case applied for and selected, with its consortium's members, two meetings and spending."""
    case = services.start_case(person, region, round_, kind=kind)
    if not case.body.members.exists():
        for name, sector, role in MEMBERS:
            services.add_member(person, case.body, {"name": name, "sector": sector, "role": role})
    services.update_body(
        person,
        case.body,
        {"name": case.body.name, "purpose": f"地域の将来像を話し合う場{NOTE}", "is_published": True},
    )
    services.add_analysis(person, case, SimpleUploadedFile("地域経済循環分析（デモ）.pdf", PDF))
    services.update_concept(
        person,
        case,
        {**{k: getattr(case, k) or NOTE for k in services.CONCEPT_FIELDS}, "is_published": True},
    )
    services.save_budget(
        person,
        case,
        {
            "meetings": {"planned": 600_000},
            "experts": {"planned": 500_000},
            "commissions": {"planned": 800_000},
        },
    )
    transition(CASE, person, case, "submit")
    reason = f"地域の多様な主体が参加し、行政の関与も明確なため{NOTE}"
    transition(CASE, secretariat, case, "select", fields={"selection_reason": reason}, reason=reason)
    start = date(round_.fiscal_year, 6, 10)
    for number, held_on in enumerate((start, start + timedelta(days=90)), start=1):
        services.save_meeting(
            person,
            case.body,
            {
                "held_on": held_on,
                "place": "町民センター（デモ）",
                "online": number == 2,
                "agenda": f"第{number}回 ありたい未来と地域資源の共有{NOTE}",
                "attendance": 14 + number,
                "attendees": "構成員、外部専門家1名（デモ）",
                "minutes": f"地域資源の棚卸しの結果を共有し、重点テーマを話し合った。{NOTE}",
                "decisions": "木質バイオマスと観光を重点テーマとする（デモ）",
                "action_items": "NPO：住民アンケート（次回まで）（デモ）",
                "minutes_published": True,
            },
        )
    services.save_budget(
        secretariat,
        case,
        {
            "meetings": {"planned": 600_000, "actual": 420_000},
            "experts": {"planned": 500_000, "actual": 310_000},
            "commissions": {"planned": 800_000, "actual": 780_000},
        },
    )
    return case


def _hearing(person: User, secretariat: User, case: Any, outcome: Outcome) -> Any:
    transition(CASE, person, case, "to_hearing")
    hearing = case.hearing
    unmet = {"wide_area"} if outcome is not Outcome.TEAM else set()
    services.save_hearing(
        secretariat,
        hearing,
        held_on=date(case.round.fiscal_year + 1, 2, 10),
        panel="事務局、環境省 担当官（デモ）",
        judgements={
            c.key: {
                "met": c.key not in unmet,
                "evidence": f"コンソーシアムの議事録と構想書{NOTE}",
                "comment": "広域連携の視点が今後の課題（デモ）"
                if c.key in unmet
                else f"十分に満たしている{NOTE}",
            }
            for c in CRITERIA
        },
        outcome=outcome.value,
        reasons=f"六つの観点の判定による{NOTE}",
    )
    transition(HEARING, secretariat, hearing, "decide")
    return hearing


def _team(person: User, secretariat: User, case: Any, expert_user: User, coordinator_user: User) -> None:
    team = case.teams.get()
    fields = SupportField.objects.filter(
        name__in=["地域経営・事業計画", "再生可能エネルギー", "地域ブランディング・観光"]
    )
    services.update_request(
        person, team, fields, f"木質バイオマスの熱利用と観光をつなぐ事業計画づくりの支援{NOTE}"
    )
    transition(TEAM, person, team, "request")
    experts = list(Expert.objects.filter(is_published=True).order_by("pk")[:4])
    for number, expert in enumerate(experts):
        services.add_expert(
            secretariat,
            team,
            {
                "expert": expert,
                "role": "チームリーダー" if number == 0 else "",
                "user": expert_user if number == 0 else None,
            },
        )
    year = case.round.fiscal_year + 1
    services.set_terms(
        secretariat,
        team,
        starts_on=date(year, 4, 1),
        ends_on=date(year + 1, 3, 31),
        consulting_fee=6_000_000,
        other_costs=1_800_000,
    )
    transition(TEAM, secretariat, team, "form")
    team.is_published = True
    team.save(update_fields=["is_published"])
    seats = list(team.experts.all())
    for number, visited_on in enumerate((date(year, 6, 5), date(year, 9, 18)), start=1):
        services.add_visit(
            secretariat,
            team,
            {
                "visited_on": visited_on,
                "heard": "森林組合、旅館組合、信用金庫（デモ）",
                "advice_resources": f"未利用材の量を確かめ、熱需要の大きい施設から始める{NOTE}",
                "advice_stakeholders": "旅館組合と熱の共同購入を話し合う（デモ）" if number == 1 else "",
                "advice_consortium": "コンソーシアムで役割分担を決める（デモ）",
                "advice_plan": "KPIに地域内調達額を入れる（デモ）" if number == 2 else "",
            },
            seats[:3],
        )
    coordinator = services.appoint_coordinator(
        person,
        case.region,
        {
            "name": COORDINATOR[1],
            "user": coordinator_user,
            "profile": f"町内在住。観光協会の元職員{NOTE}",
            "appointed_on": date(year, 4, 15),
            "team": team,
        },
    )
    for done_on, kind, note in (
        (date(year, 5, 10), "coordination", "企画課と農林課の合同会議を開いた（デモ）"),
        (date(year, 7, 2), "stakeholders", "旅館組合に熱供給の構想を説明した（デモ）"),
        (date(year, 10, 20), "funding", "地域の信用金庫と融資の枠組みを相談した（デモ）"),
    ):
        services.log_activity(coordinator_user, coordinator, {"done_on": done_on, "kind": kind, "note": note})
    plan = services.create_plan(
        person,
        case.region,
        {
            "title": f"森のエネルギーと観光の事業計画{NOTE}",
            "summary": "未利用材による熱供給と、森を楽しむ観光を一体で進める（デモ）",
            "projects": "1. 温浴施設への熱供給\n2. 森林ツアー\n3. 地元材の家具づくり",
            "is_published": True,
        },
    )
    kpis = [
        (
            "environment",
            "CO2排出量",
            "t-CO2/年",
            Decimal("1200"),
            [(year, "1100", "1130"), (year + 1, "1000", None)],
        ),
        ("economy", "地域内調達額", "百万円/年", Decimal("30"), [(year, "40", "38"), (year + 1, "55", None)]),
        (
            "society",
            "森林ツアーの参加者数",
            "人/年",
            Decimal("0"),
            [(year, "300", "340"), (year + 1, "600", None)],
        ),
    ]
    for area, name, unit, baseline, years in kpis:
        kpi = services.add_kpi(
            person,
            plan,
            {"area": area, "name": name, "unit": unit, "baseline": baseline, "baseline_year": year - 1},
        )
        for fy, target, actual in years:
            services.set_kpi_year(person, kpi, fy, Decimal(target), Decimal(actual) if actual else None)
    transition(PLAN, person, plan, "adopt")
    services.add_cycle(
        person,
        plan,
        {
            "fiscal_year": year,
            "plan_note": "温浴施設1か所への熱供給を始める（デモ）",
            "do_note": "ボイラーを導入し、12月から供給（デモ）",
            "check_note": "CO2は目標に届かず（達成率70%）。冬の立ち上がりが遅れた（デモ）",
            "act_note": "来年度は秋から試運転し、需要の大きい旅館を加える（デモ）",
        },
    )


def _council(secretariat: User) -> bool:
    from junkan.grants.models import Project

    project = Project.objects.filter(project_type__code="3").select_related("organization").first()
    if project is None:
        return False
    person = Membership.objects.filter(organization=project.organization).select_related("user").first()
    if person is None:
        return False
    body = services.create_council(person.user, project, f"{project.title} 協議会")
    for name, sector, role in MEMBERS[:4]:
        services.add_member(person.user, body, {"name": name, "sector": sector, "role": role})
    services.save_meeting(
        person.user,
        body,
        {
            "held_on": project.adopted_on + timedelta(days=40),
            "place": "市役所 会議室（デモ）",
            "agenda": f"脱炭素のロードマップ案について{NOTE}",
            "attendance": 18,
            "minutes": "ロードマップ案を説明し、住民から意見を聴いた（デモ）",
            "decisions": "次回までに再エネの導入目標を具体化する（デモ）",
            "minutes_published": True,
        },
    )
    services.update_body(person.user, body, {"name": body.name, "purpose": NOTE, "is_published": True})
    return True


def load(log: Callable[[str], object]) -> list[tuple[str, str, str]]:
    if ConsortiumCase.objects.exists():
        log("regional: the demo cases exist already")
        return []
    secretariat = User.objects.filter(email="secretariat@example.jp").first()
    regions = [
        r
        for r in RegionRegistration.objects.filter(status=RegistrationStatus.APPROVED).order_by("pk")[:12]
        if _worker(r)
    ]
    if secretariat is None or len(regions) < 3 or Expert.objects.filter(is_published=True).count() < 4:
        log("regional: needs the accounts, registry and support demos")
        return []
    today = timezone.localdate()
    this_year = fiscal_year(today)
    last, current = _round(secretariat, this_year - 1, today), _round(secretariat, this_year, today)
    expert_user = _person(*EXPERT)
    coordinator_user = _person(*COORDINATOR)

    new_region, continuing_region, team_region = regions[0], regions[1], regions[2]
    _consortium(_worker(new_region), secretariat, new_region, current, "new")  # type: ignore[arg-type]

    person = _worker(continuing_region)
    first = _consortium(person, secretariat, continuing_region, last, "new")  # type: ignore[arg-type]
    _hearing(person, secretariat, first, Outcome.CONTINUE)  # type: ignore[arg-type]
    _consortium(person, secretariat, continuing_region, current, "continuing")  # type: ignore[arg-type]

    person = _worker(team_region)
    case = _consortium(person, secretariat, team_region, last, "new")  # type: ignore[arg-type]
    _hearing(person, secretariat, case, Outcome.TEAM)  # type: ignore[arg-type]
    _team(person, secretariat, case, expert_user, coordinator_user)  # type: ignore[arg-type]
    council = _council(secretariat)
    log(
        f"regional: consortium cases for {new_region.name} (new) and {continuing_region.name} (continuing), "
        f"{team_region.name} with a support team, coordinator and business plan"
        + (", a type ③ council with minutes" if council else "")
    )
    from junkan.grants.demo import link_support

    link_support(log)  # a grant project judged to need further support through one of these cases
    return [
        (EXPERT[0], DEMO_PASSWORD, "支援チームの専門家（チームの地域の案件を閲覧・訪問を記録）"),
        (COORDINATOR[0], DEMO_PASSWORD, "地域コーディネーター（活動の記録）"),
    ]
