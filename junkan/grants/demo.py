"""Demo of the work after adoption: projects at each stage, carried there through the services.

- FY2019 call (seed 002), the five projects the review demo adopted, on the call's own timeline:
  飯田市 交付決定 (with a hearing request of the Ministry still to answer); 真庭市 under way with contracts
  (one ordered before the decision, flagged), an approved plan change (plan version 2) and a second one
  awaiting approval; 湯沢市 completed, its completion report submitted and awaiting acceptance;
  大崎町 determined and paid; 梼原町 paid, then its grant decision cancelled and a return order with 加算金,
  one part paid back.
- FY2015 call (seed 003), 北九州市 (a project of a call reviewed before the platform, registered by the
  secretariat): F/S report accepted, amount determined and paid, the FY2015 business report above the promised
  CO2 reduction, the FY2016 one below it with its cause analysis, the later years still owed; its 事後評価
  (FY2016) recorded by the secretariat; as a city it has a 補助金調書 (PDF on its overview).

Everything goes through the services, so the audit log and the history pages read as in real use. Dates are
those of each call's fiscal year. Made once: when the projects exist, nothing is changed.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from junkan.accounts.demo import DEMO_PASSWORD, demo_user
from junkan.accounts.models import User
from junkan.applications.models import Application, ApplicationStatus
from junkan.applications.samples import minimal_pdf
from junkan.grants.engine import viability
from junkan.grants.models import (
    DecisionCheckItem,
    DocumentKind,
    InfoRequestKind,
    PostEvaluationRating,
    ProcurementMethod,
    Project,
    Report,
    SupportJudgement,
)
from junkan.grants.services import (
    award,
    changes,
    contracts,
    money,
    oversight,
    post_evaluation,
    reports,
    requests,
    returns,
)
from junkan.municipalities.models import Municipality
from junkan.organizations.models import Membership, MembershipRole, Organization, OrganizationKind
from junkan.programs.models import Program, ReportKind
from junkan.review.models import ADOPTED_OUTCOMES, Decision

FY2019 = "fy2019-decarbonised-region-model"
FY2015 = "fy2015-ecotown-low-carbon"
APPLICANT = "applicants@example.jp"
TOKYO = ZoneInfo("Asia/Tokyo")
ECOTOWN_TITLE = "【デモ】エコタウンの静脈施設群における廃熱・バイオガスの相互利用FS調査"
PDF = minimal_pdf(b"junkan demo")


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _moment(day: date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=TOKYO)


def _answers(report: Report, note: str) -> dict[str, str]:
    return {item: f"（デモ）{item.split('：')[0]}について記載。{note}" for item in report.contents}


def _open(secretariat: User, decision: Decision) -> Project:
    return award.open_project(
        secretariat,
        decision.application,
        adopted_on=date(2019, 7, 26),
        adopted_amount=decision.amount,
        conditions=decision.conditions,
    )


def _examine(secretariat: User, project: Project) -> None:
    """The examination before the decision (seed 002 「採択後」2.(2) ア–ウ), confirmed for every year."""
    notes = {
        DecisionCheckItem.PLAN_READY: "（デモ）資金調達計画・実施計画を確認。見積書3者分あり。",
        DecisionCheckItem.NO_OTHER_SUBSIDY: "（デモ）他の国庫補助金の申請がないことを確認（確認書あり）。",
        DecisionCheckItem.ELIGIBLE_ONLY: "",
    }
    for year in project.award_years.order_by("fiscal_year"):
        for item in DecisionCheckItem:
            oversight.record_check(secretariat, project, year.fiscal_year, item.value, notes[item])


def _decide(person: User, secretariat: User, project: Project, number: str) -> Project:
    amount = project.adopted_amount
    award.submit_grant_application(
        person,
        project,
        years={2019: amount},
        planned_start_on=date(2019, 8, 20),
        planned_end_on=date(2020, 2, 29),
        note="（デモ）採択額のとおり申請します。",
        now=_moment(date(2019, 8, 2)),
    )
    _examine(secretariat, project)
    return award.decide(
        secretariat,
        project,
        decided_on=date(2019, 8, 20),
        decision_number=number,
        amounts={2019: amount},
        conditions=project.adoption_conditions or "（デモ）交付規程及び交付決定通知書の条件に従うこと。",
    )


# Fictional viability figures (yen): a plant with sales for seed 002's F/S, utility savings for seed 003's.
DEMO_VIABILITY = {
    False: viability.Figures(
        investment=120_000_000, revenue=18_000_000, running_cost=6_500_000, savings=2_400_000, years=20
    ),
    True: viability.Figures(investment=45_000_000, running_cost=800_000, savings=4_200_000, years=15),
}


def _report_with_costs(
    person: User, project: Project, *, completed_on: date, amount: int, t_co2: Decimal, fiscal_year: int
) -> Report:
    """Completion, the completion (or F/S) report written with one cost line and its receipt, submitted."""
    contract = contracts.add_contract(
        person,
        project,
        ordered_on=project.decided_on + datetime.timedelta(days=14),
        counterparty="株式会社○○総合研究所（架空）",
        subject="実現可能性調査業務の委託",
        amount=amount,
        method=ProcurementMethod.COMPETITIVE,
    )
    reports.set_completion(person, project, completed_on=completed_on, today=completed_on)
    report = project.reports.filter(kind__in=[ReportKind.COMPLETION, ReportKind.STUDY_REPORT]).get()
    figures: dict[str, Any] = {}
    if reports.split_applies(project) and t_co2:
        # Type ① (seed 002 4.(3)① ※): about four fifths from the equipment itself, the rest indirect.
        direct = (t_co2 * Decimal("0.8")).quantize(Decimal("0.1"))
        figures.update(direct_t_co2=direct, indirect_t_co2=t_co2 - direct)
    if reports.viability_block(report).shown:
        figures["figures"] = DEMO_VIABILITY[report.kind == ReportKind.STUDY_REPORT]
    report = reports.save_report(
        person,
        report,
        answers=_answers(report, "調査の結果、事業化の見通しが得られた。"),
        base_version=report.version,
        expected_t_co2=t_co2,
        **figures,
    )
    category = project.project_type.cost_categories.order_by("order", "id").first()
    line = reports.add_cost_line(
        person,
        report,
        fiscal_year=fiscal_year,
        expense=category.expense if category else "業務費",
        item=category.item if category else "",
        description="実現可能性調査業務の委託（精算）",
        amount=amount,
        paid_on=completed_on - datetime.timedelta(days=5),
        contract=contract,
    )
    reports.add_report_document(person, report, DocumentKind.RECEIPT, _pdf("領収書.pdf"), cost_line=line)
    return reports.transition_report(person, report, "submit")


def _pay(person: User, secretariat: User, project: Project, *, determined_on: date) -> Project:
    report = project.reports.filter(kind__in=[ReportKind.COMPLETION, ReportKind.STUDY_REPORT]).get()
    reports.transition_report(secretariat, report, "accept")
    project = money.determine(secretariat, project, determined_on=determined_on)
    project = money.request_payment(person, project, requested_on=determined_on + datetime.timedelta(days=7))
    return money.record_payment(
        secretariat,
        project,
        paid_on=determined_on + datetime.timedelta(days=21),
        amount=project.determined_amount or 0,
    )


def _fy2019(person: User, secretariat: User) -> int:
    program = Program.objects.filter(slug=FY2019).first()
    if program is None:
        return 0
    decisions = {
        d.application.organization.name: d
        for d in Decision.objects.filter(
            application__program=program,
            outcome__in=ADOPTED_OUTCOMES,
            notified_at__isnull=False,
            application__project__isnull=True,
        ).select_related("application__organization")
    }
    made = 0
    stages: list[tuple[str, Callable[[Project, User], object]]] = [
        ("長野県飯田市", lambda p, g: (_hearing(secretariat, p), _oversight(secretariat, g, p))),
        ("岡山県真庭市", lambda p, g: _in_progress(g, secretariat, p)),
        ("秋田県湯沢市", lambda p, g: _completed(g, p)),
        ("鹿児島県大崎町", lambda p, g: _paid(g, secretariat, p)),
        ("高知県梼原町", lambda p, g: _cancelled(g, secretariat, p)),
    ]
    for number, (name, stage) in enumerate(stages, start=1):
        decision = decisions.get(name)
        if decision is None:
            continue
        project = _open(secretariat, decision)
        grantee = _grantee(project, person)
        _decide(grantee, secretariat, project, f"低炭協第19-{number:03d}号")
        stage(Project.objects.get(pk=project.pk), grantee)
        made += 1
    return made


def _grantee(project: Project, person: User) -> User:
    """Who acts for the grantee: the demo applicant if a member, else the organization's first member."""
    members = (
        Membership.objects.filter(organization=project.organization).select_related("user").order_by("id")
    )
    chosen = next((m.user for m in members if m.user_id == person.pk), None)
    return chosen or members[0].user


def _hearing(secretariat: User, project: Project) -> None:
    requests.create_request(
        secretariat,
        project,
        kind=InfoRequestKind.HEARING,
        subject="（デモ）先行事例としてのヒアリングへの対応のお願い",
        body="（デモ）事業の社会的意義や先行性が特に高いと認められたため、環境省及び受託者によるヒアリングへの"
        "対応をお願いします（公募要領4(4)②）。",
        requested_on=date(2019, 10, 1),
        answer_by=date(2019, 10, 18),
        meeting_at=_moment(date(2019, 11, 6), 14),
        place="中部地方環境事務所 会議室（架空）",
    )


def _in_progress(person: User, secretariat: User, project: Project) -> None:
    contracts.add_contract(
        person,
        project,
        ordered_on=date(2019, 8, 9),
        counterparty="有限会社△△測量（架空）",
        subject="熱需要調査のための現地測量",
        amount=880_000,
        method=ProcurementMethod.NON_COMPETITIVE,
        non_competitive_reason="（デモ）冬季の需要期に合わせるため、交付決定前に発注した。",
    )
    contracts.add_contract(
        person,
        project,
        ordered_on=date(2019, 9, 2),
        counterparty="株式会社□□エネルギー研究所（架空）",
        subject="地域熱供給の事業性評価業務",
        amount=5_500_000,
        method=ProcurementMethod.COMPETITIVE,
    )
    version = changes.current_version(project)
    sections = version.sections if version else {}
    key = next(iter(sections), "")
    field = next(iter(sections.get(key) or {}), "")
    if key and field:
        change = changes.request_change(
            person,
            project,
            after={key: {field: "（デモ）調査対象に隣接地区の温浴施設を加える。"}},
            reason="（デモ）隣接地区の温浴施設から熱利用の申し出があったため、調査対象を広げたい。",
        )
        changes.transition_change(
            secretariat, change, "approve", note="（デモ）経費の範囲内の変更として承認。"
        )
        changes.request_change(
            person,
            project,
            after={key: {field: "（デモ）調査対象に隣接地区の温浴施設と農業ハウスを加える。"}},
            reason="（デモ）農業ハウスへの熱供給も調査に含めたい。",
        )


def _completed(person: User, project: Project) -> None:
    _report_with_costs(
        person,
        project,
        completed_on=date(2020, 2, 14),
        amount=7_200_000,
        t_co2=Decimal("812.4"),
        fiscal_year=2019,
    )


def _paid(person: User, secretariat: User, project: Project) -> None:
    _report_with_costs(
        person,
        project,
        completed_on=date(2020, 2, 7),
        amount=7_000_000,
        t_co2=Decimal("655.0"),
        fiscal_year=2019,
    )
    _pay(person, secretariat, project, determined_on=date(2020, 3, 19))


def _cancelled(person: User, secretariat: User, project: Project) -> None:
    _report_with_costs(
        person,
        project,
        completed_on=date(2020, 2, 21),
        amount=2_600_000,
        t_co2=Decimal("0"),
        fiscal_year=2019,
    )
    project = _pay(person, secretariat, project, determined_on=date(2020, 3, 24))
    project = returns.cancel(
        secretariat,
        project,
        cancelled_on=date(2020, 9, 1),
        reason="（デモ）協議会の開催実績に虚偽の記載があったため、交付規程に基づき交付決定を解除する。",
    )
    order = returns.order_return(
        secretariat,
        project,
        ordered_on=date(2020, 9, 1),
        pay_by=date(2020, 9, 30),
        principal=project.paid_amount or 0,
        reason="（デモ）交付決定の解除による返還（適正化法第18条第1項）。",
        number="低炭協第20-501号",
    )
    returns.record_repayment(secretariat, order, paid_on=date(2020, 9, 25), amount=1_000_000)


def _ecotown(person: User, secretariat: User) -> bool:
    program = Program.objects.filter(slug=FY2015).first()
    municipality = Municipality.objects.filter(code="401005").first()
    if program is None or municipality is None:
        return False
    organization, _created = Organization.objects.get_or_create(
        name=municipality.full_name,
        kind=OrganizationKind.MUNICIPALITY,
        defaults={"municipality": municipality},
    )
    Membership.objects.get_or_create(
        organization=organization,
        user=person,
        defaults={"role": MembershipRole.OWNER, "title": "担当者（デモ）"},
    )
    # The FY2015 call was reviewed before the platform: its accepted application is recorded as it was.
    application = Application.objects.create(
        program=program,
        project_type=program.project_types.get(code="fs"),
        organization=organization,
        created_by=person,
        title=ECOTOWN_TITLE,
        status=ApplicationStatus.ACCEPTED,
        receipt_number="2015-ECO-0007",
        submitted_at=_moment(date(2015, 6, 5)),
        requested_amount=9_800_000,
        total_cost=19_600_000,
    )
    project = award.open_project(
        secretariat, application, adopted_on=date(2015, 7, 10), adopted_amount=9_800_000
    )
    award.submit_grant_application(
        person,
        project,
        years={2015: 9_800_000},
        planned_start_on=date(2015, 8, 3),
        planned_end_on=date(2016, 2, 29),
        now=_moment(date(2015, 7, 21)),
    )
    _examine(secretariat, project)
    project = award.decide(
        secretariat,
        project,
        decided_on=date(2015, 8, 3),
        decision_number="環廃対第15-0803号",
        amounts={2015: 9_800_000},
        conditions="（デモ）FS調査書の提出後4年間、事業報告書を毎年度提出すること。",
    )
    _report_with_costs(
        person,
        project,
        completed_on=date(2016, 2, 15),
        amount=19_000_000,
        t_co2=Decimal("150.0"),
        fiscal_year=2015,
    )
    project = _pay(person, secretariat, project, determined_on=date(2016, 3, 22))
    annual = {r.fiscal_year: r for r in project.reports.filter(kind=ReportKind.ANNUAL)}
    first = annual[2015]
    first = reports.save_report(
        person,
        first,
        answers=_answers(first, "FS調査の結果を踏まえ、事業者が事業化計画の策定に着手した。"),
        base_version=first.version,
        expected_t_co2=Decimal("160.0"),
    )
    reports.transition_report(person, first, "submit")
    reports.transition_report(secretariat, first, "accept")
    second = annual[2016]
    second = reports.save_report(
        person,
        second,
        answers=_answers(second, "バイオガス設備の一部が稼働を開始した。"),
        base_version=second.version,
        expected_t_co2=Decimal("60.0"),
        actual_t_co2=Decimal("40.0"),
        cause_analysis="（デモ）受入れ予定の食品廃棄物の量が、協力事業者の工場移転により計画の6割にとどまった。"
        "廃熱の相互融通も配管工事の遅れで下半期からの稼働となった。新たな排出事業者との協議を進めている。",
    )
    reports.add_report_document(person, second, DocumentKind.UTILITY_DATA, _pdf("平成28年度_光熱水量.pdf"))
    reports.transition_report(person, second, "submit")
    # 事後評価 in the fiscal year after completion (FY2016, by 2017-03-31); its 補助金調書 is on the overview.
    post_evaluation.record_evaluation(
        secretariat,
        project,
        evaluated_on=date(2017, 2, 20),
        rating=PostEvaluationRating.PARTLY,
        evaluation="（デモ）廃熱の相互融通は計画どおり稼働したが、バイオガス化は原料の確保が計画の6割にとどまった。"
        "FS調査で示した事業化の見通しは維持されている。",
        actual_t_co2=Decimal("95.0"),
        feedback_to_plan="（デモ）北九州市の次期環境基本計画の実施計画で、食品廃棄物の排出事業者との連携を重点施策とする。",
        ministry_note="（デモ）原料の需給が工場立地の変化に左右される点は、同種の事業の共通の課題として分析に提供する。",
    )
    return True


def load(log: Callable[[str], object]) -> list[tuple[str, str, str]]:
    if Project.objects.exists():
        log("grants: the demo projects exist already")
        return []
    secretariat = demo_user("secretariat@example.jp")
    person = User.objects.filter(email=APPLICANT).first()
    if person is None:
        return []
    made = _fy2019(person, secretariat)
    ecotown = _ecotown(person, secretariat)
    log(
        f"grants: {made} projects of {FY2019} at each stage"
        + (
            ", and an FY2015 project in follow-up (one business report below its promised CO2)"
            if ecotown
            else ""
        )
        + f" (as of {timezone.localdate().isoformat()})"
    )
    return (
        [(APPLICANT, DEMO_PASSWORD, "補助事業（交付決定から返還まで）の補助事業者の担当者")] if made else []
    )


def _oversight(secretariat: User, grantee: User, project: Project) -> None:
    """Conditions of adoption (one met, one open), a site inspection done with findings and a follow-up."""
    met = oversight.add_condition(
        secretariat,
        project,
        text="（デモ）地元金融機関から事業費の融資の内諾を得て、その書面を提出すること。",
        due_on=date(2019, 10, 31),
    )
    oversight.condition_met(
        secretariat,
        met,
        met_on=date(2019, 9, 27),
        evidence="（デモ）飯田信用金庫（架空）の融資内諾書の写しを受領。",
    )
    oversight.add_condition(
        secretariat,
        project,
        text="（デモ）住民説明会を開催し、その記録を完了実績報告書に添付すること。",
        due_on=date(2020, 2, 29),
    )
    inspection = oversight.plan_inspection(
        secretariat,
        project,
        planned_on=date(2019, 12, 10),
        place="（デモ）飯田市竜丘地区 太陽光発電設備の設置予定地",
        inspectors="事務局 調査員2名、中部地方環境事務所 1名（いずれも架空）",
        purpose="（デモ）設置予定地の状況と、契約・発注の手続の確認",
    )
    oversight.inspection_done(
        secretariat,
        inspection,
        done_on=date(2019, 12, 10),
        findings="（デモ）設置予定地の造成は計画どおり。見積合わせの記録のうち1件に日付の記載漏れがあった。",
    )
    oversight.inspection_follow_up(
        secretariat, inspection, "（デモ）見積合わせの記録に日付を補記し、写しを提出してください。"
    )


def link_support(log: Callable[[str], object]) -> None:
    """After the regional demo: a continuing project judged to need further support, linked to a case."""
    from junkan.regional.models import ConsortiumCase

    secretariat = demo_user("secretariat@example.jp")
    case = ConsortiumCase.objects.order_by("id").first()
    if case is None or SupportJudgement.objects.exists():
        return
    project = None
    candidates = Project.objects.filter(multi_year=True, status__in=("decided", "completed")).order_by("id")
    for candidate in candidates:
        if oversight.continuation_reviewed(candidate):
            project = candidate
            break
        # The grantee records 「変更なし」 for the next year: the continuation review is then done.
        member = Membership.objects.filter(organization=candidate.organization).order_by("id").first()
        try:
            if member is not None:
                project = changes.record_continuation_unchanged(member.user, candidate, fiscal_year=2020)
                break
        except ValidationError:
            continue  # e.g. a plan change still awaiting its decision
    if project is None:
        return
    oversight.judge_support(
        secretariat,
        project,
        fiscal_year=2020,
        needed=True,
        reason="（デモ）継続審査の結果、事業の担い手の育成と地域内の合意形成に専門家の継続的な支援が必要と判断した。",
        case=case,
    )
    log(f"grants: further support judged needed for {project.title} through {case}")
