"""The checklist engine: missing and invalid items, each with its page, field anchor and Japanese message."""

from __future__ import annotations

import copy
import dataclasses
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from junkan.applications.engine import completeness, costs
from junkan.applications.engine.completeness import Item, check, check_budget, check_documents, is_blank
from junkan.applications.engine.spec import (
    Applicant,
    DocumentSpec,
    FieldSpec,
    FormSpec,
    Option,
    SectionSpec,
    parse,
)

FORMS = Path(__file__).resolve().parents[1] / "data" / "forms"
SEED_002 = "fy2019-decarbonised-region-model"
SEED_003 = "fy2015-ecotown-low-carbon"


def test_the_budget_excerpt_names_the_calls_fiscal_year():
    """Issue 13: a 令和8年度 call asked for the 「平成31年度歳入歳出予算書」 (fixed text in the forms)."""
    for name in (SEED_002, SEED_003):
        budget = next(s for s in SPECS[name].for_fiscal_year("令和8年度").sections if s.kind == "budget")
        assert budget.title == "令和8年度歳入歳出予算書（見込書）抜粋"


SPECS = {
    name: parse(yaml.safe_load((FORMS / f"{name}.yaml").read_text(encoding="utf-8")))
    for name in (SEED_002, SEED_003)
}

CITY = Applicant("1", local_government=True)
COMPANY_PLAN = Applicant("plan", local_government=False)

# Every applicant the shipped forms know: (spec, project type, lead applicant).
APPLICANTS: list[tuple[str, Applicant]] = [
    *(
        (SEED_002, Applicant(code, local_government=lg, prefecture=pref))
        for code in ("1", "2", "3")
        for lg, pref in ((True, False), (True, True), (False, False))
    ),
    *(
        (SEED_003, Applicant(code, local_government=lg, prefecture=pref))
        for code in ("fs", "plan")
        for lg, pref in ((True, False), (True, True), (False, False))
    ),
]


def applicant_id(case: tuple[str, Applicant]) -> str:
    name, who = case
    kind = "prefecture" if who.prefecture else "city" if who.local_government else "company"
    return f"{name[:6]}-{who.type_code}-{kind}"


def valid_value(field: FieldSpec) -> Any:
    """A value the form would store for this field."""
    kind = field.kind
    if kind == "email":
        return "tanaka@city.iida.example.jp"
    if kind == "phone":
        return "0265-22-4511"
    if kind == "date":
        return "2019-06-14"
    if kind == "integer":
        return field.minimum if field.minimum is not None else 1
    if kind == "decimal":
        return "120.5"
    if kind == "boolean":
        return False
    if kind == "choice":
        return field.options[0].value
    if kind == "co2_calculation":
        return {"id": 1, "title": "竜丘地区", "reduction_t_co2": "120.5"}
    if kind == "items":
        return [{sub.key: valid_value(sub) for sub in field.subfields}]
    return f"{field.label}の記入例"


def complete_costs() -> dict[str, Any]:
    return {
        "years": [
            {
                "fiscal_year": 2019,
                "total_cost": 12_000_000,
                "other_income": 0,
                "consumption_tax": 800_000,
                "consumption_tax_equivalent": None,
                "lines": [
                    {
                        "category": "委託料",
                        "description": "実現可能性調査委託",
                        "unit_price": 10_000_000,
                        "quantity": 1,
                        "unit": "式",
                    },
                    {
                        "category": "旅費",
                        "description": "現地調査",
                        "unit_price": 20_000,
                        "quantity": 5,
                        "unit": "回",
                        "staff": "local_government_staff",
                    },
                ],
            }
        ]
    }


def complete_budget() -> dict[str, Any]:
    return {
        "revenue": [{"item": "国庫補助金", "amount": 10_000_000}],
        "expenditure": [{"item": "委託料", "amount": 10_000_000}],
    }


def complete(spec: FormSpec, who: Applicant) -> tuple[dict[str, dict[str, Any]], dict[str, int]]:
    """Every page filled as the forms would store it, and every document uploaded."""
    sections: dict[str, dict[str, Any]] = {}
    for section in spec.sections_for(who):
        if section.kind == "costs":
            sections[section.key] = complete_costs()
        elif section.kind == "budget":
            sections[section.key] = complete_budget()
        else:
            sections[section.key] = {f.key: valid_value(f) for f in section.fields}
            if "co2_direct" in sections[section.key]:  # type ①: the parts add up to the figure (120.5)
                sections[section.key].update(co2_direct="100.5", co2_indirect="20")
    counts = {d.code: d.min_count for d in spec.documents_for(who)}
    return sections, counts


def field_spec(kind: str, **extra: Any) -> FieldSpec:
    return FieldSpec(key="value", label="項目", kind=kind, **extra)


def problems_of(field: FieldSpec, value: Any) -> list[Item]:
    section = SectionSpec("page", "様式2", "ページ", fields=(field,))
    return completeness.check_section(section, {field.key: value}, CITY)


def messages(items: list[Item]) -> list[str]:
    return [item.message for item in items]


# The whole checklist -------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", APPLICANTS, ids=applicant_id)
def test_a_complete_application_has_an_empty_checklist(case: tuple[str, Applicant]) -> None:
    name, who = case
    spec = SPECS[name]
    sections, counts = complete(spec, who)
    assert check(spec, who, sections, counts) == []


@pytest.mark.parametrize("case", APPLICANTS, ids=applicant_id)
def test_each_required_field_left_blank_is_one_item(case: tuple[str, Applicant]) -> None:
    name, who = case
    spec = SPECS[name]
    sections, counts = complete(spec, who)
    tried = 0
    for section in spec.sections_for(who):
        for field in section.fields:
            if not field.is_required(who.type_code):
                continue
            for blank in (None, "", "   ", []):
                data = copy.deepcopy(sections)
                data[section.key][field.key] = blank
                found = check(spec, who, data, counts)
                assert found == [
                    Item(section.key, field.key, f"「{field.name}」が入力されていません。", "missing")
                ], (section.key, field.key, blank)
                assert found[0].anchor == f"id_{field.key}"
            tried += 1
    assert tried >= 20


@pytest.mark.parametrize("case", APPLICANTS, ids=applicant_id)
def test_optional_fields_may_stay_blank(case: tuple[str, Applicant]) -> None:
    name, who = case
    spec = SPECS[name]
    sections, counts = complete(spec, who)
    for section in spec.sections_for(who):
        for field in section.fields:
            if not field.is_required(who.type_code) and field.required_if is None:
                sections[section.key][field.key] = None
    assert check(spec, who, sections, counts) == []


def test_nothing_entered_lists_every_required_field_in_form_order() -> None:
    spec = SPECS[SEED_002].for_fiscal_year("平成31年度")
    who = Applicant("1", local_government=True)
    found = check(spec, who, {}, {})
    pages = [s.key for s in spec.sections_for(who)]
    order = [pages.index(i.section) if i.section in pages else len(pages) for i in found]
    assert order == sorted(order)
    assert found[0] == Item("letter", "letter_date", "「年月日」が入力されていません。")
    assert Item("letter", "doc_number", "「番号」が入力されていません。") not in found
    assert Item("costs", "", "経費内訳（年度ごとの経費）が入力されていません。") in found
    assert (
        Item(
            "budget",
            "revenue",
            "平成31年度歳入歳出予算書（見込書）抜粋：歳入の事項と金額を入力してください。",
        )
        in found
    )
    assert found[-1] == Item(
        "documents", "cost_basis", "添付書類「見積書又は計算書（経費内訳の根拠）」が提出されていません。"
    )
    assert not any(i.field == "co2_calculation" for i in found)


def test_co2_calculation_is_required_only_for_type_2() -> None:
    spec = SPECS[SEED_002]
    for code, listed in (("1", False), ("2", True), ("3", False)):
        who = Applicant(code, local_government=True)
        sections, counts = complete(spec, who)
        sections["effects"]["co2_calculation"] = None
        found = check(spec, who, sections, counts)
        expected = Item(
            "effects",
            "co2_calculation",
            "「CO2削減量の算定（CO2削減量の計算で保存した計算）」が入力されていません。",
        )
        assert (found == [expected]) is listed
        assert (found == []) is not listed


def test_the_budget_is_checked_only_for_local_governments() -> None:
    spec = SPECS[SEED_002]
    company = Applicant("1", local_government=False)
    sections, counts = complete(spec, company)
    assert "budget" not in sections
    assert check(spec, company, sections, counts) == []
    city = Applicant("1", local_government=True)
    sections, counts = complete(spec, city)
    del sections["budget"]
    assert [i.field for i in check(spec, city, sections, counts)] == ["revenue", "expenditure"]


def test_cost_problems_come_from_the_cost_engine() -> None:
    spec = SPECS[SEED_002]
    sections, counts = complete(spec, CITY)
    sections["costs"]["years"][0]["total_cost"] = 1_000
    expected = [Item("costs", "", p.message) for p in costs.read(sections["costs"])[1]]
    assert len(expected) == 1
    assert check(spec, CITY, sections, counts) == expected
    assert expected[0].anchor == "section-top"


def test_pending_co_applicants_come_last() -> None:
    spec = SPECS[SEED_002]
    sections, counts = complete(spec, CITY)
    del counts["cost_basis"]
    found = check(spec, CITY, sections, counts, ["下伊那郡高森町", "株式会社南信州エネルギー"])
    assert found == [
        Item(
            "documents", "cost_basis", "添付書類「見積書又は計算書（経費内訳の根拠）」が提出されていません。"
        ),
        Item("co_applicants", "", "共同申請者「下伊那郡高森町」がまだ参加を承諾していません。"),
        Item("co_applicants", "", "共同申請者「株式会社南信州エネルギー」がまだ参加を承諾していません。"),
    ]
    assert found[-1].anchor == "section-top"


def test_seed_003_private_applicant_documents() -> None:
    spec = SPECS[SEED_003]
    sections, counts = complete(spec, COMPANY_PLAN)
    counts["financial_statements"] = 1
    del counts["articles"]
    counts["corporate_overview"] = 0
    assert messages(check(spec, COMPANY_PLAN, sections, counts)) == [
        "添付書類「経理状況説明書（直近の2決算期に関する貸借対照表及び損益計算書）」を2点提出してください（現在1点）。",
        "添付書類「定款又は寄付行為」が提出されていません。",
        "添付書類「法人の概要が分かる説明資料」が提出されていません。",
    ]


def test_seed_002_type_3_needs_the_council_evidence() -> None:
    spec = SPECS[SEED_002]
    who = Applicant("3", local_government=True)
    sections, counts = complete(spec, who)
    del counts["council_evidence"]
    assert check(spec, who, sections, counts) == [
        Item(
            "documents",
            "council_evidence",
            "添付書類「協議会の形成状況（形成予定を含む）が確認できる文書」が提出されていません。",
        )
    ]


# Conditions ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("answer", "listed"), [(True, True), (False, False)])
def test_required_if(answer: bool, listed: bool) -> None:
    spec = SPECS[SEED_002]
    sections, counts = complete(spec, CITY)
    sections["structure"]["other_subsidies"] = answer
    sections["structure"]["other_subsidies_detail"] = ""
    expected = Item(
        "structure",
        "other_subsidies_detail",
        "「助成制度名、課題名、概ねの予算規模、本事業との関係」が入力されていません。",
    )
    assert check(spec, CITY, sections, counts) == ([expected] if listed else [])


def test_required_if_with_the_answer_missing_lists_only_the_answer() -> None:
    spec = SPECS[SEED_002]
    sections, counts = complete(spec, CITY)
    sections["structure"]["other_subsidies"] = None
    sections["structure"]["other_subsidies_detail"] = None
    assert [i.field for i in check(spec, CITY, sections, counts)] == ["other_subsidies"]


def test_required_if_for_a_prefecture_covering_the_whole_prefecture() -> None:
    spec = SPECS[SEED_002]
    who = Applicant("2", local_government=True, prefecture=True)
    sections, counts = complete(spec, who)
    sections["overview"]["whole_prefecture"] = True
    sections["overview"]["whole_prefecture_reason"] = None
    assert [(i.section, i.field) for i in check(spec, who, sections, counts)] == [
        ("overview", "whole_prefecture_reason")
    ]


def test_a_false_boolean_answers_a_required_question() -> None:
    assert problems_of(field_spec("boolean", required=True), False) == []


@pytest.mark.parametrize(
    ("value", "blank"),
    [
        (None, True),
        ("", True),
        ("  \n\t", True),
        ("\u3000", True),
        ([], True),
        (False, False),
        (0, False),
        ("0", False),
        ({}, False),
        ([{}], False),
        ("あ", False),
    ],
)
def test_is_blank(value: Any, blank: bool) -> None:
    assert is_blank(value) is blank


# Items (repeated rows) -----------------------------------------------------------------------------------

SURVEY = FieldSpec(
    key="survey_items",
    label="調査項目",
    kind="items",
    required=True,
    subfields=(
        FieldSpec("title", "調査項目", "text", required=True),
        FieldSpec("issue", "検証する具体的な課題", "longtext", required=True),
        FieldSpec("note", "備考", "text"),
    ),
)


def survey_problems(rows: Any, *, required: bool = True) -> list[Item]:
    field = SURVEY if required else dataclasses.replace(SURVEY, required=False)
    section = SectionSpec("content", "様式2", "事業の実施内容", fields=(field,))
    return completeness.check_section(section, {"survey_items": rows}, CITY)


def test_items_complete() -> None:
    assert survey_problems([{"title": "需要調査", "issue": "熱需要", "note": ""}]) == []


def test_items_only_blank_rows_need_one_row() -> None:
    found = survey_problems([{"title": "", "issue": " ", "note": None}, {}])
    assert found == [Item("content", "survey_items", "「調査項目」を1件以上入力してください。")]
    assert found[0].anchor == "id_survey_items"


def test_items_empty_list_is_missing() -> None:
    assert messages(survey_problems([])) == ["「調査項目」が入力されていません。"]


def test_items_partly_filled_rows_name_the_row_and_the_column() -> None:
    rows = [
        {"title": "需要調査", "issue": "", "note": "メモ"},
        {"title": "", "issue": "", "note": ""},
        {"title": "", "issue": "供給", "note": ""},
        {"title": "", "issue": "", "note": "備考だけ"},
    ]
    found = survey_problems(rows)
    assert messages(found) == [
        "「調査項目」の1件目：「検証する具体的な課題」が入力されていません。",
        "「調査項目」の2件目：「調査項目」が入力されていません。",
        "「調査項目」の3件目：「調査項目」が入力されていません。",
        "「調査項目」の3件目：「検証する具体的な課題」が入力されていません。",
    ]
    assert {(i.section, i.field, i.kind, i.anchor) for i in found} == {
        ("content", "survey_items", "missing", "id_survey_items")
    }


def test_items_optional_subfields_may_stay_blank() -> None:
    assert survey_problems([{"title": "需要調査", "issue": "熱需要"}]) == []


def test_optional_items_still_check_filled_rows() -> None:
    assert survey_problems([], required=False) == []
    assert survey_problems([{"title": "", "issue": "", "note": ""}], required=False) == []
    assert messages(survey_problems([{"title": "需要調査"}], required=False)) == [
        "「調査項目」の1件目：「検証する具体的な課題」が入力されていません。"
    ]


def test_items_ignore_rows_that_are_not_mappings() -> None:
    assert messages(survey_problems(["需要調査", 3])) == ["「調査項目」を1件以上入力してください。"]


def test_council_members_partly_filled() -> None:
    spec = SPECS[SEED_002]
    who = Applicant("3", local_government=True)
    sections, counts = complete(spec, who)
    sections["council"]["members"] = [
        {"name": "飯田市", "role": "事務局", "planned": False},
        {"name": "南信州森林組合", "role": "", "planned": True},
    ]
    assert check(spec, who, sections, counts) == [
        Item(
            "council",
            "members",
            "「協議会の構成員（予定を含む）」の2件目：「協議会での役割」が入力されていません。",
        )
    ]


# Values the form did not check -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (field_spec("email"), "tanaka", "「項目」のメールアドレスの形式が正しくありません。"),
        (field_spec("email"), "tanaka@example", "「項目」のメールアドレスの形式が正しくありません。"),
        (field_spec("email"), "ta naka@example.jp", "「項目」のメールアドレスの形式が正しくありません。"),
        (field_spec("email"), "a@b@example.jp", "「項目」のメールアドレスの形式が正しくありません。"),
        (field_spec("phone"), "電話してください", "「項目」の電話番号の形式が正しくありません。"),
        (field_spec("phone"), "12345", "「項目」の電話番号の形式が正しくありません。"),
        (field_spec("phone"), "0" * 21, "「項目」の電話番号の形式が正しくありません。"),
        (field_spec("date"), "2019-02-30", "「項目」の日付が正しくありません。"),
        (field_spec("date"), "令和元年6月14日", "「項目」の日付が正しくありません。"),
        (field_spec("date"), "2019/06/14", "「項目」の日付が正しくありません。"),
        (field_spec("integer"), "3", "「項目」は整数で入力してください。"),
        (field_spec("integer"), 2.0, "「項目」は整数で入力してください。"),
        (field_spec("integer"), True, "「項目」は整数で入力してください。"),
        (field_spec("integer", minimum=1, maximum=3), 0, "「項目」は1以上にしてください。"),
        (field_spec("integer", minimum=1, maximum=3), -2, "「項目」は1以上にしてください。"),
        (field_spec("integer", minimum=1, maximum=3), 4, "「項目」は3以下にしてください。"),
        (field_spec("decimal"), "十二", "「項目」は数値で入力してください。"),
        (field_spec("decimal"), "1,200", "「項目」は数値で入力してください。"),
        (field_spec("decimal"), "NaN", "「項目」は数値で入力してください。"),
        (field_spec("decimal"), "Infinity", "「項目」は数値で入力してください。"),
        (field_spec("decimal", minimum=0), "NaN", "「項目」は数値で入力してください。"),
        (field_spec("decimal", minimum=0), "-0.001", "「項目」は0以上にしてください。"),
        (field_spec("decimal", minimum=0), -5, "「項目」は0以上にしてください。"),
        (
            field_spec("choice", options=(Option("agreement", "覚書・協定書"),)),
            "contract",
            "「項目」の選択肢が正しくありません。",
        ),
        (
            field_spec("choice", options=(Option("agreement", "覚書・協定書"),)),
            "覚書・協定書",
            "「項目」の選択肢が正しくありません。",
        ),
    ],
)
def test_invalid_values(field: FieldSpec, value: Any, message: str) -> None:
    assert problems_of(field, value) == [Item("page", "value", message, "invalid")]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        (field_spec("email"), "tanaka@city.iida.example.jp"),
        (field_spec("phone"), "0265-22-4511"),
        (field_spec("phone"), "０２６５－２２－４５１１"),
        (field_spec("phone"), "(0265) 22-4511"),
        (field_spec("phone"), "+81-265-22-4511"),
        (field_spec("date"), "2019-06-14"),
        (field_spec("integer", minimum=1, maximum=3), 1),
        (field_spec("integer", minimum=1, maximum=3), 3),
        (field_spec("integer"), -(10**12)),
        (field_spec("decimal", minimum=0), "0"),
        (field_spec("decimal", minimum=0), "1234.567"),
        (field_spec("decimal", minimum=0), Decimal("0.001")),
        (field_spec("decimal", minimum=0), 12),
        (field_spec("choice", options=(Option("1", "一"),)), 1),
        (field_spec("text"), "自由記述"),
        (field_spec("boolean"), True),
        (field_spec("co2_calculation"), {"id": 3, "title": "計算", "reduction_t_co2": "1.5"}),
    ],
)
def test_valid_values(field: FieldSpec, value: Any) -> None:
    assert problems_of(field, value) == []


def test_an_invalid_optional_value_is_still_listed() -> None:
    found = problems_of(field_spec("phone", required=False), "FAXなし")
    assert found == [Item("page", "value", "「項目」の電話番号の形式が正しくありません。", "invalid")]
    assert found[0].anchor == "id_value"


def test_invalid_values_on_the_shipped_letter() -> None:
    spec = SPECS[SEED_002]
    sections, counts = complete(spec, CITY)
    sections["letter"].update(contact_email="tanaka.example.jp", letter_date="2019-13-01")
    sections["overview"]["project_years"] = 5
    sections["effects"]["co2_reduction"] = "-1"
    found = check(spec, CITY, sections, counts)
    assert [(i.section, i.field, i.kind, i.anchor) for i in found] == [
        ("letter", "letter_date", "invalid", "id_letter_date"),
        ("letter", "contact_email", "invalid", "id_contact_email"),
        ("overview", "project_years", "invalid", "id_project_years"),
        ("effects", "co2_reduction", "invalid", "id_co2_reduction"),
    ]
    assert messages(found) == [
        "「年月日」の日付が正しくありません。",
        "「担当者のE-mail」のメールアドレスの形式が正しくありません。",
        "「事業期間（年）」は3以下にしてください。",
        "「CO2削減量（t-CO2/年）」は0以上にしてください。",
    ]


@given(
    st.one_of(st.text(max_size=40), st.sampled_from(["NaN", "-sNaN", "Infinity", "1e999999", "2019-W14-1"]))
)
def test_any_stored_text_gives_at_most_one_item_and_never_raises(value: str) -> None:
    for kind in ("email", "phone", "date", "integer", "decimal", "text", "longtext"):
        found = problems_of(field_spec(kind, minimum=0, required=True), value)
        assert len(found) <= 1
        assert all(item.field == "value" and item.message.startswith("「項目」") for item in found)


@given(st.integers(min_value=-100, max_value=100))
def test_integer_bounds(value: int) -> None:
    found = problems_of(field_spec("integer", minimum=1, maximum=3), value)
    assert (found == []) is (1 <= value <= 3)


# Budget --------------------------------------------------------------------------------------------------

BUDGET = SectionSpec("budget", "予算書抜粋", "平成31年度歳入歳出予算書（見込書）抜粋", kind="budget")
REVENUE = Item(
    "budget", "revenue", "平成31年度歳入歳出予算書（見込書）抜粋：歳入の事項と金額を入力してください。"
)
EXPENDITURE = Item(
    "budget", "expenditure", "平成31年度歳入歳出予算書（見込書）抜粋：歳出の事項と金額を入力してください。"
)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({}, [REVENUE, EXPENDITURE]),
        ({"revenue": None, "expenditure": []}, [REVENUE, EXPENDITURE]),
        (complete_budget(), []),
        (
            {
                "revenue": [{"item": "国庫補助金", "amount": 0}],
                "expenditure": [{"item": "委託料", "amount": 1}],
            },
            [],
        ),
        ({**complete_budget(), "revenue": [{"item": "国庫補助金", "amount": None}]}, [REVENUE]),
        ({**complete_budget(), "revenue": [{"item": "国庫補助金", "amount": "100"}]}, [REVENUE]),
        ({**complete_budget(), "revenue": [{"item": " ", "amount": 100}]}, [REVENUE]),
        ({**complete_budget(), "expenditure": [{"item": "", "amount": None}]}, [EXPENDITURE]),
        (
            {
                **complete_budget(),
                "expenditure": [{"item": "", "amount": None}, {"item": "委託料", "amount": 5}],
            },
            [],
        ),
    ],
)
def test_budget(data: dict[str, Any], expected: list[Item]) -> None:
    assert check_budget(BUDGET, data) == expected


def test_budget_anchors() -> None:
    assert [i.anchor for i in check_budget(BUDGET, {})] == ["id_revenue", "id_expenditure"]


# Documents -----------------------------------------------------------------------------------------------

DOCUMENTS = (
    DocumentSpec("cost_basis", "見積書", required=True),
    DocumentSpec("statements", "決算書", required=True, min_count=2),
    DocumentSpec("other", "その他参考資料"),
)


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ({"cost_basis": 1, "statements": 2}, []),
        ({"cost_basis": 3, "statements": 5, "other": 9}, []),
        (
            {},
            [
                "添付書類「見積書」が提出されていません。",
                "添付書類「決算書」を2点提出してください（現在0点）。",
            ],
        ),
        ({"cost_basis": 1, "statements": 1}, ["添付書類「決算書」を2点提出してください（現在1点）。"]),
        ({"cost_basis": 0, "statements": 2, "unknown": 4}, ["添付書類「見積書」が提出されていません。"]),
    ],
)
def test_documents(counts: dict[str, int], expected: list[str]) -> None:
    found = check_documents(DOCUMENTS, counts)
    assert messages(found) == expected
    assert all(i.section == "documents" and i.kind == "missing" for i in found)
    assert all(i.anchor == f"id_{i.field}" for i in found)


@given(st.integers(min_value=0, max_value=5), st.integers(min_value=1, max_value=4))
def test_documents_min_count(have: int, needed: int) -> None:
    spec = DocumentSpec("statements", "決算書", required=True, min_count=needed)
    assert (check_documents([spec], {"statements": have}) == []) is (have >= needed)


# Items and anchors ---------------------------------------------------------------------------------------


def test_item_defaults_and_anchor() -> None:
    item = Item("letter", "contact_email", "…")
    assert item.kind == "missing"
    assert item.anchor == "id_contact_email"
    assert Item("costs", "", "…").anchor == "section-top"


@given(st.sampled_from(APPLICANTS), st.data())
def test_blanking_any_subset_of_required_fields_lists_exactly_those(
    case: tuple[str, Applicant], data: st.DataObject
) -> None:
    name, who = case
    spec = SPECS[name]
    sections, counts = complete(spec, who)
    labels = {
        (s.key, f.key): f.name
        for s in spec.sections_for(who)
        for f in s.fields
        if f.is_required(who.type_code)
    }
    chosen = data.draw(st.lists(st.sampled_from(sorted(labels)), unique=True))
    for section, field in chosen:
        sections[section][field] = None
    found = check(spec, who, sections, counts)
    assert sorted((i.section, i.field) for i in found) == sorted(chosen)
    assert all(i.message == f"「{labels[i.section, i.field]}」が入力されていません。" for i in found)


# Direct and indirect reductions of type ① (seed 002 4.(3)① ※) ---------------------------------------------


def test_type_1_split_must_add_up_to_the_figure() -> None:
    spec, who = SPECS[SEED_002], Applicant("1", local_government=True)
    sections, counts = complete(spec, who)
    sections["effects"].update(co2_reduction="1250.5", co2_direct="1000", co2_indirect="250.5")
    assert check(spec, who, sections, counts) == []
    sections["effects"]["co2_indirect"] = "200"
    found = check(spec, who, sections, counts)
    assert [(i.section, i.field, i.kind) for i in found] == [("effects", "co2_indirect", "invalid")]
    assert "一致しません" in found[0].message
    sections["effects"]["co2_indirect"] = None
    assert [i.field for i in check(spec, who, sections, counts)] == ["co2_indirect"]
    sections["effects"].update(co2_direct=None)
    assert check(spec, who, sections, counts) == []  # the split is optional


def test_only_type_1_has_the_split() -> None:
    spec = SPECS[SEED_002]
    for code, has in (("1", True), ("2", False), ("3", False)):
        effects = spec.section("effects", Applicant(code, local_government=True))
        assert effects is not None
        keys = {f.key for f in effects.fields}
        assert ({"co2_direct", "co2_indirect"} <= keys) is has
