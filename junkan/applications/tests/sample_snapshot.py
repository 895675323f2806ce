"""Realistic submission snapshots for the PDF and xlsx tests, made by the real ``snapshot.build()``.

``build()`` reads an application through a handful of attributes; the stand-ins below provide exactly those
(no database), so the snapshots have the shape that a submission stores, with the amounts computed by the
subsidy engine. Three applications: seed 002 type ① (a city, one fiscal year, with the budget excerpt),
seed 002 type ③ (a town, two fiscal years, council members) and seed 003 事業化計画 (a company, 補助率2分の1).
Keyword arguments replace fields of a section: ``type1_snapshot(background={"background": "…"})``.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import datetime
from fractions import Fraction
from typing import Any
from zoneinfo import ZoneInfo

from junkan.applications import snapshot
from junkan.programs.engine.subsidy import AmountRule, rate_label

TOKYO = ZoneInfo("Asia/Tokyo")
RECEIVED_AT = datetime(2019, 6, 20, 16, 59, 58, tzinfo=TOKYO)

PROGRAM_2019 = (
    "fy2019-decarbonised-region-model",
    "平成31年度二酸化炭素排出抑制対策事業費等補助金（脱炭素イノベーションによる地域循環共生圏構築事業のうち、"
    "地域の多様な課題に応える脱炭素型地域づくりモデル形成事業）",
)
PROGRAM_2015 = (
    "fy2015-ecotown-low-carbon",
    "平成27年度エコタウン等における資源循環社会と共生した低炭素地域づくり補助金事業",
)

KIND_LABELS = {
    "municipality": "市町村",
    "company": "民間企業",
    "npo": "NPO法人",
    "association": "社団法人・財団法人",
}

# What the tests look for.
ORGANIZATION = "長野県飯田市"
BACKGROUND_FIRST_LINE = (
    "飯田市では、市域の約8割を森林が占め、小水力・太陽光・木質バイオマスの資源が豊富にある。"
)
BACKGROUND_SECOND_LINE = "一方で、エネルギー代金として年間約300億円が市外に流出している（地域経済循環分析）。"
LINE_DESCRIPTION = "再エネ導入ポテンシャル調査業務委託（太陽光・小水力・木質バイオマス）"


class _Related(list):  # type: ignore[type-arg]
    """A related manager's ``all()``."""

    def all(self) -> list[Any]:
        return list(self)


@dataclass
class _Municipality:
    code: str


@dataclass
class _Organization:
    name: str
    kind: str
    municipality: _Municipality | None = None

    @property
    def municipality_id(self) -> int | None:
        return 1 if self.municipality else None

    @property
    def is_local_government(self) -> bool:
        return self.kind in {
            "prefecture",
            "municipality",
            "special_ward",
            "municipal_union",
            "wide_area_union",
        }

    def get_kind_display(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


@dataclass
class _Program:
    slug: str
    name: str
    fiscal_year: int | None = None

    @property
    def application_forms(self) -> str:
        return self.slug


@dataclass
class _ProjectType:
    code: str
    label: str
    rule: AmountRule

    def amount_rule(self) -> AmountRule:
        return self.rule

    @property
    def rate_label(self) -> str:
        return rate_label(self.rule.rate)


@dataclass
class _Section:
    key: str
    data: dict[str, Any]


@dataclass
class _Document:
    kind: str
    original_name: str
    size: int
    content_type: str = "application/pdf"
    sha256: str = ""
    public_id: str = ""

    def __post_init__(self) -> None:
        import hashlib
        import uuid

        self.sha256 = self.sha256 or hashlib.sha256(self.original_name.encode()).hexdigest()
        self.public_id = self.public_id or str(uuid.uuid5(uuid.NAMESPACE_URL, self.original_name))


@dataclass
class _CoApplicant:
    organization: _Organization
    role: str
    status: str = "accepted"


@dataclass
class _Application:
    program: _Program
    project_type: _ProjectType
    organization: _Organization
    title: str
    sections: _Related
    documents: _Related = field(default_factory=_Related)
    co_applicants: _Related = field(default_factory=_Related)


def _build(
    application: _Application, receipt: str, version: int, received_at: datetime = RECEIVED_AT
) -> dict[str, Any]:
    return snapshot.build(application, receipt, received_at, version)  # type: ignore[arg-type]


def _merge(
    data: dict[str, dict[str, Any]], overrides: dict[str, dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    data = copy.deepcopy(data)
    for key, values in overrides.items():
        data.setdefault(key, {}).update(values)
    return data


def _letter(**values: Any) -> dict[str, Any]:
    return {
        "doc_number": "",
        "letter_date": "2019-06-14",
        "contact_fax": "",
        **values,
    }


def _lines(*rows: tuple[str, str, int, int, str]) -> list[dict[str, Any]]:
    return [
        {"category": c, "description": d, "unit_price": p, "quantity": q, "unit": u, "staff": ""}
        for c, d, p, q, u in rows
    ]


TYPE1_DATA: dict[str, dict[str, Any]] = {
    "letter": _letter(
        doc_number="22飯環第145号",
        address="長野県飯田市大久保町2534番地",
        organization_name=ORGANIZATION,
        representative="飯田市長　佐藤　健",
        contact_department="市民協働環境部 環境モデル都市推進課",
        contact_title="係長",
        contact_name="熊谷　一郎",
        contact_phone="0265-22-4511",
        contact_fax="0265-22-4673",
        contact_email="kankyo@example.jp",
    ),
    "overview": {
        "lead_name": "熊谷　一郎",
        "lead_title": "飯田市 市民協働環境部 環境モデル都市推進課 係長",
        "lead_address": "長野県飯田市大久保町2534番地",
        "lead_phone": "0265-22-4511",
        "lead_email": "kankyo@example.jp",
        "main_location": "長野県飯田市（竜丘地区・川路地区）",
        "project_years": 1,
    },
    "background": {
        "background": f"{BACKGROUND_FIRST_LINE}\n{BACKGROUND_SECOND_LINE}\n"
        "卒FIT電源の活用方針が定まっておらず、2019年11月以降の買取期間終了に備えた検討が急務である。",
        "economic_analysis": "地域経済循環分析により、エネルギー収支が域内総生産の約7%の赤字と確認。",
    },
    "concept": {
        "vision": "地域の再生可能エネルギーを地域で使い、災害に強く、エネルギー代金が地域内で循環するまち。",
        "resources": "天竜川水系の小水力、公共施設の屋根置き太陽光（計1,200kW）、間伐材。",
        "challenges": "中山間地の交通弱者の移動手段の確保、避難所の電源確保。",
        "equipment": "",
        "partners": "おひさま進歩エネルギー株式会社（事業化検討で連携、協議中）\n"
        "飯田信用金庫（地域ファイナンス、協議開始済み）",
    },
    "content": {
        "survey_items": [
            {
                "title": "卒FIT太陽光の地域内活用",
                "issue": "買取期間終了後の余剰電力を公共施設で自家消費できるか。",
                "method": "公共施設30か所の需要データと発電実績の突合による需給シミュレーション。",
            },
            {
                "title": "小水力発電の事業性",
                "issue": "農業用水路3か所での発電の採算性。",
                "method": "流量観測（6か月）と概算設計・費用便益分析。",
            },
        ],
    },
    "schedule": {
        "schedule": "令和元年7月　調査開始\n令和元年12月　中間とりまとめ\n令和2年2月　完了実績報告書の作成",
        "after_project": "地域新電力の設立を検討し、令和3年度に事業化を目指す。",
        "local_plans": "第5次飯田市環境基本計画（令和2年度改定予定）",
    },
    "effects": {
        "co2_calculation": {"id": "3f2a", "title": "卒FIT太陽光の自家消費（公共施設30か所）"},
        "co2_reduction": "1520.4",
        "co2_method": "系統電力を代替する再エネ電力量に排出係数を乗じて算定する。",
        "decarbonisation": "市域の業務部門CO2排出量の約3%を削減し、2050年80%削減に向けた先行モデルとなる。",
        "renewable_energy": "太陽光 1,200kW（年間発電量 1,300MWh）、小水力 150kW（年間発電量 900MWh）",
        "other_effects": "避難所の非常用電源の確保、地域内の雇用創出。",
        "innovation": "公共施設間の電力融通の仕組み（自営線によらない地域マイクログリッド）。",
    },
    "structure": {
        "structure": "飯田市が代表申請者として全体を統括し、共同申請者が需給シミュレーションを担う。",
        "other_subsidies": False,
        "other_subsidies_detail": "",
    },
    "costs": {
        "years": [
            {
                "fiscal_year": 2019,
                "total_cost": 7_200_000,
                "other_income": 0,
                "consumption_tax": 515_377,
                "consumption_tax_equivalent": None,
                "lines": _lines(
                    ("業務費／委託料", LINE_DESCRIPTION, 6_380_000, 1, "式"),
                    ("業務費／諸謝金", "有識者ヒアリング謝金", 10_000, 12, "人"),
                    ("業務費／旅費", "先進地視察旅費（有識者同行、東京⇔飯田）", 28_600, 6, "人"),
                    ("業務費／印刷製本費", "報告書印刷", 1_650, 100, "部"),
                    ("業務費／使用料及賃借料", "住民説明会 会場使用料", 22_000, 4, "回"),
                    ("業務費／消耗品費", "調査用記録媒体・文具", 3_300, 10, "個"),
                ),
            }
        ]
    },
    "budget": {
        "revenue": [
            {"item": "（款）国庫支出金", "amount": 6_957_000},
            {"item": "（項）国庫補助金", "amount": 6_957_000},
            {"item": "（目）環境保全費補助金", "amount": 6_957_000},
            {"item": "一般財源", "amount": 243_000},
        ],
        "expenditure": [
            {"item": "（款）衛生費", "amount": 7_200_000},
            {"item": "（項）環境衛生費", "amount": 7_200_000},
            {"item": "（目）環境保全費", "amount": 7_200_000},
            {"item": "（節）委託料", "amount": 6_380_000},
        ],
        "note": "6月補正予算（見込み）",
    },
}

TYPE3_DATA: dict[str, dict[str, Any]] = {
    "letter": _letter(
        address="長野県下伊那郡阿智村駒場483番地",
        organization_name="長野県阿智村",
        representative="阿智村長　熊谷　秀樹",
        contact_department="協働活動推進課",
        contact_title="主任",
        contact_name="原　さくら",
        contact_phone="0265-43-2220",
        contact_email="achi@example.jp",
    ),
    "overview": {
        "lead_name": "原　さくら",
        "lead_title": "阿智村 協働活動推進課 主任",
        "lead_address": "長野県下伊那郡阿智村駒場483番地",
        "lead_phone": "0265-43-2220",
        "lead_email": "achi@example.jp",
        "main_location": "長野県阿智村全域",
        "project_years": 2,
    },
    "background": {
        "background": "人口減少と高齢化が進み、公共交通の維持が難しくなっている。\n"
        "村内の電力はほぼすべて村外から購入している。",
        "economic_analysis": "地域経済循環分析によると、エネルギー代金の流出は年間約12億円。",
    },
    "concept": {
        "vision": "住民が参加して地域の再エネを選び、使い、その利益が村に残る姿。",
        "resources": "森林資源、温泉熱。",
        "challenges": "移動手段の確保、高齢者の見守り。",
        "equipment": "",
        "partners": "阿智村社会福祉協議会、地元の建設業者。",
    },
    "content": {
        "stakeholders": "住民代表、村内事業者、金融機関、村。",
        "council_structure": "村長の諮問機関として「あち再エネ協議会」を設置する。",
        "topics": "再エネ導入の優先順位、収益の地域還元の方法。",
    },
    "council": {
        "members": [
            {"name": "阿智村", "role": "事務局", "planned": False},
            {"name": "阿智村社会福祉協議会", "role": "住民参加の企画", "planned": False},
            {"name": "飯田信用金庫 阿智支店", "role": "資金調達の助言", "planned": True},
        ],
        "evidence_kind": "draft_rules",
    },
    "schedule": {
        "schedule": "平成31年度　協議会の設置、住民説明会4回\n令和2年度　導入計画案の合意、情報発信",
        "after_project": "協議会の合意に基づき、村営の小水力発電所を整備する。",
        "local_plans": "第6次阿智村総合計画",
    },
    "effects": {
        "co2_calculation": None,
        "co2_reduction": "210",
        "co2_method": "合意した導入計画の発電量に排出係数を乗じる。",
        "decarbonisation": "村の家庭部門CO2の約1割を削減する。",
        "other_effects": "住民の合意形成の経験が他の地域課題にも活きる。",
        "innovation": "収益の一部を地域交通に充てる仕組み。",
    },
    "structure": {"structure": "村が事務局を務める。", "other_subsidies": False},
    "costs": {
        "years": [
            {
                "fiscal_year": 2019,
                "total_cost": 2_100_000,
                "other_income": 0,
                "consumption_tax": 137_037,
                "lines": _lines(
                    ("業務費／諸謝金", "協議会委員謝金", 15_000, 40, "人回"),
                    ("業務費／委託料", "住民説明会の企画・運営業務委託", 1_100_000, 1, "式"),
                    ("業務費／使用料及賃借料", "会場使用料", 25_000, 8, "回"),
                    ("業務費／印刷製本費", "説明会資料・広報チラシ印刷", 50, 2_000, "部"),
                ),
            },
            {
                "fiscal_year": 2020,
                "total_cost": 2_400_000,
                "other_income": 100_000,
                "consumption_tax": 218_181,
                "lines": _lines(
                    ("業務費／諸謝金", "協議会委員謝金", 15_000, 40, "人回"),
                    ("業務費／委託料", "情報発信用ウェブサイト制作・運営業務委託", 1_800_000, 1, "式"),
                ),
            },
        ]
    },
    "budget": {
        "revenue": [
            {"item": "（款）国庫支出金", "amount": 2_000_000},
            {"item": "一般財源", "amount": 100_000},
        ],
        "expenditure": [{"item": "（款）総務費", "amount": 2_100_000}],
        "note": "",
    },
}

ECOTOWN_DATA: dict[str, dict[str, Any]] = {
    "letter": _letter(
        letter_date="2015-06-26",
        address="福岡県北九州市若松区響町一丁目62番地",
        organization_name="株式会社ひびき資源循環",
        representative="代表取締役　山本　太郎",
        contact_department="事業開発部",
        contact_title="課長",
        contact_name="田中　花子",
        contact_phone="093-000-0000",
        contact_email="tanaka@example.jp",
    ),
    "overview": {
        "main_location": "北九州エコタウン（福岡県北九州市若松区）",
        "eco_town_plan": "北九州エコタウンプラン（平成9年承認、平成27年度改訂見込み）",
        "theme": "廃プラスチックの高度選別と、選別残渣の熱利用による低炭素化。",
        "project_years": 2,
    },
    "content": {
        "plan_content": "高度選別設備と熱供給設備の事業化計画を策定する。\n"
        "需要家3社との熱供給契約の条件を整理する。",
        "feasibility": "需要家3社と基本合意済み。",
        "novelty": "選別残渣の熱を近隣工場へ供給する事例は国内にない。",
        "effectiveness": "再資源化率を65%から80%に高める。",
        "schedule": "平成27年度　設備の基本設計\n平成28年度　事業化計画の策定",
    },
    "effects": {
        "co2_calculation": {"id": "9b1c", "title": "廃プラ選別残渣の熱利用"},
        "co2_reduction": "3400",
        "cost_effectiveness": "補助金1,000円あたり年間0.35t-CO2の削減。",
    },
    "structure": {
        "structure": "当社が全体を統括し、大学が熱需要の調査を担う。",
        "other_subsidies": True,
        "other_subsidies_detail": "平成25年度 低炭素型3R技術・システム実証事業（選別技術、約2,000万円）",
    },
    "costs": {
        "years": [
            {
                "fiscal_year": 2015,
                "total_cost": 9_800_000,
                "other_income": 0,
                "consumption_tax": 725_925,
                "consumption_tax_equivalent": 362_962,
                "lines": _lines(
                    ("人件費", "事業化計画担当者の人件費", 5_000, 800, "時間"),
                    ("業務費／委託料", "熱供給設備の基本設計業務委託", 5_400_000, 1, "式"),
                    ("業務費／旅費", "需要家との協議旅費", 20_000, 10, "回"),
                ),
            },
            {
                "fiscal_year": 2016,
                "total_cost": 6_000_000,
                "other_income": 0,
                "consumption_tax": 444_444,
                "lines": _lines(
                    ("人件費", "事業化計画担当者の人件費", 5_000, 600, "時間"),
                    ("業務費／委託料", "事業性評価業務委託", 3_000_000, 1, "式"),
                ),
            },
        ]
    },
}


def type1_snapshot(
    *,
    receipt: str = "2019-001-0001",
    version: int = 1,
    organization: str = ORGANIZATION,
    title: str = "",
    **sections: dict[str, Any],
) -> dict[str, Any]:
    """Seed 002, project type ①, a city applying alone with one co-applicant company; FY2019 only."""
    slug, name = PROGRAM_2019
    application = _Application(
        program=_Program(slug, name, 2019),
        project_type=_ProjectType(
            "1",
            "①地域資源を活用した環境社会調和型の再エネ事業・FIT買取期間終了後の再エネ活用事業の実現可能性調査を行う事業",
            AmountRule(Fraction(1), cap=10_000_000, base_amount=10_000_000),
        ),
        organization=_Organization(organization, "municipality", _Municipality("202053")),
        title=title or "飯田市卒FIT電源の地域内活用に関する実現可能性調査事業",
        sections=_Related(_Section(k, v) for k, v in _merge(TYPE1_DATA, sections).items()),
        documents=_Related(
            [
                _Document("cost_basis", "見積書_再エネポテンシャル調査.pdf", 182_344),
                _Document("analysis_material", "地域経済循環分析_飯田市.pdf", 2_301_222),
            ]
        ),
        co_applicants=_Related(
            [
                _CoApplicant(
                    _Organization("おひさま進歩エネルギー株式会社", "company"),
                    "需給シミュレーションと事業化の検討",
                ),
                _CoApplicant(_Organization("辞退した団体", "npo"), "—", status="declined"),
            ]
        ),
    )
    return _build(application, receipt, version)


def type3_snapshot(
    *, receipt: str = "2019-001-0002", version: int = 2, **sections: dict[str, Any]
) -> dict[str, Any]:
    """Seed 002, project type ③ (協議会), a village; FY2019 and FY2020; second version after 不備."""
    slug, name = PROGRAM_2019
    application = _Application(
        program=_Program(slug, name, 2019),
        project_type=_ProjectType(
            "3",
            "③住民参加型協議会の運営及び情報発信を行う事業",
            AmountRule(Fraction(1), cap=3_000_000, base_amount=3_000_000),
        ),
        organization=_Organization("長野県阿智村", "municipality", _Municipality("204072")),
        title="あち再エネ協議会による住民参加型の再エネ導入計画づくり",
        sections=_Related(_Section(k, v) for k, v in _merge(TYPE3_DATA, sections).items()),
        documents=_Related(
            [
                _Document(
                    "cost_basis",
                    "積算根拠.xlsx",
                    20_480,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ),
                _Document("council_evidence", "協議会設置要綱（案）.pdf", 88_000),
            ]
        ),
    )
    return _build(application, receipt, version)


def ecotown_snapshot(
    *, receipt: str = "2015-002-0001", version: int = 1, **sections: dict[str, Any]
) -> dict[str, Any]:
    """Seed 003, 事業化計画 (補助率2分の1, 上限1,000万円), a company; FY2015 and FY2016; no budget excerpt."""
    slug, name = PROGRAM_2015
    application = _Application(
        program=_Program(slug, name, 2015),
        project_type=_ProjectType(
            "plan",
            "事業化計画の策定を行う事業（民間団体等向け）",
            AmountRule(Fraction(1, 2), cap=10_000_000),
        ),
        organization=_Organization("株式会社ひびき資源循環", "company"),
        title="廃プラスチック選別残渣の熱利用事業化計画策定",
        sections=_Related(_Section(k, v) for k, v in _merge(ECOTOWN_DATA, sections).items()),
        documents=_Related(
            [
                _Document("cost_basis", "見積書.pdf", 120_000),
                _Document("financial_statements", "第20期決算書.pdf", 300_000),
                _Document("financial_statements", "第21期決算書.pdf", 310_000),
                _Document("articles", "定款.pdf", 90_000),
                _Document("corporate_overview", "会社概要.pdf", 1_200_000),
            ]
        ),
    )
    return _build(application, receipt, version, datetime(2015, 6, 29, 16, 30, 5, tzinfo=TOKYO))
