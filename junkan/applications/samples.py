"""Realistic content for a complete application (demo data and tests fill the forms through the services).

Everything here is fictional sample text written for the demo; figures are invented and say so.
"""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from junkan.applications import services
from junkan.applications.checklist import sections_of, spec_of
from junkan.applications.models import Application, Section
from junkan.applications.spec import applicant_of


def minimal_pdf(note: bytes = b"") -> bytes:
    """The smallest PDF the upload check accepts: one blank A4 page, with its cross-reference table.

    ``note`` goes in as a comment line, to make PDFs that differ."""
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>",
    ]
    out = bytearray(b"%PDF-1.4\n" + (b"% " + note + b"\n" if note else b""))
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj" % number + body + b"endobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


MINIMAL_PDF = minimal_pdf()

LONG = "（デモ用の記載例）"


def section_contents(application: Application) -> dict[str, dict[str, Any]]:
    """Complete contents for every section that applies (type 1/3 of seed 002, fs/plan of seed 003)."""
    organization = application.organization
    code = application.project_type.code
    fy = application.program.fiscal_year
    contents: dict[str, dict[str, Any]] = {
        "letter": {
            "doc_number": "環政第123号",
            "letter_date": timezone.localdate().isoformat(),
            "address": "長野県飯田市大久保町2534番地",
            "organization_name": organization.name,
            "representative": f"{organization.name}長 山田 一郎",
            "contact_department": "環境課 ゼロカーボン推進係",
            "contact_title": "係長",
            "contact_name": "佐藤 花子",
            "contact_phone": "0265-22-4511",
            "contact_fax": "0265-22-4512",
            "contact_email": "officer@example.jp",
        },
        "overview": {
            "lead_name": "山田 一郎",
            "lead_title": f"{organization.name} 市長",
            "lead_address": "長野県飯田市大久保町2534番地",
            "lead_phone": "0265-22-4511",
            "lead_email": "officer@example.jp",
            "main_location": "長野県飯田市 竜丘地区及び千代地区",
            "project_years": 1,
            "eco_town_plan": f"{LONG}市のエコタウン計画（令和6年改訂予定）に基づく。",
            "theme": f"{LONG}食品廃棄物と剪定枝の資源循環による地域の低炭素化",
        },
        "background": {
            "background": f"{LONG}市域のCO2排出量は年間約68万t-CO2で、うち家庭部門が28%を占める。\n"
            "中山間地域では人口減少と森林の荒廃が進み、地域外へのエネルギー代金の流出は年間約180億円に上る。",
            "economic_analysis": f"{LONG}地域経済循環分析（2018年版）では、エネルギー代金の域外流出が"
            "地域内総生産の約7%に相当し、再生可能エネルギーの地産地消による所得の域内循環が課題である。",
        },
        "concept": {
            "vision": f"{LONG}地域の太陽光と小水力を地域新電力が束ね、公共施設と家庭に供給する。\n"
            "売電収益を地域の交通と見守りに還元し、住み続けられる地域をつくる。",
            "resources": f"{LONG}日照に恵まれた河岸段丘、農業用水路（落差のある区間が12か所）、市有林。",
            "challenges": f"{LONG}エネルギー代金の域外流出、高齢者の移動手段、森林の手入れ不足。",
            "equipment": f"{LONG}公共施設屋根の太陽光発電（計1,200kW）、農業用水路の小水力発電（計300kW）。",
            "partners": f"{LONG}地域新電力（設立準備中）、土地改良区、地元金融機関と協議を始めている。",
        },
        "content": {
            "survey_items": [
                {
                    "title": "再エネ導入ポテンシャルの精査",
                    "issue": "公共施設屋根と水路の発電量を実測値で見直す。",
                    "method": "現地調査と1年分の流量データによる試算。",
                },
                {
                    "title": "地域新電力の事業性評価",
                    "issue": "需要家の構成と収支を検証する。",
                    "method": "需要データの分析と事業計画の作成。",
                },
            ],
            "stakeholders": f"{LONG}市、土地改良区、自治会連合会、地元金融機関、高校。",
            "council_structure": f"{LONG}市長を会長とする「竜丘・千代エネルギー協議会」を設置し、"
            "市の環境基本計画の推進組織に位置付ける。",
            "topics": f"{LONG}再エネの地産地消、収益の地域還元の方法、住民参加の仕組み。",
            "plan_content": f"{LONG}食品廃棄物のバイオガス化施設の事業化計画を策定する。",
            "feasibility": f"{LONG}原料の確保量と需要家の見込みを確認済み。",
            "novelty": f"{LONG}剪定枝と食品廃棄物の混合処理は県内で例がない。",
            "effectiveness": f"{LONG}焼却量を年間1,200t削減し、熱を隣接する温浴施設で利用する。",
            "schedule": f"{LONG}令和元年度にF/S、令和2年度に事業化計画、令和4年度に施設整備。",
        },
        "council": {
            "members": [
                {"name": f"{organization.name}", "role": "会長・事務局", "planned": False},
                {"name": "竜丘土地改良区", "role": "小水力発電の水利調整", "planned": False},
                {"name": "地元信用金庫（予定）", "role": "資金調達の助言", "planned": True},
            ],
            "evidence_kind": "agreement",
        },
        "schedule": {
            "schedule": f"{LONG}6月 調査開始\n9月 中間報告\n12月 協議会で事業計画を協議\n"
            "2月 完了実績報告書の作成",
            "after_project": f"{LONG}令和2年度に地域新電力を設立し、令和3年度から公共施設への供給を始める。",
            "local_plans": f"{LONG}第3次環境基本計画（令和2年度改定）及び総合計画後期基本計画に位置付ける。",
        },
        "effects": {
            "co2_reduction": "1250.5",
            "co2_method": f"{LONG}導入予定設備の年間発電量に全国平均係数を乗じて試算した。",
            "decarbonisation": f"{LONG}市域の家庭部門排出量の約2%を削減し、2050年80%削減の道筋を示す。",
            "renewable_energy": "太陽光 1,200kW（年間1,300MWh）、小水力 300kW（年間1,900MWh）",
            "other_effects": f"{LONG}エネルギー代金の域内循環（年間約3億円）、雇用5人。",
            "innovation": f"{LONG}水利権者と共同で運営する小水力の新しい事業モデル。",
            "cost_effectiveness": f"{LONG}補助金1円あたりのCO2削減量は約0.12kg-CO2/年。",
        },
        "structure": {
            "structure": f"{LONG}市環境課が全体を統括し、調査は公募で選ぶ事業者に委託する。",
            "other_subsidies": False,
        },
        "costs": {
            "years": [
                {
                    "fiscal_year": fy,
                    "total_cost": 9_500_000,
                    "other_income": 0,
                    "consumption_tax": 700_000,
                    "consumption_tax_equivalent": None,
                    "lines": [
                        {
                            "category": "委託料",
                            "description": "再エネ導入ポテンシャル調査業務委託",
                            "unit_price": 6_600_000,
                            "quantity": 1,
                            "unit": "式",
                            "staff": "",
                        },
                        {
                            "category": "諸謝金" if application.program.fiscal_year >= 2019 else "賃金",
                            "description": "協議会の有識者謝金",
                            "unit_price": 30_000,
                            "quantity": 10,
                            "unit": "人回",
                            "staff": "",
                        },
                        {
                            "category": "旅費",
                            "description": "有識者の旅費（東京－飯田）",
                            "unit_price": 25_000,
                            "quantity": 10,
                            "unit": "人回",
                            "staff": "",
                        },
                        {
                            "category": "印刷製本費"
                            if application.program.fiscal_year >= 2019
                            else "需用費・印刷製本費",
                            "description": "報告書の印刷",
                            "unit_price": 2_000,
                            "quantity": 100,
                            "unit": "部",
                            "staff": "",
                        },
                    ],
                }
            ]
        },
        "budget": {
            "revenue": [
                {"item": "国庫支出金 環境保全費補助金", "amount": 7_050_000},
                {"item": "一般財源", "amount": 2_450_000},
            ],
            "expenditure": [
                {"item": "環境保全費 委託料", "amount": 6_600_000},
                {"item": "環境保全費 報償費・旅費・需用費", "amount": 2_900_000},
            ],
            "note": "令和元年度6月補正予算に計上予定",
        },
    }
    applicable = sections_of(application)
    if any(f.key == "co2_direct" for s in applicable if s.key == "effects" for f in s.fields):
        # Seed 002 4.(3)① ※ (type ①): the reduction split into direct (the equipment's own generation) and
        # indirect (demand the model moves to renewable power) effects; the parts add up to the figure above.
        contents["effects"].update(co2_direct="1000", co2_indirect="250.5")
    if code == "3":
        contents["costs"]["years"][0]["lines"][0].update(
            unit_price=1_900_000, description="協議会運営支援業務委託"
        )
        contents["costs"]["years"][0]["total_cost"] = 2_800_000
        contents["budget"]["revenue"][0]["amount"] = 2_350_000
    for section in applicable:
        if section.requirements:
            contents[section.key] = requirement_answers(section)
    keys = {s.key for s in applicable}
    return {key: value for key, value in contents.items() if key in keys}


# Where the demo's 様式2 shows each requirement (a–e of seed 002, （ア）–（オ） of seed 003), in order.
REQUIREMENT_PLACES = (
    "2頁「事業の背景」、6頁「事業実施計画・スケジュール」（地域計画等への位置付け）",
    "3頁「構想の内容」（連携を想定している地域内外の関係者）",
    "4頁「事業の実施内容」調査項目1・2",
    "5頁「構想が実現した場合に期待される効果・意義」（イノベーション）",
    "4頁「事業の実施内容」（協議内容・情報発信）",
)


def requirement_answers(section: Any) -> dict[str, str]:
    """Every requirement of the type answered 「満たしている」, with the place in the plan that shows it."""
    answers: dict[str, str] = {}
    for number, requirement in enumerate(section.requirements):
        answers[requirement.key] = "yes"
        answers[requirement.where_key] = REQUIREMENT_PLACES[number % len(REQUIREMENT_PLACES)]
    return answers


def _calculation(actor: Any, application: Application) -> dict[str, Any]:
    """A saved CO2 calculation of the applicant (the demo boiler of the carbon app), as the form stores it."""
    from junkan.carbon import demo as carbon_demo
    from junkan.carbon import services as carbon_services
    from junkan.carbon.models import SavedCalculation

    saved = SavedCalculation.objects.filter(
        organization=application.organization, title=carbon_demo.TITLE
    ).first()
    if saved is None:
        saved = carbon_services.save_calculation(
            actor, carbon_demo.INPUT, title=carbon_demo.TITLE, organization=application.organization
        )
    return {"id": saved.pk, "title": saved.title, "reduction_t_co2": str(saved.reduction_t_co2)}


def fill(actor: Any, application: Application, *, documents: bool = True) -> Application:
    """Fill every section and attach the required documents, through the services (audited)."""
    contents = section_contents(application)
    effects = spec_of(application).section("effects", applicant_of(application))
    if effects is not None and any(
        f.kind == "co2_calculation" and f.is_required(application.project_type.code) for f in effects.fields
    ):
        calculation = _calculation(actor, application)
        contents["effects"] = {
            **contents["effects"],
            "co2_calculation": calculation,
            "co2_reduction": calculation["reduction_t_co2"],
        }
    for key, data in contents.items():
        section = Section.objects.filter(application=application, key=key).first()
        merged = {**(section.data if section else {}), **data}
        services.save_section(actor, application, key, merged, section.version if section else 0)
    if documents:
        for spec in spec_of(application).documents_for(applicant_of(application)):
            if spec.required:
                for number in range(spec.min_count):
                    upload = SimpleUploadedFile(
                        f"{spec.label[:20]}_{number + 1}.pdf", MINIMAL_PDF, "application/pdf"
                    )
                    services.add_document(actor, application, spec.code, upload)
    application.refresh_from_db()
    return application
