"""Conflicts of interest: same organization, workplace and residence (with nesting), declarations merged."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from junkan.review.engine.coi import (
    Application,
    AreaIndex,
    CoiPolicy,
    ConflictKind,
    Declaration,
    Member,
    Party,
    Reason,
    Source,
    detect,
    find_conflicts,
    prefecture_of,
)

NAGANO, IIDA, MATSUMOTO = "200000", "202053", "202029"
KANAGAWA, YOKOHAMA, TSURUMI = "140007", "141003", "141011"
UNION = "union:7"  # 南信州広域連合 (no 団体コード)
INDEX = AreaIndex(
    enclosing={TSURUMI: frozenset({YOKOHAMA}), IIDA: frozenset({UNION}), UNION: frozenset({NAGANO})},
    names={
        NAGANO: "長野県",
        IIDA: "飯田市",
        MATSUMOTO: "松本市",
        YOKOHAMA: "横浜市",
        TSURUMI: "横浜市鶴見区",
        UNION: "南信州広域連合",
    },
)


def app(*areas: str, organization: int | None = None, co: tuple[Party, ...] = ()) -> Application:
    return Application(10, (Party("申請者", organization, frozenset(areas)), *co))


def kinds(reasons: tuple[Reason, ...]) -> list[ConflictKind]:
    return [reason.kind for reason in reasons]


def test_prefecture_of_a_municipal_code():
    assert prefecture_of(IIDA) == NAGANO
    assert prefecture_of(TSURUMI) == KANAGAWA
    assert prefecture_of(NAGANO) is None
    assert prefecture_of(UNION) is None
    assert prefecture_of("20205") is None


def test_enclosing_areas_are_transitive_and_include_the_prefecture():
    assert INDEX.enclosing_all(TSURUMI) == {YOKOHAMA, KANAGAWA}
    assert INDEX.enclosing_all(IIDA) == {UNION, NAGANO}
    assert INDEX.enclosing_all(NAGANO) == set()
    cyclic = AreaIndex(enclosing={"a": frozenset({"b"}), "b": frozenset({"a"})})
    assert cyclic.enclosing_all("a") == {"b"}


def test_same_organization_as_the_applicant_or_a_co_applicant():
    member = Member(1, organizations=frozenset({5}))
    assert kinds(detect(member, app(MATSUMOTO, organization=5))) == [ConflictKind.SAME_ORGANIZATION]
    co_applicant = Party("株式会社南信エナジー", 5, frozenset(), co_applicant=True)
    reasons = detect(member, app(MATSUMOTO, organization=6, co=(co_applicant,)))
    assert reasons == (
        Reason(
            ConflictKind.SAME_ORGANIZATION,
            Source.DETECTED,
            "共同申請者「株式会社南信エナジー」と同じ組織に所属しています。",
        ),
    )
    assert detect(member, app(MATSUMOTO, organization=6)) == ()


def test_working_for_the_same_government():
    (reason,) = detect(Member(1, workplaces=frozenset({IIDA})), app(IIDA), INDEX)
    assert reason.kind is ConflictKind.WORKPLACE
    assert (
        reason.label
        == "勤務先の地方公共団体（自動検出）：勤務先の飯田市は申請者「申請者」の地方公共団体と同じです。"
    )


def test_prefecture_staff_conflict_with_its_municipalities_and_back():
    prefecture_staff = Member(1, workplaces=frozenset({NAGANO}))
    city_staff = Member(2, workplaces=frozenset({IIDA}))
    assert kinds(detect(prefecture_staff, app(IIDA), INDEX)) == [ConflictKind.WORKPLACE]
    assert (
        "勤務先の長野県は申請者「申請者」の飯田市を区域に含みます。"
        in detect(prefecture_staff, app(IIDA), INDEX)[0].detail
    )
    assert kinds(detect(city_staff, app(NAGANO), INDEX)) == [ConflictKind.WORKPLACE]
    assert detect(city_staff, app(MATSUMOTO), INDEX) == ()  # a sibling municipality
    assert detect(prefecture_staff, app(YOKOHAMA), INDEX) == ()  # another prefecture


def test_the_policy_can_limit_workplaces_to_the_same_government():
    policy = CoiPolicy(nested_workplaces=False)
    assert detect(Member(1, workplaces=frozenset({NAGANO})), app(IIDA), INDEX, policy) == ()
    assert detect(Member(1, workplaces=frozenset({IIDA})), app(IIDA), INDEX, policy) != ()


def test_unions_and_wards_through_the_index():
    assert kinds(detect(Member(1, workplaces=frozenset({IIDA})), app(UNION), INDEX)) == [
        ConflictKind.WORKPLACE
    ]
    assert kinds(detect(Member(1, workplaces=frozenset({TSURUMI})), app(YOKOHAMA), INDEX)) == [
        ConflictKind.WORKPLACE
    ]
    assert kinds(detect(Member(1, residences=frozenset({TSURUMI})), app(KANAGAWA), INDEX)) == [
        ConflictKind.RESIDENCE
    ]
    assert kinds(detect(Member(1, residences=frozenset({IIDA})), app(UNION), INDEX)) == [
        ConflictKind.RESIDENCE
    ]


def test_residents_conflict_with_governments_whose_area_they_live_in_only():
    resident = Member(1, residences=frozenset({IIDA}))
    assert kinds(detect(resident, app(IIDA), INDEX)) == [ConflictKind.RESIDENCE]
    assert kinds(detect(resident, app(NAGANO), INDEX)) == [ConflictKind.RESIDENCE]
    assert detect(resident, app(MATSUMOTO), INDEX) == ()
    # Living somewhere in a prefecture says nothing about its municipalities.
    assert detect(Member(2, residences=frozenset({NAGANO})), app(IIDA), INDEX) == ()
    (reason,) = detect(resident, app(NAGANO), INDEX)
    assert reason.detail == "居住地の飯田市は申請者「申請者」の長野県の区域内です。"


def test_without_an_index_codes_still_find_their_prefecture():
    assert kinds(detect(Member(1, workplaces=frozenset({NAGANO})), app(IIDA))) == [ConflictKind.WORKPLACE]


def test_declarations_are_merged_with_detections_in_a_fixed_order():
    members = [Member(1, organizations=frozenset({5}), workplaces=frozenset({IIDA})), Member(2)]
    applications = [
        app(IIDA, organization=5),
        Application(11, (Party("松本市", None, frozenset({MATSUMOTO})),)),
    ]
    declarations = [
        Declaration(1, 10, ConflictKind.FINANCIAL, "申請者から業務を受託"),
        Declaration(1, 10, ConflictKind.SAME_ORGANIZATION, ""),
        Declaration(2, 11, ConflictKind.ADVISORY, "  "),
        Declaration(2, 11, ConflictKind.ADVISORY, "  "),
    ]
    conflicts = find_conflicts(members, applications, declarations, INDEX)
    assert list(conflicts.pairs) == [(1, 10), (2, 11)]
    assert [(r.kind, r.source) for r in conflicts.reasons(1, 10)] == [
        (ConflictKind.SAME_ORGANIZATION, Source.DECLARED),
        (ConflictKind.SAME_ORGANIZATION, Source.DETECTED),
        (ConflictKind.WORKPLACE, Source.DETECTED),
        (ConflictKind.FINANCIAL, Source.DECLARED),
    ]
    assert conflicts.reasons(2, 11) == (Reason(ConflictKind.ADVISORY, Source.DECLARED, "委員からの申告"),)
    assert conflicts.is_conflicted(1, 10) and not conflicts.is_conflicted(1, 11)
    assert conflicts.reasons(2, 10) == ()
    assert conflicts.forbidden() == {(1, 10), (2, 11)}


def test_a_declaration_with_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="'friendship' is not a valid ConflictKind"):
        find_conflicts([], [], [Declaration(1, 2, "friendship")])  # type: ignore[arg-type]


areas = st.sampled_from([NAGANO, IIDA, MATSUMOTO, KANAGAWA, YOKOHAMA, TSURUMI, UNION])


@settings(max_examples=150, deadline=None)
@given(
    workplaces=st.frozensets(areas, max_size=2),
    residences=st.frozensets(areas, max_size=2),
    organizations=st.frozensets(st.integers(1, 4), max_size=2),
    parties=st.lists(
        st.tuples(st.none() | st.integers(1, 4), st.frozensets(areas, max_size=2)), min_size=1, max_size=3
    ),
)
def test_detection_agrees_with_the_rules(workplaces, residences, organizations, parties):
    member = Member(1, organizations, workplaces, residences)
    application = Application(1, tuple(Party(f"p{i}", o, a, i > 0) for i, (o, a) in enumerate(parties)))
    found = set(kinds(detect(member, application, INDEX)))

    def nested(x: str, y: str) -> bool:
        return x == y or x in INDEX.enclosing_all(y) or y in INDEX.enclosing_all(x)

    expected = set()
    for organization, party_areas in parties:
        if organization is not None and organization in organizations:
            expected.add(ConflictKind.SAME_ORGANIZATION)
        if any(nested(w, a) for w in workplaces for a in party_areas):
            expected.add(ConflictKind.WORKPLACE)
        if any(a == r or a in INDEX.enclosing_all(r) for r in residences for a in party_areas):
            expected.add(ConflictKind.RESIDENCE)
    assert found == expected
    # A member with nothing in common never conflicts.
    assert detect(Member(2), application, INDEX) == ()
