"""Demo of the review: the committee of the FY2019 call, scored, decided and published.

- Members: reviewer@example.jp (existing demo login), reviewer2@example.jp (a 長野県 official: detected as
  conflicted with 飯田市's application and never assigned to it) and reviewer3@example.jp, all with the
  demo TOTP secret; secretariat@example.jp manages the committee.
- Applications: the accepted demo application of 飯田市 (applications demo) and seven more, filled,
  submitted and accepted through the applications services by a demo applicant person acting for real
  municipalities (the content is the fictional sample text of ``applications.samples``).
- Review: automatic assignment (2 members per application), a declaration and a sheet per assignment,
  a hearing with notes, budgets per type, the proposal recorded as the decisions (one with conditions),
  the applicants notified and the adopted projects published.

Everything goes through the services, so the audit log reads as in real use. Made once: when the call
already has a committee, nothing is changed.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from junkan.accounts.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, demo_user
from junkan.accounts.models import Role, User
from junkan.accounts.services import grant_role
from junkan.applications import services as application_services
from junkan.applications.models import Application, ApplicationStatus, Section
from junkan.applications.samples import fill
from junkan.municipalities.models import Municipality
from junkan.organizations.models import Membership, MembershipRole, Organization, OrganizationKind
from junkan.programs.models import Program
from junkan.review import analysis, services
from junkan.review.models import Committee, Decision, Outcome

PROGRAM = "fy2019-decarbonised-region-model"
# email, name, kana, affiliation, workplace (full name), description
REVIEWERS = [
    ("reviewer@example.jp", "審査 委員（デモ）", "しんさ いいん", "○○大学 環境学部 教授（架空）", None, None),
    (
        "reviewer2@example.jp",
        "審査 次郎（デモ）",
        "しんさ じろう",
        "長野県 環境部 参事（架空）",
        "長野県",
        "審査委員（2段階認証あり）・長野県の職員のため飯田市の応募は利益相反",
    ),
    (
        "reviewer3@example.jp",
        "審査 三子（デモ）",
        "しんさ みつこ",
        "△△研究所 主任研究員（架空）",
        None,
        "審査委員（2段階認証あり）",
    ),
]
APPLICANT = ("applicants@example.jp", "応募 担当（デモ）", "おうぼ たんとう", "審査デモの応募団体の担当者")
# organization (real municipality, full name), type, title
APPLICATIONS = [
    ("岡山県真庭市", "1", "【デモ】木質バイオマス発電の熱を活かす地域熱供給の実現可能性調査"),
    ("秋田県湯沢市", "1", "【デモ】地熱の二次利用による農業ハウス群の脱炭素化調査"),
    ("宮城県東松島市", "1", "【デモ】防災集団移転跡地の太陽光と地域マイクログリッドの調査"),
    ("福岡県北九州市", "1", "【デモ】工場群の余剰水素を活用した地域エネルギー循環の調査"),
    ("鹿児島県大崎町", "2", "【デモ】生ごみ・草木の資源化と脱炭素化の実現可能性調査"),
    ("高知県梼原町", "3", "【デモ】梼原町脱炭素まちづくり協議会の運営と情報発信"),
    ("石川県珠洲市", "3", "【デモ】能登の里山里海エネルギー協議会の運営"),
]
# Points per application (in the order of the review list) and per member position; one wide disagreement.
POINTS = [5, 4, 4, 3, 2, 4, 5, 3]
OFFSETS = [0, 0, -1]
RESOURCE_PRODUCTIVITY = (
    "（デモ用の記載例）未利用の生ごみ・草木を年間約3,000t資源化し、焼却量と化学肥料の購入量を減らす。"
)
CONDITIONAL = "【デモ】地熱の二次利用による農業ハウス群の脱炭素化調査"


def _person(email: str, name: str, kana: str) -> User:
    user, created = User.objects.get_or_create(
        email=email, defaults={"full_name": name, "full_name_kana": kana}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _reviewer(email: str, name: str, kana: str) -> User:
    user = _person(email, name, kana)
    grant_role(None, user, Role.REVIEWER)
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
    return user


def _moment(program: Program) -> datetime.datetime:
    now = timezone.now()
    return now if program.opens_at <= now <= program.closes_at else program.closes_at - timedelta(days=1)


def _applications(program: Program, secretariat: User) -> int:
    """Make the demo applications that do not exist yet, accepted (受理)."""
    person = _person(*APPLICANT[:3])
    made = 0
    for name, code, title in APPLICATIONS:
        if Application.objects.filter(title=title).exists():
            continue
        municipality = Municipality.objects.filter(full_name=name, code__isnull=False).first()
        if municipality is None:
            continue
        kind = (
            OrganizationKind.MUNICIPALITY
            if municipality.kind in {"city", "town", "village", "designated_city"}
            else OrganizationKind.SPECIAL_WARD
        )
        organization, _created = Organization.objects.get_or_create(
            name=name, kind=kind, defaults={"municipality": municipality}
        )
        Membership.objects.get_or_create(
            organization=organization,
            user=person,
            defaults={"role": MembershipRole.OWNER, "title": "担当者（デモ）"},
        )
        moment = _moment(program)
        application = application_services.start(
            person, program, program.project_types.get(code=code), organization, title, now=moment
        )
        fill(person, application)
        if code == "2":  # 様式2 of type ② asks for the effect on resource productivity as well
            effects = Section.objects.get(application=application, key="effects")
            application_services.save_section(
                person,
                application,
                "effects",
                {**effects.data, "resource_productivity": RESOURCE_PRODUCTIVITY},
                effects.version,
            )
        application_services.submit(person, application, moment)
        application_services.accept(secretariat, application)
        made += 1
    return made


def _review(committee: Committee, secretariat: User) -> None:
    """Assign, declare, score, hear, budget, decide, notify and publish."""
    services.auto_assign(secretariat, committee)
    applications = list(analysis.review_applications(committee))
    criteria = analysis.load_criteria(committee.program_id)
    members = list(analysis.active_members(committee))
    position = {m.pk: i for i, m in enumerate(members)}
    for index, application in enumerate(applications):
        rows = criteria[application.project_type.code].rows
        for assignment in application.review_assignments.filter(status="active").select_related(
            "member__user"
        ):
            member = assignment.member
            services.declare(member.user, assignment, "none", "")
            base = POINTS[index % len(POINTS)]
            # The last member scores the fourth application much lower: a disagreement to discuss.
            offset = (
                -3
                if index == 3 and position[member.pk] == len(members) - 1
                else OFFSETS[position[member.pk] % 3]
            )
            points = max(0, min(5, base + offset))
            marks = {
                row.pk: services.MarkInput(
                    passed=True if row.pass_fail else None,
                    points=None if row.pass_fail else max(row.scale_min, min(row.scale_max, points)),
                    comment="" if row.pass_fail else "（デモ）観点に沿った記載がある。",
                )
                for row in rows
            }
            services.save_sheet(
                member.user, assignment, marks, "（デモ）地域の合意形成の進め方が具体的である。", submit=True
            )
    top = applications[0]
    slot = services.save_hearing(
        secretariat,
        committee,
        {
            "application": top,
            "date": committee.program.closes_at.date() + timedelta(days=21),
            "start_time": datetime.time(10, 0),
            "end_time": datetime.time(10, 30),
            "place": "東京都千代田区 ○○会議室（架空）",
            "online_url": "https://meet.example.jp/demo-hearing",
        },
    )
    services.invite_to_hearing(secretariat, slot)
    services.save_hearing_notes(
        secretariat, slot, "（デモ）需要家の見込みと地域新電力の体制について質疑。追加資料の提出を求めた。"
    )
    requested: dict[str, list[int]] = {}
    for application in applications:
        requested.setdefault(application.project_type.code, []).append(application.requested_amount)
    types = {t.code: t for t in committee.program.project_types.all()}
    # Each type's budget covers about two thirds of what is requested, so the proposal must choose.
    services.set_budgets(
        secretariat,
        committee,
        {types[code]: max(amounts) * max(1, (2 * len(amounts)) // 3) for code, amounts in requested.items()},
    )
    services.apply_proposal(secretariat, committee)
    conditional = next((a for a in applications if a.title == CONDITIONAL), None)
    if conditional is not None and Decision.objects.get(application=conditional).is_adopted:
        services.decide(
            secretariat,
            committee,
            conditional,
            {
                "outcome": Outcome.ADOPTED_WITH_CONDITIONS,
                "reasons": "（デモ）評点は高いが、農業者の参画の見込みについて委員から意見があった。",
                "conditions": "（デモ）調査の開始までに、地元の農業協同組合の参画を文書で確認すること。",
            },
        )
    services.finalize(secretariat, committee)
    services.publish(secretariat, committee)


def load(log: Callable[[str], object]) -> list[tuple[str, str, str]]:
    logins = [(email, DEMO_PASSWORD, description) for email, *_rest, description in REVIEWERS[1:]]
    logins.append((APPLICANT[0], DEMO_PASSWORD, APPLICANT[3]))
    program = Program.objects.filter(slug=PROGRAM).first()
    if program is None:
        return []
    if Committee.objects.filter(program=program).exists():
        log("review: the demo committee exists already")
        return logins
    secretariat = demo_user("secretariat@example.jp")
    made = _applications(program, secretariat)
    committee = services.create_committee(
        secretariat,
        program,
        # 30 points: members one point apart on the 0–5 scales (20 points) are not flagged.
        {"name": "審査委員会（デモ）", "reviewers_per_application": 2, "disagreement_threshold": Decimal(30)},
    )
    for email, name, kana, affiliation, workplace, _description in REVIEWERS:
        user = _reviewer(email, name, kana)
        place = Municipality.objects.filter(full_name=workplace).first() if workplace else None
        services.add_member(secretariat, committee, user, {"affiliation": affiliation, "workplace": place})
    _review(committee, secretariat)
    log(
        f"review: {made} more accepted applications, a committee of {len(REVIEWERS)} members, "
        f"scored, decided and published ({ApplicationStatus.ACCEPTED.label}: "
        f"{analysis.review_applications(committee).count()})"
    )
    return logins
