"""The visible diff of a corrected application: added, removed and changed rows, in the order of the forms."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from junkan.common.engine import diff
from junkan.common.engine.diff import Change, changes, flatten
from junkan.common.purity import django_imports, impure_imports, typing_problems


def test_pure_and_typed() -> None:
    assert impure_imports(Path(diff.__file__), ("junkan.common.engine",)) == []
    assert django_imports([Path(__file__)]) == []
    assert typing_problems(Path(diff.__file__)) == []


def row(path: str, value: Any, label: str | None = None) -> dict[str, Any]:
    return {"path": path, "label": label or path, "value": value}


BEFORE = [
    row("letter.organization_name", "長野県飯田市", "地方公共団体名"),
    row("letter.contact_phone", "0265-22-4511", "担当者のTEL"),
    row("letter.contact_fax", "0265-22-4512", "担当者のFAX"),
    row("costs.2019.total_cost", 12_000_000, "(1)総事業費"),
    row("structure.other_subsidies", False, "他の助成制度"),
]
AFTER = [
    row("letter.organization_name", "長野県飯田市", "地方公共団体名"),
    row("letter.contact_phone", "0265-22-4513", "担当者のTEL"),
    row("letter.contact_email", "tanaka@city.iida.example.jp", "担当者のE-mail"),
    row("costs.2019.total_cost", 11_500_000, "(1)総事業費"),
    row("structure.other_subsidies", False, "他の助成制度"),
]


# Flattening ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        ("", ""),
        (True, "はい"),
        (False, "いいえ"),
        (0, "0"),
        (1_234_567, "1,234,567"),
        (-5_000, "-5,000"),
        (Decimal("120.50"), "120.50"),
        ("竜丘地区", "竜丘地区"),
        ("1,000", "1,000"),
    ],
)
def test_texts(value: Any, text: str) -> None:
    assert flatten([row("p", value, "項目")]) == {"p": ("項目", text)}


def test_flatten_keeps_the_order_and_a_missing_value_is_empty() -> None:
    flat = flatten([{"path": "b", "label": "B"}, {"path": 3, "label": 4, "value": 5}, row("a", "x")])
    assert list(flat.items()) == [("b", ("B", "")), ("3", ("4", "5")), ("a", ("a", "x"))]


def test_flatten_keeps_the_last_of_a_repeated_path() -> None:
    assert flatten([row("p", "古い"), row("p", "新しい")]) == {"p": ("p", "新しい")}


# Changes -------------------------------------------------------------------------------------------------


def test_changes_in_form_order_with_removed_rows_last() -> None:
    assert changes(BEFORE, AFTER) == [
        Change("letter.contact_phone", "担当者のTEL", "0265-22-4511", "0265-22-4513"),
        Change("letter.contact_email", "担当者のE-mail", "", "tanaka@city.iida.example.jp"),
        Change("costs.2019.total_cost", "(1)総事業費", "12,000,000", "11,500,000"),
        Change("letter.contact_fax", "担当者のFAX", "0265-22-4512", ""),
    ]
    assert [c.kind for c in changes(BEFORE, AFTER)] == ["changed", "added", "changed", "removed"]


def test_removed_rows_keep_their_own_order() -> None:
    before = [row("a", 1), row("b", 2), row("c", 3), row("d", 4)]
    after = [row("c", 3)]
    assert [(c.path, c.kind) for c in changes(before, after)] == [
        ("a", "removed"),
        ("b", "removed"),
        ("d", "removed"),
    ]


def test_added_rows_follow_the_new_order() -> None:
    assert [c.path for c in changes([], [row("z", 1), row("a", 2)])] == ["z", "a"]


def test_a_value_filled_in_or_cleared() -> None:
    filled = changes([row("p", None, "備考")], [row("p", "追記", "備考")])
    cleared = changes([row("p", "追記", "備考")], [row("p", "", "備考")])
    assert filled == [Change("p", "備考", "", "追記")] and filled[0].kind == "added"
    assert cleared == [Change("p", "備考", "追記", "")] and cleared[0].kind == "removed"


def test_a_row_with_no_value_on_either_side_is_no_change() -> None:
    assert changes([row("p", None)], []) == []
    assert changes([], [row("p", "")]) == []


def test_the_label_comes_from_the_new_row() -> None:
    assert changes([row("p", 1, "旧")], [row("p", 2, "新")]) == [Change("p", "新", "1", "2")]
    assert changes([row("p", 1, "旧")], []) == [Change("p", "旧", "1", "")]


def test_values_are_compared_as_shown() -> None:
    assert changes([row("p", 1_000)], [row("p", "1,000")]) == []
    assert changes([row("p", True)], [row("p", "はい")]) == []
    assert changes([row("p", 1)], [row("p", True)]) == [Change("p", "p", "1", "はい")]
    assert changes([row("p", False)], [row("p", None)]) == [Change("p", "p", "いいえ", "")]


def test_boolean_changes_both_ways() -> None:
    assert changes([row("p", False)], [row("p", True)]) == [Change("p", "p", "いいえ", "はい")]


def test_no_changes() -> None:
    assert changes([], []) == []
    assert changes(BEFORE, list(reversed(BEFORE))) == []


# Properties ----------------------------------------------------------------------------------------------

values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.text(max_size=6),
    st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-1000, max_value=1000),
)
snapshots = st.lists(
    st.builds(
        row, st.sampled_from([f"s.{i}" for i in range(12)]), values, st.sampled_from(["甲", "乙", "丙"])
    ),
    max_size=12,
)


@given(snapshots)
def test_nothing_changes_against_itself(a: list[dict[str, Any]]) -> None:
    assert changes(a, a) == []


@given(snapshots, snapshots)
def test_changes_are_exactly_the_differing_rows(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> None:
    old, new = flatten(a), flatten(b)
    found = changes(a, b)
    paths = [c.path for c in found]
    assert len(paths) == len(set(paths))
    assert set(paths) == {
        p for p in set(old) | set(new) if old.get(p, ("", ""))[1] != new.get(p, ("", ""))[1]
    }
    for c in found:
        assert c.before == old.get(c.path, ("", ""))[1]
        assert c.after == new.get(c.path, ("", ""))[1]
        assert c.before != c.after
        assert c.kind == ("added" if not c.before else "removed" if not c.after else "changed")
        assert c.label == (new.get(c.path) or old[c.path])[0]


@given(snapshots, snapshots)
def test_changes_follow_the_new_order_then_the_old(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> None:
    order = list(flatten(b)) + [p for p in flatten(a) if p not in flatten(b)]
    paths = [c.path for c in changes(a, b)]
    assert paths == [p for p in order if p in paths]


@given(snapshots, snapshots)
def test_changes_reversed_swap_before_and_after(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> None:
    forward = {c.path: (c.before, c.after) for c in changes(a, b)}
    backward = {c.path: (c.after, c.before) for c in changes(b, a)}
    assert forward == backward


@given(snapshots, snapshots)
def test_applying_the_changes_gives_the_new_texts(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> None:
    texts = {p: t for p, (_, t) in flatten(a).items() if t}
    for c in changes(a, b):
        if c.after:
            texts[c.path] = c.after
        else:
            texts.pop(c.path)
    assert texts == {p: t for p, (_, t) in flatten(b).items() if t}
