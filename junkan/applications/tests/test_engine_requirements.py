"""The requirements checklist (seed 002 2.①–③(2)イ a–e, seed 003 4.(1)): declared per type, answered each."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from junkan.applications.engine import completeness, requirements
from junkan.applications.engine.spec import Applicant, FormSpec, SpecError, parse

FORMS = Path(__file__).resolve().parents[1] / "data" / "forms"


def load(name: str) -> FormSpec:
    return parse(yaml.safe_load((FORMS / f"{name}.yaml").read_text(encoding="utf-8")))


SEED_002 = load("fy2019-decarbonised-region-model")
SEED_003 = load("fy2015-ecotown-low-carbon")
CITY = {code: Applicant(code, local_government=True) for code in ("1", "2", "3", "fs")}
COMPANY = Applicant("plan", local_government=False)


def section(spec: FormSpec, who: Applicant) -> Any:
    found = spec.section("requirements", who)
    assert found is not None
    return found


@pytest.mark.parametrize(
    ("spec", "who", "labels", "reference"),
    [
        (SEED_002, CITY["1"], ["要件a", "要件b", "要件c", "要件d"], "公募要領 2.①(2)イ"),
        (SEED_002, CITY["2"], ["要件a", "要件b", "要件c", "要件d"], "公募要領 2.②(2)イ"),
        (SEED_002, CITY["3"], ["要件a", "要件b", "要件c", "要件d", "要件e"], "公募要領 2.③(2)イ"),
        (SEED_003, CITY["fs"], ["要件（ア）", "要件（イ）", "要件（ウ）", "要件（エ）"], "公募要領 4.(1)ア"),
        (
            SEED_003,
            COMPANY,
            ["要件（ア）", "要件（イ）", "要件（ウ）", "要件（エ）", "要件（オ）"],
            "公募要領 4.(1)イ",
        ),
    ],
)
def test_each_type_declares_its_requirements(
    spec: FormSpec, who: Applicant, labels: list[str], reference: str
):
    found = section(spec, who)
    assert [r.label for r in found.requirements] == labels
    assert {r.reference for r in found.requirements} == {reference}
    # two fields per requirement (the answer and where the plan shows it), of this type only
    assert len(found.fields) == 2 * len(labels)
    assert all(f.types == (who.type_code,) for f in found.fields)


def test_type_2_requirement_c_is_the_resource_productivity_one():
    c = section(SEED_002, CITY["2"]).requirements[2]
    assert "資源生産性を向上させる事業" in c.text and "再エネを活用" not in c.text


def test_all_met_with_places_leaves_nothing():
    found = section(SEED_002, CITY["1"])
    data = {}
    for r in found.requirements:
        data[r.key], data[r.where_key] = "yes", "3頁「事業の背景」"
    assert completeness.check_section(found, data, CITY["1"]) == []
    assert requirements.open_count(requirements.rows(found, data)) == 0


def test_not_met_blocks_with_the_clause():
    found = section(SEED_002, CITY["1"])
    data = {r.key: "yes" for r in found.requirements} | {r.where_key: "4頁" for r in found.requirements}
    data["req_1_c"] = "no"
    items = completeness.check_section(found, data, CITY["1"])
    assert [(i.field, i.kind) for i in items] == [("req_1_c", "rule")]
    assert "「要件c」を満たしていない" in items[0].message and "公募要領 2.①(2)イ" in items[0].message
    row = requirements.rows(found, data)[2]
    assert row.answer_label == "満たしていない"
    assert row.is_open


def test_met_without_place_asks_for_the_place():
    found = section(SEED_003, COMPANY)
    data = {r.key: "yes" for r in found.requirements} | {r.where_key: "別紙1 2頁" for r in found.requirements}
    data["req_plan_b_where"] = "  "
    items = completeness.check_section(found, data, COMPANY)
    assert [(i.field, i.message) for i in items] == [
        ("req_plan_b_where", "「要件（イ）の記載箇所（別紙1の頁・項目）」が入力されていません。")
    ]


def test_only_type_3_e_may_be_not_applicable():
    three = section(SEED_002, CITY["3"])
    base = {r.key: "yes" for r in three.requirements} | {r.where_key: "5頁" for r in three.requirements}
    data = copy.deepcopy(base) | {"req_3_e": "na", "req_3_e_where": ""}
    assert completeness.check_section(three, data, CITY["3"]) == []
    assert requirements.rows(three, data)[4].answer_label == "該当しない（情報発信を行わない事業）"
    data = copy.deepcopy(base) | {"req_3_d": "na"}
    assert [i.kind for i in completeness.check_section(three, data, CITY["3"])] == ["invalid"]


ANSWERS = st.sampled_from(["yes", "no", "na", None, "", "maybe"])
PLACES = st.sampled_from(["", "   ", "3頁", None])


@given(st.data())
def test_checklist_items_match_the_open_rows(data: st.DataObject):
    """Whatever is answered, the checklist lists exactly one item per open requirement."""
    spec, who = data.draw(
        st.sampled_from(
            [(SEED_002, CITY["1"]), (SEED_002, CITY["3"]), (SEED_003, COMPANY), (SEED_003, CITY["fs"])]
        )
    )
    found = section(spec, who)
    answers: dict[str, Any] = {}
    for r in found.requirements:
        answers[r.key] = data.draw(ANSWERS)
        answers[r.where_key] = data.draw(PLACES)
    items = completeness.check_section(found, answers, who)
    rows = requirements.rows(found, answers)
    assert len(items) == requirements.open_count(rows)
    assert {i.field.removesuffix("_where") for i in items} == {
        row.requirement.key for row in rows if row.is_open
    }


def spec_with(requirements_data: Any) -> dict[str, Any]:
    return {
        "program": "test",
        "sections": [
            {
                "key": "letter",
                "form": "様式1",
                "title": "申請書",
                "fields": [{"key": "n", "label": "名", "kind": "text"}],
            },
            {
                "key": "req",
                "form": "要件確認",
                "title": "要件",
                "where_label": "記載箇所",
                "requirements": requirements_data,
            },
            {"key": "costs", "form": "様式3", "title": "経費", "kind": "costs"},
        ],
    }


@pytest.mark.parametrize(
    ("bad", "where"),
    [
        ([], "sections.req.requirements"),
        ({"1": {"items": [{"code": "a", "label": "要件a", "text": "x"}]}}, "sections.req.requirements.1"),
        ({"1": {"reference": "2.①", "items": []}}, "sections.req.requirements.1"),
        (
            {"1": {"reference": "2.①", "items": [{"code": "ア", "label": "要件", "text": "x"}]}},
            "sections.req.requirements.1.ア",
        ),
        (
            {
                "1": {
                    "reference": "2.①",
                    "items": [
                        {"code": "a", "label": "a", "text": "x"},
                        {"code": "a", "label": "a", "text": "y"},
                    ],
                }
            },
            "sections.req",
        ),
    ],
)
def test_bad_requirements_name_their_place(bad: Any, where: str):
    with pytest.raises(SpecError, match=f"^{where.replace('.', '[.]')}"):
        parse(spec_with(bad))
