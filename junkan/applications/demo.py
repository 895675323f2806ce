"""Demo applications in every state, for the open demo call and both shipped calls.

- officer@example.jp (長野県飯田市, 北海道下川町): drafts, submitted, returned and accepted applications;
- company@example.jp (株式会社みどり循環エナジー（架空）): co-applicant of 飯田市's type-3 application, and
  the lead of a seed-003 事業化計画 application (a private applicant, with its financial statements);
- secretariat@example.jp: the inbox of each call (受理・不備返却).
Applications to the closed calls are made at a moment inside their call period. Idempotent: an application
with the same title is not made twice.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from django.utils import timezone

from junkan.accounts.demo import demo_user
from junkan.applications import services
from junkan.applications.models import Application
from junkan.applications.samples import fill
from junkan.organizations.models import Organization
from junkan.programs.models import Program

# (call slug, type, organization, title, final state, co-applicant)
PLAN = [
    (
        "demo-open-call",
        "1",
        "長野県飯田市",
        "【デモ】竜丘・千代地区の再エネ地産地消の実現可能性調査",
        "draft",
        None,
    ),
    (
        "demo-open-call",
        "3",
        "長野県飯田市",
        "【デモ】南信州エネルギー協議会の運営と情報発信",
        "submitted",
        "株式会社みどり循環エナジー（架空）",
    ),
    (
        "demo-open-call",
        "1",
        "北海道下川町",
        "【デモ】森林バイオマス熱供給の拡大に向けた実現可能性調査",
        "returned",
        None,
    ),
    (
        "fy2019-decarbonised-region-model",
        "1",
        "長野県飯田市",
        "【デモ】小水力発電の地域新電力による活用調査",
        "accepted",
        None,
    ),
    (
        "fy2019-decarbonised-region-model",
        "3",
        "北海道下川町",
        "【デモ】下川町脱炭素まちづくり協議会の運営",
        "returned",
        None,
    ),
    (
        "fy2015-ecotown-low-carbon",
        "fs",
        "北海道下川町",
        "【デモ】木質資源と食品廃棄物の循環利用に関するFS調査",
        "accepted",
        None,
    ),
    (
        "fy2015-ecotown-low-carbon",
        "plan",
        "株式会社みどり循環エナジー（架空）",
        "【デモ】バイオガス発電の事業化計画の策定",
        "submitted",
        None,
    ),
]


def _moment(program: Program) -> datetime:
    """Now for the open call; a day before the deadline for a closed one."""
    now = timezone.now()
    return now if program.opens_at <= now <= program.closes_at else program.closes_at - timedelta(days=1)


def load(log: Callable[[str], object]) -> list[tuple[str, str, str]]:
    secretariat = demo_user("secretariat@example.jp")
    made = 0
    for slug, code, org_name, title, state, co_name in PLAN:
        program = Program.objects.filter(slug=slug).first()
        organization = Organization.objects.filter(name=org_name).first()
        if program is None or organization is None or Application.objects.filter(title=title).exists():
            continue
        actor = demo_user("company@example.jp" if "株式会社" in org_name else "officer@example.jp")
        moment = _moment(program)
        application = services.start(
            actor, program, program.project_types.get(code=code), organization, title, now=moment
        )
        if state == "draft":
            services.save_section(
                actor,
                application,
                "background",
                {"background": "（デモ用の記載例）市域のCO2排出量は年間約68万t-CO2。作成途中の応募です。"},
                0,
            )
            made += 1
            continue
        if co_name:
            partner = Organization.objects.get(name=co_name)
            co = services.invite_co_applicant(
                actor, application, partner, "地域新電力の設立準備と需要家の取りまとめ"
            )
            services.respond_co_applicant(demo_user("company@example.jp"), co, accept=True)
        fill(actor, application)
        services.submit(actor, application, moment)
        if state == "accepted":
            services.accept(secretariat, application)
        elif state == "returned":
            services.return_for_correction(
                secretariat,
                application,
                "経費内訳書の委託料について、見積書（2者以上）を添付してください。",
                timezone.localdate() + timedelta(days=14),
            )
        made += 1
    log(f"applications: {made} demo applications")
    return []
