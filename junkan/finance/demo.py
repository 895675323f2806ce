"""Demo ESG finance: three fictional financial institutions (「…（架空）」) with offers, two demo regions that
consent to be shown to them, and one request to talk (a matching collaboration request). bank@example.jp acts
for the three institutions."""

from __future__ import annotations

from collections.abc import Callable

from allauth.account.models import EmailAddress

from junkan.accounts.demo import DEMO_PASSWORD
from junkan.accounts.models import User
from junkan.audit.services import record
from junkan.finance.models import Institution, InstitutionKind, Offer, OfferKind
from junkan.finance.services import ask_region, set_consent
from junkan.municipalities.models import Municipality
from junkan.organizations.models import Membership, MembershipRole, Organization
from junkan.registry.models import RegionRegistration

BANK_PERSON = ("bank@example.jp", "金融 太郎（デモ）", "デモの金融機関（3機関）の担当者")

# name, kind, prefectures, nationwide, signatory, note, offers [(kind, title, summary, conditions, contact)]
INSTITUTIONS = [
    (
        "南信州しんきん（架空）",
        InstitutionKind.SHINKIN,
        ["長野県"],
        False,
        True,
        "持続可能な地域WGに参加",
        [
            (
                OfferKind.LOAN,
                "地域エネルギー事業向けサステナビリティ・リンク・ローン（デモ）",
                "木質バイオマスや小水力など、地域の資源を使うエネルギー事業に、KPIの達成度に応じて金利を見直す融資です。",
                "営業区域内の事業者・地域エネルギー会社。1,000万円から5億円、最長15年。KPIは年1回確認します。",
                "地域創生部 ESG推進担当（架空） 電話 0265-00-0000 esg@example.jp",
            ),
            (
                OfferKind.GREEN_FUND,
                "南信州グリーンファンド（デモ）",
                "市民・企業の出資を集め、地域の再エネ設備と森林整備に投資するファンドです。",
                "出資は1口10万円から。投資先は外部の委員会が選定します。",
                "地域創生部（架空） 電話 0265-00-0001",
            ),
        ],
    ),
    (
        "みなと地方銀行（架空）",
        InstitutionKind.REGIONAL_BANK,
        ["静岡県", "愛知県"],
        False,
        True,
        "",
        [
            (
                OfferKind.LOAN,
                "ポジティブ・インパクト・ファイナンス（デモ）",
                "事業が環境・社会・経済にもたらすインパクトを評価し、その改善を継続的に支援する融資です。",
                "中堅・中小企業。インパクトの評価とモニタリングに同意いただけること。",
                "法人営業部 サステナブルファイナンス室（架空） sf@example.jp",
            ),
            (
                OfferKind.FUND,
                "流域連携ファンド（デモ）",
                "県境をまたぐ流域の地域事業に、地元企業と共同で出資します。",
                "事業計画があり、地方公共団体が参画していること。出資額は1件あたり3,000万円まで。",
                "地域共創部（架空） 電話 053-000-0000",
            ),
        ],
    ),
    (
        "日本グリーン政策金融（架空）",
        InstitutionKind.GOVERNMENT,
        [],
        True,
        True,
        "",
        [
            (
                OfferKind.LOAN,
                "地域脱炭素推進融資（デモ）",
                "地域の脱炭素化に取り組む事業者への長期・固定金利の融資です。",
                "再エネ・省エネ設備の導入を伴う事業。地域金融機関との協調融資を基本とします。",
                "地域連携窓口（架空） green@example.jp",
            ),
        ],
    ),
]

CONSENTING = ["南信州 地域循環共生圏（デモ）", "小国 地熱と森の循環共生圏（デモ）"]


def _person() -> User:
    email, name, _description = BANK_PERSON
    user, created = User.objects.get_or_create(email=email, defaults={"full_name": name})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def load(log: Callable[[str], object]) -> list[tuple[str, str, str]]:
    person = _person()
    prefectures = {m.name: m for m in Municipality.objects.filter(kind="prefecture")}
    first: Institution | None = None
    for name, kind, areas, nationwide, signatory, note, offers in INSTITUTIONS:
        organization, _ = Organization.objects.get_or_create(kind="financial_institution", name=name)
        Membership.objects.get_or_create(
            organization=organization, user=person, defaults={"role": MembershipRole.OWNER}
        )
        institution, created = Institution.objects.get_or_create(
            organization=organization,
            defaults={
                "kind": kind,
                "nationwide": nationwide,
                "principles_signatory": signatory,
                "principles_note": note,
                "summary": "（デモ）地域の資源を生かす事業に、融資と出資で伴走します。",
                "is_published": True,
            },
        )
        if created:
            institution.prefectures.set([prefectures[p] for p in areas if p in prefectures])
            record(None, "finance.institution.created", institution)
        first = first or institution
        for offer_kind, title, summary, conditions, contact in offers:
            Offer.objects.get_or_create(
                institution=institution,
                title=title,
                defaults={
                    "kind": offer_kind,
                    "summary": summary,
                    "conditions": conditions,
                    "contact": contact,
                    "is_published": True,
                },
            )
    regions = list(RegionRegistration.objects.filter(name__in=CONSENTING).select_related("organization"))
    for region in regions:
        owner = Membership.objects.filter(organization=region.organization).select_related("user").first()
        if owner is not None and not hasattr(region, "finance_consent"):
            set_consent(owner.user, region, True)
    from junkan.matching.models import CollaborationRequest

    asked = CollaborationRequest.objects.filter(requester=first.organization).exists() if first else True
    if first is not None and regions and not asked:
        ask_region(
            person,
            first,
            regions[0],
            "（デモ）木質バイオマス熱供給の事業計画について、融資の組み方をご相談したく存じます。",
        )
    log(f"finance: {len(INSTITUTIONS)} fictional institutions with offers, {len(regions)} consenting regions")
    return [(BANK_PERSON[0], DEMO_PASSWORD, BANK_PERSON[2])]
