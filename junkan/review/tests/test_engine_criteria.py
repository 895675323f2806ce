"""The criteria files: the words of the calls, one entry per project type, and the validator's messages."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
import yaml

from junkan.programs.engine.criteria import (
    CriteriaDataError,
    Criterion,
    check_criteria,
    criteria_from_records,
    load_criteria_file,
    parse_criteria_file,
)

APP = Path(__file__).resolve().parents[1]
DATA = APP / "data"
PROGRAMS = APP.parent / "programs" / "data"

FIRST_2019 = (
    "公募要領の【2. 公募する事業の対象】に定める各要件を満たしているか、"
    "また、満たしている場合に、それぞれどの程度優れていると考えられるか"
)
# Copied verbatim from the seeds (half-width brackets and 「CO<sub>2</sub>」 as the text files have them).
SEED_002_FS = [
    FIRST_2019,
    "地域の現状と課題の認識及びCO2の大幅削減と同時に解決する他の地域課題に対する認識の妥当性・適切性",
    "「地域循環共生圏」構築による地域の環境・経済・社会への効果",
    "「地域循環共生圏」構築の実現可能性(本事業の実施後に、地域循環共生圏の構築につながる具体的な取組が行われる蓋然性が高いと考えられるか)",
    "調査内容の妥当性(設定した課題に対し、構想を実現に近づけるための必要かつ着実な内容となっているか)",
]
SEED_002_COUNCIL = [
    FIRST_2019,
    "地域の現状と課題の認識及びCO2の大幅削減と同時に解決する他の地域課題に対する認識の妥当性・適切性",
    "協議会等の目的・方向性に照らして適切な多様な関係者で構成されているか",
    "情報発信を行う場合は、より多様なステークホルダーに情報を発信する工夫がなされているか",
]
SEED_003 = [
    "実施要領や公募要領に定める各要件を満たしているか",
    "エコタウン等の資源循環及び低炭素化に資するテーマとなっているか",
    "実現性（FS調査を経て今後行う事業が実現しそうか）",
    "新規性（既に他の地域で行われているものではないか）",
    "実効性（既存の静脈施設事業に比べ、高い再資源化や低炭素化を生み出すことが可能か、事業間の連携や地域活性効果が生まれるか等）",
    "具体性（FS調査の内容が具体的に書かれているか）",
    "事業実施体制（FS調査の実施やとりまとめに必要な体制が整えられているか）",
    "予算計画の適正性",
    "CO<sub>2</sub>削減効果の算定の適正性及び費用対効果",
]
GATE_2019 = "公募要領の【2. 公募する事業の対象】に定める各要件を満たしているか"


def same_words(text: str) -> str:
    """Equal up to character width (NFKC) and the seed's subscript markup."""
    return unicodedata.normalize("NFKC", text.replace("<sub>2</sub>", "2"))


@pytest.fixture(scope="module")
def fy2019():
    return load_criteria_file(DATA / "criteria_fy2019.yaml")


@pytest.fixture(scope="module")
def fy2015():
    return load_criteria_file(DATA / "criteria_fy2015.yaml")


def test_fy2019_types_1_and_2_have_the_five_items_with_the_gate_split_off(fy2019):
    for code in ("1", "2"):
        criteria = fy2019.types[code]
        assert [c.code for c in criteria] == ["1a", "1b", "2", "3", "4", "5"]
        assert [same_words(c.text) for c in criteria[1:]] == [same_words(t) for t in SEED_002_FS]
        gate = criteria[0]
        assert gate.text == GATE_2019 and SEED_002_FS[0].startswith(gate.text)
        assert gate.pass_fail and gate.required and gate.effective_weight == 0
        assert all(not c.pass_fail and c.weight == 1 and c.scale_label == "0～5" for c in criteria[1:])
    assert fy2019.types["1"] == fy2019.types["2"]  # 「②…上記①と同じ」


def test_fy2019_type_3_has_the_four_items_and_dissemination_may_be_not_applicable(fy2019):
    criteria = fy2019.types["3"]
    assert [c.code for c in criteria] == ["1a", "1b", "2", "3", "4"]
    assert criteria[0].text == GATE_2019 and criteria[0].required
    assert [same_words(c.text) for c in criteria[1:]] == [same_words(t) for t in SEED_002_COUNCIL]
    assert [c.not_applicable_allowed for c in criteria] == [False, False, False, False, True]


def test_fy2015_has_the_nine_items_for_both_types(fy2015):
    for code in ("fs", "plan"):
        criteria = fy2015.types[code]
        assert [c.code for c in criteria] == [str(n) for n in range(1, 10)]
        assert [same_words(c.text) for c in criteria] == [same_words(t) for t in SEED_003]
        assert criteria[0].pass_fail and criteria[0].required
        assert all(c.scale_min == 0 and c.scale_max == 5 and c.weight == 1 for c in criteria[1:])


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("criteria_fy2019.yaml", "fy2019-decarbonised-region-model"),
        ("criteria_fy2015.yaml", "fy2015-ecotown-low-carbon"),
    ],
)
def test_the_files_match_the_calls_in_the_programs_data(name, slug):
    criteria = load_criteria_file(DATA / name)
    program = yaml.safe_load((PROGRAMS / f"{slug}.yaml").read_text(encoding="utf-8"))
    assert criteria.program == program["slug"] == slug
    assert list(criteria.types) == [t["code"] for t in program["project_types"]]
    for project_type in program["project_types"]:
        # The same words as the programs data (which may not have FY2019's gate 1a split off yet).
        shipped = {c["text"] for c in project_type["review_criteria"]} - {GATE_2019}
        mine = {c.text for c in criteria.types[project_type["code"]]} - {GATE_2019}
        assert mine == shipped


def test_existing_programs_rows_read_as_criteria_with_the_data_form_defaults():
    program = yaml.safe_load((PROGRAMS / "fy2019-decarbonised-region-model.yaml").read_text(encoding="utf-8"))
    criteria, problems = criteria_from_records(program["project_types"][0]["review_criteria"])
    assert problems == []
    assert {(c.scale_min, c.scale_max) for c in criteria if not c.pass_fail} == {(0, 5)}
    assert not any(c.required for c in criteria if not c.pass_fail)


def test_a_pass_fail_criterion_carries_no_points_whatever_its_weight():
    assert Criterion("1", "要件", weight=3, pass_fail=True).effective_weight == 0
    assert Criterion("2", "内容", weight=3).effective_weight == 3


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"text": "x"}, "review_criteria[0].code：必須の項目です。"),
        ({"code": "1", "text": " "}, "review_criteria[0].text：空でない文字列で指定してください。"),
        ({"code": "1", "text": "x", "colour": "red"}, "review_criteria[0].colour：この項目はありません。"),
        ({"code": "1", "text": "x", "weight": "2"}, "review_criteria[0].weight：整数で指定してください。"),
        ({"code": "1", "text": "x", "weight": True}, "review_criteria[0].weight：整数で指定してください。"),
        (
            {"code": "1", "text": "x", "pass_fail": 1},
            "review_criteria[0].pass_fail：true か false で指定してください。",
        ),
        ({"code": "1", "text": "x", "weight": -1}, "重み（weight）は0以上100以下の整数にしてください。"),
        (
            {"code": "1", "text": "x", "scale_min": 5, "scale_max": 5},
            "評点の範囲は 0 ≦ scale_min < scale_max ≦ 100",
        ),
        ({"code": "1", "text": "x", "scale_max": 101}, "評点の範囲は"),
        (
            {"code": "1", "text": "x", "required": True},
            "必須（required）は適否を判定する観点（pass_fail: true）にだけ",
        ),
        (
            {"code": "1", "text": "x", "pass_fail": True, "required": True, "not_applicable_allowed": True},
            "必須の適否の観点（required）に「該当なし」は認められません。",
        ),
        ("not a mapping", "review_criteria[0]：オブジェクトで指定してください。"),
    ],
)
def test_the_validator_says_what_is_wrong_in_japanese(record, expected):
    criteria, problems = criteria_from_records([record, {"code": "z", "text": "点数の観点"}])
    assert any(expected in problem for problem in problems), problems
    assert [c.code for c in criteria] == ["z"]


def test_a_list_needs_unique_codes_and_something_to_score():
    problems = check_criteria([Criterion("1", "a"), Criterion("1", "b")])
    assert problems == ["観点のコード「1」が重複しています。"]
    assert check_criteria([Criterion("1", "a", pass_fail=True), Criterion("2", "b", weight=0)]) == [
        "点数で評価する観点（重みが1以上のもの）を1つ以上指定してください。"
    ]
    assert criteria_from_records("x") == ((), ["review_criteria：観点の配列で指定してください。"])


def test_the_file_validator_lists_every_problem_with_where():
    data = yaml.safe_load((DATA / "criteria_fy2015.yaml").read_text(encoding="utf-8"))
    data["format"] = 2
    data["project_types"].append(
        {"code": "fs", "review_criteria": [{"code": "1", "text": "x", "weight": "a"}]}
    )
    del data["source"]
    with pytest.raises(CriteriaDataError) as caught:
        parse_criteria_file(data)
    assert caught.value.problems == [
        "criteria.format：この形式（2）は読み込めません（1のみ）。",
        "criteria.source：空でない文字列で指定してください。",
        "criteria.project_types[2].code：事業区分「fs」が重複しています。",
        "criteria.project_types[2].review_criteria[0].weight：整数で指定してください。",
    ]
    with pytest.raises(CriteriaDataError, match="オブジェクトで指定してください"):
        parse_criteria_file([])
    with pytest.raises(CriteriaDataError, match="事業区分を1つ以上"):
        parse_criteria_file({"program": "p", "source": "s", "project_types": []})


def test_an_unreadable_file_is_reported_in_japanese(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("project_types: [", encoding="utf-8")
    with pytest.raises(CriteriaDataError, match="YAMLとして読み取れません"):
        load_criteria_file(path)
