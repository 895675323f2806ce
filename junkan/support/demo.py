"""Demo experts, specialist organizations, support measures and funding mechanisms.

Every person, organization, measure and fund here is fictional and says so (（デモ）・（架空）).
The ministries are real; the measures attributed to them are invented for the demo, and their
links go to the ministries' home pages. Deadlines are set relative to today so that the list
always shows open and closed measures. Needs the registry demo (regions), which loads first.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.utils import timezone

from junkan.municipalities.models import Municipality
from junkan.registry.models import RegionRegistration
from junkan.support.models import (
    Expert,
    FundingKind,
    FundingLink,
    FundingMechanism,
    Ministry,
    OrganizationKind,
    SpecialistOrganization,
    SupportField,
    SupportMeasure,
)

NOTE = "（デモ用の架空の記載です）"

# name, kana, affiliation, fields, nationwide, prefecture codes, bio
EXPERTS = [
    (
        "森本 さやか（デモ）",
        "もりもと さやか",
        "地域経営コンサルタント（架空）",
        ["地域経営・事業計画", "官民連携・合意形成"],
        True,
        [],
        "自治体・地域金融機関・事業者の協働による地域事業の計画づくりを支援してきた。"
        "地域コンソーシアムの運営と、KPIを使った事業の振り返りが専門。",
    ),
    (
        "川辺 誠（デモ）",
        "かわべ まこと",
        "木質バイオマス技術士事務所 代表（架空）",
        ["再生可能エネルギー", "農林水産業"],
        False,
        ["200000", "010006", "330001"],
        "森林資源の熱利用・発電事業の事業性評価、燃料の安定調達の仕組みづくりを支援。",
    ),
    (
        "浜田 葵（デモ）",
        "はまだ あおい",
        "地域ブランディング・デザイナー（架空）",
        ["地域ブランディング・観光", "人材育成・環境教育"],
        False,
        ["360007", "140007", "260002"],
        "地域の産品とストーリーを結ぶブランドづくり、観光と自然保全を両立する商品開発を支援。",
    ),
    (
        "北野 隆（デモ）",
        "きたの たかし",
        "地方銀行 サステナブルファイナンス担当（架空）",
        ["金融・資金調達", "地域経営・事業計画"],
        True,
        [],
        "ESG地域金融による地域事業への融資と、地域ファンドの組成を支援。",
    ),
    (
        "青木 結衣（デモ）",
        "あおき ゆい",
        "大学 情報学部 准教授（架空）",
        ["情報技術（AI・IoT等）", "交通・まちづくり"],
        False,
        ["030007", "040002"],
        "IoTを使った見守り・移動支援、地域の交通データの活用を研究し、自治体の実証を支援。",
    ),
    (
        "里見 一郎（デモ）",
        "さとみ いちろう",
        "生態系保全コーディネーター（架空）",
        ["自然環境・生物多様性", "防災・減災"],
        False,
        ["360007", "280003", "150002"],
        "流域の自然再生と生きものを軸にした地域づくり、グリーンインフラによる防災を支援。",
    ),
]

# name, kind, fields, description, website
ORGANIZATIONS = [
    (
        "一般社団法人 里山共創ラボ（架空）",
        OrganizationKind.INTERMEDIARY,
        ["官民連携・合意形成", "人材育成・環境教育"],
        "地域プラットフォームの立ち上げと運営、地域コーディネーターの育成を支援する中間支援組織。",
        "",
    ),
    (
        "みなと環境エネルギー研究所（架空）",
        OrganizationKind.UNIVERSITY,
        ["再生可能エネルギー", "省エネルギー・脱炭素"],
        "地域の再生可能エネルギーの賦存量調査と、地域経済循環分析を行う研究機関。",
        "",
    ),
    (
        "地域循環金融ネットワーク（架空）",
        OrganizationKind.FINANCE,
        ["金融・資金調達"],
        "地域金融機関が集まり、ESG地域金融の事例と手法を共有するネットワーク。",
        "",
    ),
    (
        "特定非営利活動法人 森と海の学校（架空）",
        OrganizationKind.NPO,
        ["自然環境・生物多様性", "人材育成・環境教育"],
        "森・川・海のつながりを学ぶ環境教育プログラムを各地で企画・運営。",
        "",
    ),
]

# title, ministry, fields, summary, eligible, deadline offset (days or None), period (start, end offsets), url
MEASURES = [
    (
        "農山漁村の地域資源活用支援事業（デモ）",
        "農林水産省",
        ["農林水産業", "地域経営・事業計画"],
        "農山漁村の地域資源を活かした新たな事業の立ち上げを支援する架空の事業です。",
        "市町村、地域協議会、農林漁業者の団体",
        40,
        (-30, 335),
        "https://www.maff.go.jp/",
    ),
    (
        "地域エネルギー事業化調査支援（デモ）",
        "資源エネルギー庁",
        ["再生可能エネルギー", "省エネルギー・脱炭素"],
        "地域の再生可能エネルギーの事業化に向けた調査を支援する架空の事業です。",
        "地方公共団体、民間事業者",
        14,
        (-60, 300),
        "https://www.enecho.meti.go.jp/",
    ),
    (
        "地域公共交通の再構築支援（デモ）",
        "国土交通省",
        ["交通・まちづくり"],
        "地域の移動手段を見直し、持続可能な交通網をつくる取組を支援する架空の事業です。",
        "地方公共団体、交通事業者を含む協議会",
        None,
        (-100, 265),
        "https://www.mlit.go.jp/",
    ),
    (
        "デジタル技術による地域課題解決の実証（デモ）",
        "デジタル庁",
        ["情報技術（AI・IoT等）"],
        "デジタル技術で地域の課題を解決する実証を支援する架空の事業です。",
        "地方公共団体",
        90,
        (0, 365),
        "https://www.digital.go.jp/",
    ),
    (
        "地域の観光資源磨き上げ事業（デモ）",
        "観光庁",
        ["地域ブランディング・観光", "自然環境・生物多様性"],
        "自然や文化を活かした観光資源の磨き上げを支援する架空の事業です。",
        "観光地域づくり法人（DMO）、地方公共団体",
        -20,
        (-200, 160),
        "https://www.mlit.go.jp/kankocho/",
    ),
    (
        "地域おこし人材の受入れ支援（デモ）",
        "総務省",
        ["人材育成・環境教育", "地域経営・事業計画"],
        "地域外の人材を受け入れ、地域の担い手を育てる取組を支援する架空の事業です。",
        "市町村",
        -120,
        (-400, -35),
        "https://www.soumu.go.jp/",
    ),
]

# name, kind, description, region names, municipality codes, links
MECHANISMS = [
    (
        "南信州 森と太陽の市民ファンド（デモ）",
        FundingKind.CITIZEN_INVESTMENT,
        "市民からの出資で公共施設の屋根に太陽光発電を設置し、売電収入を出資者と地域の森づくりに還元する架空の仕組み。",
        ["南信州 地域循環共生圏（デモ）"],
        ["202053"],
        [("仕組みの説明資料（デモ）", "https://example.jp/demo/minami-shinshu-fund")],
    ),
    (
        "しもかわ森林ESG融資（デモ）",
        FundingKind.ESG_FINANCE,
        "地域金融機関が森林の整備状況と地域の雇用を評価して融資条件を決める、架空のESG地域金融の仕組み。",
        ["森林未来都市しもかわ（デモ）"],
        ["014681"],
        [("融資の考え方（デモ）", "https://example.jp/demo/shimokawa-esg")],
    ),
    (
        "流域グリーンファンド（デモ）",
        FundingKind.GREEN_FUND,
        "上流の森林と下流の都市が資金を出し合い、水源林の保全と流域の再生可能エネルギー事業に投資する架空のファンド。",
        [],
        ["360007", "362018"],
        [],
    ),
    (
        "里海再生クラウドファンディング（デモ）",
        FundingKind.CROWDFUNDING,
        "藻場の再生と漁業体験の受入れ費用を、全国の支援者から募る架空のクラウドファンディング。",
        [],
        ["332119"],
        [("募集ページ（デモ）", "https://example.jp/demo/satoumi")],
    ),
]


def _fields(names: list[str]) -> list[SupportField]:
    return list(SupportField.objects.filter(name__in=names))


def load(log: Callable[[str], object]) -> list[tuple[str, str, str]]:
    today = timezone.localdate()
    for name, kana, affiliation, fields, nationwide, codes, bio in EXPERTS:
        expert, _ = Expert.objects.update_or_create(
            name=name,
            defaults={
                "name_kana": kana,
                "affiliation": affiliation,
                "nationwide": nationwide,
                "bio": bio + NOTE,
                "is_published": True,
            },
        )
        expert.fields.set(_fields(fields))
        expert.regions.set(Municipality.objects.filter(code__in=codes, kind="prefecture"))
    for name, kind, fields, description, website in ORGANIZATIONS:
        organization, _ = SpecialistOrganization.objects.update_or_create(
            name=name,
            defaults={
                "kind": kind,
                "description": description + NOTE,
                "website": website,
                "is_published": True,
            },
        )
        organization.fields.set(_fields(fields))
    for title, ministry, fields, summary, eligible, deadline, (start, end), url in MEASURES:
        measure, _ = SupportMeasure.objects.update_or_create(
            title=title,
            defaults={
                "ministry": Ministry.objects.get(name=ministry),
                "summary": summary + NOTE,
                "eligible_applicants": eligible,
                "deadline": today + timedelta(days=deadline) if deadline is not None else None,
                "period_start": today + timedelta(days=start),
                "period_end": today + timedelta(days=end),
                "url": url,
                "is_published": True,
            },
        )
        measure.fields.set(_fields(fields))
    for name, kind, description, regions, codes, links in MECHANISMS:
        mechanism, _ = FundingMechanism.objects.update_or_create(
            name=name, defaults={"kind": kind, "description": description + NOTE, "is_published": True}
        )
        mechanism.regions.set(RegionRegistration.objects.filter(name__in=regions))
        mechanism.municipalities.set(Municipality.objects.filter(code__in=codes))
        for order, (title, url) in enumerate(links):
            FundingLink.objects.update_or_create(
                mechanism=mechanism, title=title, defaults={"url": url, "order": order}
            )
    log(
        f"support: {len(EXPERTS)} experts, {len(ORGANIZATIONS)} organizations, "
        f"{len(MEASURES)} support measures, {len(MECHANISMS)} funding mechanisms (all fictional)"
    )
    return []
