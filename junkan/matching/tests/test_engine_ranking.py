"""The ranking engine: what it finds, its reasons, geography, and the properties the issue asks for."""

from __future__ import annotations

import itertools
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from junkan.matching.engine import geography
from junkan.matching.engine.ranking import (
    Region,
    Solution,
    corpus_of,
    prepare_region,
    prepare_solution,
    rank_raw,
    score,
)
from junkan.matching.engine.thesaurus import default, parse

SHIMOKAWA = Region(
    name="森林未来都市しもかわ",
    municipalities=("014681",),
    resources=("森林", "間伐材"),
    challenges=("エネルギー代金の域外流出", "林業の担い手不足"),
    sdgs=(7, 15),
    text="町の面積の約9割を占める森林と、伐って植えて育てる循環型の森林経営。",
)
BOILER = Solution(
    id="boiler",
    title="木質チップボイラーの導入と運営",
    text="公共施設に木質チップボイラーを入れ、地域の間伐材で熱を供給します。灯油代を地域に残します。",
    fields=("エネルギー",),
    uses_resources=("木質バイオマス",),
    sdgs=(7, 13),
    regions_served=("北海道",),
)
BEACH = Solution(
    id="beach",
    title="海岸漂着ごみの回収",
    text="ビーチクリーンと海洋プラスチックの再資源化。",
    fields=("環境",),
    uses_resources=("海",),
    sdgs=(14,),
    regions_served=("全国",),
)
SOLAR = Solution(
    id="solar",
    title="屋根置き太陽光",
    text="初期費用なしで太陽光発電を設置します。",
    sdgs=(7,),
    regions_served=("全国",),
)


def test_the_fitting_solution_comes_first_with_its_reasons() -> None:
    results = rank_raw(SHIMOKAWA, [BEACH, SOLAR, BOILER])
    assert [r.id for r in results] == ["boiler", "solar", "beach"]
    reasons = results[0].reasons
    assert "課題『エネルギー代金の域外流出』に対応" in reasons
    assert any(r.startswith("地域資源『間伐材』") for r in reasons)
    assert "北海道で実施可能" in reasons
    assert set(results[0].parts) >= {"resources", "challenges", "text", "sdgs", "geography", "fit"}


def test_a_sea_solution_is_a_hard_negative_for_an_inland_town() -> None:
    town = Region(
        name="山あいの町", prefectures=("長野県",), resources=("森林",), challenges=("ごみ処理の費用",)
    )
    results = rank_raw(town, [BEACH, Solution(id="sort", title="分別アプリ", text="ごみの分別と資源回収。")])
    assert results[0].id == "sort"
    assert results[1].parts["needs"] < 0.5


def test_words_outside_the_thesaurus_still_match_by_characters() -> None:
    region = Region(name="町", resources=("ホタテ貝殻",))
    match = Solution(id="a", title="ホタテ貝殻の再利用", text="貝殻を砕いて使います。")
    other = Solution(id="b", title="観光案内", text="まち歩きのガイド。")
    assert [r.id for r in rank_raw(region, [other, match])] == ["a", "b"]


def test_thesaurus_broader_and_narrower() -> None:
    th = default()
    n = th.by_name
    assert th.similarity(n["間伐材"], n["木質バイオマス"]) > th.similarity(n["間伐材"], n["森林資源"]) > 0.5
    assert th.similarity(n["太陽光"], n["風力"]) < 0.3
    assert th.similarity(n["間伐材"], n["間伐材"]) == 1.0


def test_denied_things_are_not_found() -> None:
    th = default()
    assert [th.name(m.concept) for m in th.find("海のない内陸の町")] == []
    assert th.find("北海道の町") == []  # 海 only as a whole tag


def test_a_broken_thesaurus_is_refused() -> None:
    for text in ("a\tb\tc\n", "a\t\tx\n~\ta\tz\n", "a\t\tx\na\t\ty\n", "a only\n"):
        try:
            parse(text)
        except ValueError:
            continue
        raise AssertionError(text)


def test_served_areas_are_read_in_every_usual_form() -> None:
    assert geography.parse_served(["全国"]).nationwide
    assert geography.parse_served(["東京"]).prefectures == {13}
    assert geography.parse_served(["九州"]).prefectures == {40, 41, 42, 43, 44, 45, 46}
    assert geography.parse_served(["関西"]).prefectures == frozenset(geography.BLOCKS["近畿"])
    assert geography.parse_served(["北海道下川町"]).places == ("014681",)


# ---- properties ----

TAGS = [
    "森林",
    "間伐材",
    "太陽光",
    "小水力",
    "温泉",
    "食品残渣",
    "家畜排せつ物",
    "海",
    "耕作放棄地",
    "空き家",
    "観光資源",
    "ホタテ",
]
TEXTS = [
    "木質チップで公共施設を暖めます。",
    "牛のふん尿からバイオガスをつくります。",
    "空き家を改修してお試し移住住宅にします。",
    "海岸の漂着ごみを回収します。",
    "農業用水路で小水力発電をします。",
    "",
]
PREFS = list(geography.PREFECTURES)
solutions = st.builds(
    Solution,
    id=st.sampled_from(["a", "b", "c", "d"]),
    title=st.sampled_from(["薪ボイラー", "太陽光発電", "観光ガイド", "堆肥化", ""]),
    text=st.sampled_from(TEXTS),
    fields=st.lists(st.sampled_from(["エネルギー", "林業", "観光", "農業"]), max_size=2).map(tuple),
    uses_resources=st.lists(st.sampled_from(TAGS), max_size=3).map(tuple),
    sdgs=st.lists(st.integers(1, 17), max_size=3).map(tuple),
    regions_served=st.lists(st.sampled_from(["全国", "北海道", "九州", "長野県", "東北"]), max_size=2).map(
        tuple
    ),
)
regions = st.builds(
    Region,
    name=st.just("町"),
    prefectures=st.lists(st.sampled_from(PREFS), min_size=1, max_size=2).map(tuple),
    resources=st.lists(st.sampled_from(TAGS), max_size=3).map(tuple),
    challenges=st.lists(
        st.sampled_from(["人口減少", "エネルギー代金の域外流出", "獣害", "ごみ処理"]), max_size=2
    ).map(tuple),
    sdgs=st.lists(st.integers(1, 17), max_size=3).map(tuple),
    text=st.sampled_from(TEXTS),
)


@settings(max_examples=60, deadline=None)
@given(solutions)
def test_kyushu_only_never_outranks_the_same_solution_offered_nationwide_in_hokkaido(
    solution: Solution,
) -> None:
    region = Region(name="北の町", prefectures=("北海道",), resources=("森林",), challenges=("人口減少",))
    kyushu = Solution(**{**solution.__dict__, "id": "a-kyushu", "regions_served": ("九州",)})
    nationwide = Solution(**{**solution.__dict__, "id": "b-nationwide", "regions_served": ("全国",)})
    results = rank_raw(region, [kyushu, nationwide])
    assert results[0].score >= results[1].score
    assert results[0].id == "b-nationwide" or results[0].score == results[1].score


@settings(max_examples=60, deadline=None)
@given(regions, solutions, st.sampled_from(TAGS))
def test_adding_a_resource_never_lowers_a_score(region: Region, solution: Solution, tag: str) -> None:
    prepared = prepare_solution(solution)
    corpus = corpus_of([prepared])
    before = score(prepare_region(region), prepared, corpus).score
    more = Region(**{**region.__dict__, "resources": (*region.resources, tag)})
    assert score(prepare_region(more), prepared, corpus).score >= before - 1e-9


@settings(max_examples=60, deadline=None)
@given(regions, solutions)
def test_reasons_name_only_what_matched(region: Region, solution: Solution) -> None:
    th = default()
    prepared_region = prepare_region(region)
    result = score(prepared_region, prepare_solution(solution), corpus_of([]))
    found = {th.name(m.concept) for m in th.find(" ".join((region.name, region.text)))}
    for reason in result.reasons:
        if m := re.fullmatch(r"地域資源『(.+?)』(?:（(.+)）)?を活用", reason):
            assert m.group(1) in region.resources or m.group(1) in found
            assert result.parts["resources"] > 0
        elif m := re.fullmatch(r"(?:地域の)?課題『(.+)』に対応", reason):
            assert m.group(1) in region.challenges or m.group(1) in found
        elif m := re.fullmatch(r"SDGsの目標(.+)が共通", reason):
            goals = {int(g) for g in m.group(1).split("・")}
            assert goals <= set(region.sdgs) & set(solution.sdgs)
        elif reason.endswith("で実施可能"):
            assert result.parts["geography"] >= 0.7
        else:
            raise AssertionError(reason)


@settings(max_examples=30, deadline=None)
@given(regions, st.lists(solutions, min_size=1, max_size=4))
def test_order_is_deterministic_each_solution_once_ties_by_id(region: Region, items: list[Solution]) -> None:
    unique = list({s.id: s for s in items}.values())
    first = rank_raw(region, unique, limit=10)
    second = rank_raw(region, list(reversed(unique)), limit=10)
    assert [(r.id, r.score) for r in first] == [(r.id, r.score) for r in second]
    assert len({r.id for r in first}) == len(first) == len(unique)
    for a, b in itertools.pairwise(first):
        assert (-a.score, a.id) < (-b.score, b.id)


def test_areas_written_in_other_ways() -> None:
    assert geography.parse_served(["北海道・東北"]).prefectures == frozenset(range(1, 8))
    assert geography.parse_served(["東北6県"]).prefectures == frozenset(range(2, 8))
    assert geography.parse_served(["九州全域"]).prefectures == frozenset(range(40, 47))
    assert geography.parse_served(["長野県内"]).prefectures == {20}
    assert geography.parse_served(["全国各地"]).nationwide
    assert geography.parse_served(["オンライン"]).nationwide
    assert not geography.parse_served(["アトランティス"]).known
