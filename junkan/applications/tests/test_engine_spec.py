"""The form-spec engine: each SpecError names its place; the shipped forms give the right pages."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from junkan.applications.engine.spec import (
    APPLICANT_CONDITIONS,
    FIELD_KINDS,
    Applicant,
    FieldSpec,
    FormSpec,
    SectionSpec,
    SpecError,
    parse,
    parse_field,
)

APP = Path(__file__).resolve().parents[1]
FORMS = APP / "data" / "forms"
PROGRAMS = APP.parent / "programs" / "data"
SEED_002 = "fy2019-decarbonised-region-model"
SEED_003 = "fy2015-ecotown-low-carbon"

CITY = "city"
PREFECTURE = "prefecture"
COMPANY = "company"


def load(name: str) -> FormSpec:
    return parse(yaml.safe_load((FORMS / f"{name}.yaml").read_text(encoding="utf-8")))


def who(type_code: str, kind: str = CITY) -> Applicant:
    return Applicant(type_code, local_government=kind in {CITY, PREFECTURE}, prefecture=kind == PREFECTURE)


def keys(sections: tuple[SectionSpec, ...]) -> list[str]:
    return [s.key for s in sections]


def field_keys(spec: FormSpec, section: str, applicant: Applicant) -> list[str]:
    found = spec.section(section, applicant)
    assert found is not None, section
    return [f.key for f in found.fields]


def minimal() -> dict[str, Any]:
    """The smallest valid spec: the two sections every call needs."""
    return {
        "program": "test-call",
        "sections": [
            {
                "key": "letter",
                "form": "様式1",
                "title": "応募申請書",
                "fields": [{"key": "name", "label": "名称", "kind": "text", "required": True}],
            },
            {"key": "costs", "form": "様式3", "title": "経費内訳書", "kind": "costs"},
        ],
        "documents": [{"code": "cost_basis", "label": "見積書", "required": True}],
    }


def letter_fields(data: dict[str, Any]) -> list[dict[str, Any]]:
    return data["sections"][0]["fields"]


def add_field(field: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        letter_fields(data).append(field)

    return change


def set_field(**values: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        letter_fields(data)[0].update(values)

    return change


def drop_field(name: str) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        del letter_fields(data)[0][name]

    return change


def set_section(index: int, **values: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["sections"][index].update(values)

    return change


def drop_section_key(index: int, name: str) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        del data["sections"][index][name]

    return change


def add_section(section: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["sections"].append(section)

    return change


def set_document(**values: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["documents"][0].update(values)

    return change


def set_top(**values: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data.update(values)

    return change


def choice(**extra: Any) -> dict[str, Any]:
    return {"key": "pick", "label": "選択", "kind": "choice", **extra}


def items(**extra: Any) -> dict[str, Any]:
    return {"key": "rows", "label": "一覧", "kind": "items", **extra}


# Parsing errors ------------------------------------------------------------------------------------------

NONEMPTY = "must be a non-empty string"
CODES = "expected a list of codes"
ERRORS: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    ("program missing", set_top(program=None), f"spec: 'program' {NONEMPTY}"),
    ("program empty", set_top(program=""), f"spec: 'program' {NONEMPTY}"),
    ("program not text", set_top(program=2019), f"spec: 'program' {NONEMPTY}"),
    ("no sections", set_top(sections=[]), "spec: no sections"),
    ("sections null", set_top(sections=None), "spec: no sections"),
    ("section key missing", drop_section_key(1, "key"), f"sections: 'key' {NONEMPTY}"),
    (
        "duplicate section",
        add_section({"key": "costs", "form": "様式3", "title": "再掲", "kind": "costs"}),
        "sections.costs: duplicate section",
    ),
    ("unknown section kind", set_section(1, kind="table"), "sections.costs: unknown section kind 'table'"),
    ("section form missing", drop_section_key(0, "form"), f"sections.letter: 'form' {NONEMPTY}"),
    ("section form empty", set_section(0, form=""), f"sections.letter: 'form' {NONEMPTY}"),
    ("section title missing", drop_section_key(1, "title"), f"sections.costs: 'title' {NONEMPTY}"),
    ("section types not a list", set_section(0, types="1"), f"sections.letter.types: {CODES}"),
    ("section types of lists", set_section(0, types=[["1"]]), f"sections.letter.types: {CODES}"),
    (
        "section applicant unknown",
        set_section(0, applicant="company"),
        "sections.letter: unknown applicant condition 'company'",
    ),
    ("fields section without fields", set_section(0, fields=[]), "sections.letter: no fields"),
    ("fields section fields null", set_section(0, fields=None), "sections.letter: no fields"),
    (
        "letter missing",
        set_top(sections=[{"key": "costs", "form": "様式3", "title": "経費", "kind": "costs"}]),
        "spec: the 'letter' section is required",
    ),
    ("costs missing", lambda data: data["sections"].pop(), "spec: the 'costs' section is required"),
    ("field key missing", drop_field("key"), f"sections.letter: 'key' {NONEMPTY}"),
    ("field key empty", set_field(key=""), f"sections.letter: 'key' {NONEMPTY}"),
    ("field kind missing", drop_field("kind"), f"sections.letter.name: 'kind' {NONEMPTY}"),
    ("field kind unknown", set_field(kind="file"), "sections.letter.name: unknown field kind 'file'"),
    ("field label missing", drop_field("label"), f"sections.letter.name: 'label' {NONEMPTY}"),
    ("field label empty", set_field(label=""), f"sections.letter.name: 'label' {NONEMPTY}"),
    ("required neither bool nor list", set_field(required="yes"), f"sections.letter.name.required: {CODES}"),
    ("required list of floats", set_field(required=[1.5]), f"sections.letter.name.required: {CODES}"),
    ("field types not a list", set_field(types="2"), f"sections.letter.name.types: {CODES}"),
    (
        "field applicant unknown",
        set_field(applicant="company"),
        "sections.letter.name: unknown applicant condition 'company'",
    ),
    (
        "required_if not a mapping",
        set_field(required_if="other"),
        "sections.letter.name: required_if needs 'field' and 'equals'",
    ),
    (
        "required_if without equals",
        set_field(required_if={"field": "other"}),
        "sections.letter.name: required_if needs 'field' and 'equals'",
    ),
    (
        "required_if without field",
        set_field(required_if={"equals": True}),
        "sections.letter.name: required_if needs 'field' and 'equals'",
    ),
    (
        "required_if names an unknown field",
        set_field(required_if={"field": "nowhere", "equals": True}),
        "sections.letter.name: required_if names an unknown field",
    ),
    ("choice without options", add_field(choice()), "sections.letter.pick: a choice needs options"),
    (
        "choice with empty options",
        add_field(choice(options=[])),
        "sections.letter.pick: a choice needs options",
    ),
    (
        "option without label",
        add_field(choice(options=[{"value": "a"}])),
        f"sections.letter.pick.options: 'label' {NONEMPTY}",
    ),
    ("items without subfields", add_field(items()), "sections.letter.rows: items need subfields"),
    (
        "subfield of unknown kind",
        add_field(items(subfields=[{"key": "x", "label": "X", "kind": "file"}])),
        "sections.letter.rows.x: unknown field kind 'file'",
    ),
    (
        "items inside items",
        add_field(
            items(
                subfields=[
                    {
                        "key": "inner",
                        "label": "内側",
                        "kind": "items",
                        "subfields": [{"key": "x", "label": "X", "kind": "text"}],
                    }
                ]
            )
        ),
        "sections.letter.rows.inner: unknown field kind 'items'",
    ),
    (
        "calculation inside items",
        add_field(items(subfields=[{"key": "calc", "label": "計算", "kind": "co2_calculation"}])),
        "sections.letter.rows.calc: unknown field kind 'co2_calculation'",
    ),
    (
        "subfield without label",
        add_field(items(subfields=[{"key": "x", "kind": "text"}])),
        f"sections.letter.rows.x: 'label' {NONEMPTY}",
    ),
    (
        "duplicate field keys",
        add_field({"key": "name", "label": "名称（再掲）", "kind": "text"}),
        "sections.letter: duplicate field keys",
    ),
    ("document code missing", set_document(code=None), f"documents: 'code' {NONEMPTY}"),
    ("document label empty", set_document(label=""), f"documents: 'label' {NONEMPTY}"),
    ("document types not a list", set_document(types="3"), f"documents.types: {CODES}"),
    (
        "document applicant unknown",
        set_document(applicant="npo"),
        "documents: unknown applicant condition 'npo'",
    ),
    (
        "duplicate document codes",
        lambda data: data["documents"].append({"code": "cost_basis", "label": "再掲"}),
        "documents: duplicate codes",
    ),
]


@pytest.mark.parametrize(("change", "message"), [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS])
def test_spec_error_names_the_place(change: Callable[[dict[str, Any]], None], message: str) -> None:
    data = minimal()
    change(data)
    with pytest.raises(SpecError) as raised:
        parse(data)
    assert str(raised.value) == message


def test_the_minimal_spec_is_valid() -> None:
    spec = parse(minimal())
    assert spec.program == "test-call"
    assert keys(spec.sections) == ["letter", "costs"]


def test_spec_error_is_a_value_error() -> None:
    assert issubclass(SpecError, ValueError)


def test_parsing_does_not_change_the_data() -> None:
    data = minimal()
    before = copy.deepcopy(data)
    parse(data)
    assert data == before


def test_the_first_problem_is_reported() -> None:
    data = minimal()
    set_field(kind="file")(data)
    set_document(code="")(data)
    with pytest.raises(SpecError, match=r"^sections\.letter\.name: unknown field kind"):
        parse(data)


# Parsed values -------------------------------------------------------------------------------------------


def test_field_defaults() -> None:
    field = parse_field({"key": "note", "label": "備考", "kind": "longtext"}, "sections.x")
    assert field == FieldSpec(key="note", label="備考", kind="longtext")
    assert field.required is False
    assert field.required_if is None
    assert (field.true_label, field.false_label) == ("はい", "いいえ")
    assert (field.minimum, field.maximum) == (None, None)
    assert (field.types, field.applicant, field.options, field.subfields) == ((), "", (), ())


def test_field_values_are_read() -> None:
    field = parse_field(
        {
            "key": "years",
            "label": "事業期間",
            "kind": "integer",
            "required": [2, "3"],
            "help": "年数",
            "types": [1, "2"],
            "applicant": "prefecture",
            "min": 1,
            "max": 3,
            "true_label": "あり",
            "false_label": "なし",
        },
        "sections.x",
    )
    assert field.required == ("2", "3")
    assert field.types == ("1", "2")
    assert field.applicant == "prefecture"
    assert (field.minimum, field.maximum) == (1, 3)
    assert field.help == "年数"
    assert (field.true_label, field.false_label) == ("あり", "なし")


def test_required_if_and_options() -> None:
    data = minimal()
    letter_fields(data).extend(
        [
            {"key": "other", "label": "他の補助金", "kind": "boolean", "required": True},
            {
                "key": "detail",
                "label": "内容",
                "kind": "longtext",
                "required_if": {"field": "other", "equals": True},
            },
            choice(options=[{"value": 1, "label": "一"}, {"value": "b", "label": "二"}]),
        ]
    )
    section = parse(data).sections[0]
    detail, pick = section.fields[2], section.fields[3]
    assert detail.required_if == ("other", True)
    assert [(o.value, o.label) for o in pick.options] == [("1", "一"), ("b", "二")]


def test_items_keep_their_subfields_in_order() -> None:
    field = parse_field(
        items(
            subfields=[
                {"key": "name", "label": "名称", "kind": "text", "required": True},
                {"key": "planned", "label": "予定", "kind": "boolean"},
            ]
        ),
        "sections.council",
    )
    assert [(s.key, s.kind, s.required) for s in field.subfields] == [
        ("name", "text", True),
        ("planned", "boolean", False),
    ]


@pytest.mark.parametrize("kind", sorted(FIELD_KINDS - {"choice", "items"}))
def test_every_simple_field_kind_parses(kind: str) -> None:
    assert parse_field({"key": "f", "label": "F", "kind": kind}, "s").kind == kind


def test_sections_and_documents_defaults() -> None:
    spec = parse(minimal())
    letter, costs = spec.sections
    assert (letter.kind, costs.kind) == ("fields", "costs")
    assert costs.fields == ()
    (document,) = spec.documents
    assert (document.required, document.min_count, document.types, document.applicant) == (True, 1, (), "")


def test_document_values_are_read() -> None:
    data = minimal()
    data["documents"].append(
        {
            "code": "statements",
            "label": "決算書",
            "required": True,
            "applicant": "private",
            "types": ["plan"],
            "min_count": 2,
            "help": "2期分",
        }
    )
    document = parse(data).documents[1]
    assert (document.applicant, document.types, document.min_count, document.help) == (
        "private",
        ("plan",),
        2,
        "2期分",
    )


def test_a_costs_or_budget_section_needs_no_fields() -> None:
    data = minimal()
    add_section({"key": "budget", "form": "予算書", "title": "予算書抜粋", "kind": "budget"})(data)
    assert parse(data).sections[-1].kind == "budget"


def test_parsed_specs_are_frozen() -> None:
    spec = parse(minimal())
    with pytest.raises(dataclasses.FrozenInstanceError):
        spec.program = "other"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        spec.sections[0].fields[0].label = "別"  # type: ignore[misc]


# Conditions ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("required", "type_code", "expected"),
    [(True, "1", True), (False, "1", False), (("2",), "2", True), (("2",), "1", False), ((), "1", False)],
)
def test_is_required(required: bool | tuple[str, ...], type_code: str, expected: bool) -> None:
    assert FieldSpec("f", "F", "text", required=required).is_required(type_code) is expected


@pytest.mark.parametrize(
    ("condition", "kind", "expected"),
    [
        ("", CITY, True),
        ("", COMPANY, True),
        ("", PREFECTURE, True),
        ("local_government", CITY, True),
        ("local_government", PREFECTURE, True),
        ("local_government", COMPANY, False),
        ("prefecture", PREFECTURE, True),
        ("prefecture", CITY, False),
        ("prefecture", COMPANY, False),
        ("private", COMPANY, True),
        ("private", CITY, False),
        ("private", PREFECTURE, False),
    ],
)
def test_applicant_matches(condition: str, kind: str, expected: bool) -> None:
    assert who("1", kind).matches(condition) is expected


def test_applicant_conditions_are_the_three_known() -> None:
    assert {"local_government", "private", "prefecture"} == APPLICANT_CONDITIONS


@pytest.mark.parametrize(
    ("form", "title", "heading"),
    [("様式2", "事業の背景", "様式2　事業の背景"), ("申請書", "申請書", "申請書")],
)
def test_heading(form: str, title: str, heading: str) -> None:
    assert SectionSpec("s", form, title).heading == heading


def conditional_spec() -> FormSpec:
    data = minimal()
    letter_fields(data).extend(
        [
            {"key": "only2", "label": "②のみ", "kind": "text", "types": ["2"]},
            {"key": "pref", "label": "都道府県のみ", "kind": "text", "applicant": "prefecture"},
            {
                "key": "pref2",
                "label": "都道府県・②",
                "kind": "text",
                "applicant": "prefecture",
                "types": ["2"],
            },
        ]
    )
    add_section(
        {
            "key": "council",
            "form": "様式2",
            "title": "協議会",
            "types": ["3"],
            "fields": [{"key": "members", "label": "構成員", "kind": "text"}],
        }
    )(data)
    add_section(
        {
            "key": "budget",
            "form": "予算書",
            "title": "予算書",
            "kind": "budget",
            "applicant": "local_government",
        }
    )(data)
    data["documents"].append({"code": "private_only", "label": "定款", "applicant": "private"})
    data["documents"].append({"code": "type3", "label": "協議会資料", "types": ["3"]})
    return parse(data)


@pytest.mark.parametrize(
    ("applicant", "sections", "letter"),
    [
        (who("1"), ["letter", "costs", "budget"], ["name"]),
        (who("2"), ["letter", "costs", "budget"], ["name", "only2"]),
        (who("3"), ["letter", "costs", "council", "budget"], ["name"]),
        (who("2", PREFECTURE), ["letter", "costs", "budget"], ["name", "only2", "pref", "pref2"]),
        (who("1", PREFECTURE), ["letter", "costs", "budget"], ["name", "pref"]),
        (who("3", COMPANY), ["letter", "costs", "council"], ["name"]),
    ],
)
def test_sections_for_filters_sections_and_fields(
    applicant: Applicant, sections: list[str], letter: list[str]
) -> None:
    spec = conditional_spec()
    assert keys(spec.sections_for(applicant)) == sections
    assert field_keys(spec, "letter", applicant) == letter


def test_sections_for_leaves_the_spec_unchanged() -> None:
    spec = conditional_spec()
    spec.sections_for(who("1"))
    assert [f.key for f in spec.sections[0].fields] == ["name", "only2", "pref", "pref2"]


def test_section_returns_none_when_it_does_not_apply() -> None:
    spec = conditional_spec()
    assert spec.section("council", who("1")) is None
    assert spec.section("budget", who("1", COMPANY)) is None
    assert spec.section("nowhere", who("1")) is None
    council = spec.section("council", who("3"))
    assert council is not None and council.title == "協議会"


@pytest.mark.parametrize(
    ("applicant", "codes"),
    [
        (who("1"), ["cost_basis"]),
        (who("3"), ["cost_basis", "type3"]),
        (who("1", COMPANY), ["cost_basis", "private_only"]),
        (who("3", COMPANY), ["cost_basis", "private_only", "type3"]),
        (who("3", PREFECTURE), ["cost_basis", "type3"]),
    ],
)
def test_documents_for(applicant: Applicant, codes: list[str]) -> None:
    assert [d.code for d in conditional_spec().documents_for(applicant)] == codes


@given(type_code=st.sampled_from(["1", "2", "3", "4"]), kind=st.sampled_from([CITY, PREFECTURE, COMPANY]))
def test_sections_for_is_a_subsequence_of_the_spec(type_code: str, kind: str) -> None:
    spec = conditional_spec()
    applicant = who(type_code, kind)
    chosen = spec.sections_for(applicant)
    all_keys = keys(spec.sections)
    positions = [all_keys.index(s.key) for s in chosen]
    assert positions == sorted(positions)
    for section in chosen:
        original = spec.sections[all_keys.index(section.key)]
        assert set(section.fields) <= set(original.fields)
        assert all(not f.types or type_code in f.types for f in section.fields)
        assert all(applicant.matches(f.applicant) for f in section.fields)
    assert keys(chosen)[:2] == ["letter", "costs"]


# The shipped forms ---------------------------------------------------------------------------------------


def project_type_codes(name: str) -> set[str]:
    data = yaml.safe_load((PROGRAMS / f"{name}.yaml").read_text(encoding="utf-8"))
    assert data["application_forms"] == name
    return {str(t["code"]) for t in data["project_types"]}


@pytest.mark.parametrize("name", [SEED_002, SEED_003])
def test_shipped_spec_parses(name: str) -> None:
    spec = load(name)
    assert spec.program == name
    assert keys(spec.sections)[0] == "letter"
    assert "costs" in keys(spec.sections)


def test_only_the_two_shipped_specs() -> None:
    assert sorted(p.stem for p in FORMS.glob("*.yaml")) == sorted([SEED_002, SEED_003])


@pytest.mark.parametrize("name", [SEED_002, SEED_003])
def test_shipped_conditions_name_real_project_types(name: str) -> None:
    """A misspelt type code would silently hide a page; every code is one of the call's project types."""
    codes = project_type_codes(name)
    spec = load(name)
    used: set[str] = set()
    for section in spec.sections:
        used.update(section.types)
        for field in section.fields:
            used.update(field.types)
            if isinstance(field.required, tuple):
                used.update(field.required)
    for document in spec.documents:
        used.update(document.types)
    assert used <= codes


@pytest.mark.parametrize("name", [SEED_002, SEED_003])
def test_shipped_required_if_points_at_a_boolean_of_the_same_page(name: str) -> None:
    """Or, for a requirement's place in the plan, at the requirement's 「満たしている」 answer."""
    found = 0
    for section in load(name).sections:
        by_key = {f.key: f for f in section.fields}
        for field in section.fields:
            if field.required_if:
                other, equals = field.required_if
                if by_key[other].blocking:
                    assert (by_key[other].kind, equals) == ("choice", "yes")
                else:
                    assert by_key[other].kind == "boolean"
                    assert equals is True
                assert (by_key[other].types, by_key[other].applicant) == (field.types, field.applicant)
                found += 1
    assert found >= 1


def test_seed_002_council_only_for_type_3() -> None:
    spec = load(SEED_002)
    assert "council" in keys(spec.sections_for(who("3")))
    assert "council" not in keys(spec.sections_for(who("1")))
    assert "council" not in keys(spec.sections_for(who("2")))


@pytest.mark.parametrize("type_code", ["1", "2", "3"])
def test_seed_002_budget_only_for_local_governments(type_code: str) -> None:
    spec = load(SEED_002)
    assert "budget" in keys(spec.sections_for(who(type_code, CITY)))
    assert "budget" in keys(spec.sections_for(who(type_code, PREFECTURE)))
    assert "budget" not in keys(spec.sections_for(who(type_code, COMPANY)))


def test_seed_002_pages_of_each_type() -> None:
    spec = load(SEED_002)
    common = ["letter", "overview", "background", "concept", "content"]
    tail = ["schedule", "effects", "structure", "requirements", "costs", "budget"]
    assert keys(spec.sections_for(who("1"))) == [*common, *tail]
    assert keys(spec.sections_for(who("2"))) == [*common, *tail]
    assert keys(spec.sections_for(who("3"))) == [*common, "council", *tail]


def test_seed_002_content_fields_per_type() -> None:
    spec = load(SEED_002)
    assert field_keys(spec, "content", who("1")) == ["survey_items"]
    assert field_keys(spec, "content", who("2")) == ["survey_items"]
    assert field_keys(spec, "content", who("3")) == ["stakeholders", "council_structure", "topics"]


def test_seed_002_effects_fields_per_type() -> None:
    spec = load(SEED_002)
    assert field_keys(spec, "effects", who("1")) == [
        "co2_calculation",
        "co2_reduction",
        "co2_direct",
        "co2_indirect",
        "co2_method",
        "decarbonisation",
        "renewable_energy",
        "other_effects",
        "innovation",
    ]
    assert "resource_productivity" in field_keys(spec, "effects", who("2"))
    assert "co2_method" not in field_keys(spec, "effects", who("2"))
    assert "co2_method" in field_keys(spec, "effects", who("3"))


@pytest.mark.parametrize(("type_code", "required"), [("1", False), ("2", True), ("3", False)])
def test_seed_002_co2_calculation_required_only_for_type_2(type_code: str, required: bool) -> None:
    effects = load(SEED_002).section("effects", who(type_code))
    assert effects is not None
    calculation = next(f for f in effects.fields if f.key == "co2_calculation")
    assert calculation.required == ("2",)
    assert calculation.is_required(type_code) is required


def test_seed_002_prefecture_fields() -> None:
    spec = load(SEED_002)
    prefecture_only = ["target_area", "whole_prefecture", "whole_prefecture_reason"]
    assert not set(prefecture_only) & set(field_keys(spec, "overview", who("2", CITY)))
    assert set(prefecture_only) <= set(field_keys(spec, "overview", who("2", PREFECTURE)))
    type1 = field_keys(spec, "overview", who("1", PREFECTURE))
    assert "target_area" in type1
    assert "whole_prefecture" not in type1
    assert "whole_prefecture_reason" not in type1


@pytest.mark.parametrize(
    ("type_code", "codes"),
    [
        ("1", ["cost_basis", "analysis_material", "plan_attachment", "other"]),
        ("2", ["cost_basis", "analysis_material", "plan_attachment", "other"]),
        ("3", ["cost_basis", "analysis_material", "council_evidence", "plan_attachment", "other"]),
    ],
)
def test_seed_002_documents(type_code: str, codes: list[str]) -> None:
    documents = load(SEED_002).documents_for(who(type_code))
    assert [d.code for d in documents] == codes
    required = {d.code for d in documents if d.required}
    assert required == ({"cost_basis", "council_evidence"} if type_code == "3" else {"cost_basis"})


def test_seed_002_council_members_and_evidence() -> None:
    council = load(SEED_002).section("council", who("3"))
    assert council is not None
    members, evidence = council.fields
    assert members.kind == "items" and members.required is True
    assert [(s.key, s.required) for s in members.subfields] == [
        ("name", True),
        ("role", True),
        ("planned", False),
    ]
    assert evidence.kind == "choice"
    assert [o.value for o in evidence.options] == ["agreement", "consultation", "draft_rules"]


def test_seed_002_letter_heading_and_labels() -> None:
    spec = load(SEED_002)
    letter = spec.section("letter", who("1"))
    assert letter is not None
    assert letter.heading == "様式1　応募申請書"
    email = next(f for f in letter.fields if f.key == "contact_email")
    assert (email.kind, email.required) == ("email", True)


def test_seed_003_private_applicant_documents() -> None:
    documents = load(SEED_003).documents_for(who("plan", COMPANY))
    assert [d.code for d in documents] == [
        "cost_basis",
        "financial_statements",
        "articles",
        "corporate_overview",
        "other",
    ]
    by_code = {d.code: d for d in documents}
    assert by_code["financial_statements"].min_count == 2
    assert by_code["financial_statements"].required
    assert by_code["articles"].required and by_code["articles"].min_count == 1
    assert by_code["corporate_overview"].required
    assert not by_code["other"].required


@pytest.mark.parametrize("kind", [CITY, PREFECTURE])
def test_seed_003_local_government_documents(kind: str) -> None:
    assert [d.code for d in load(SEED_003).documents_for(who("fs", kind))] == ["cost_basis", "other"]


def test_seed_003_pages() -> None:
    spec = load(SEED_003)
    pages = ["letter", "overview", "content", "effects", "structure", "requirements", "costs"]
    assert keys(spec.sections_for(who("fs", CITY))) == [*pages, "budget"]
    assert keys(spec.sections_for(who("plan", COMPANY))) == pages


def test_seed_003_content_per_type() -> None:
    spec = load(SEED_003)
    fs = field_keys(spec, "content", who("fs"))
    plan = field_keys(spec, "content", who("plan", COMPANY))
    assert fs[0] == "survey_items" and "plan_content" not in fs
    assert plan[0] == "plan_content" and "survey_items" not in plan
    assert fs[1:] == plan[1:] == ["feasibility", "novelty", "effectiveness", "schedule"]


def test_seed_003_co2_calculation_always_required() -> None:
    spec = load(SEED_003)
    for applicant in (who("fs"), who("plan", COMPANY)):
        effects = spec.section("effects", applicant)
        assert effects is not None
        assert effects.fields[0].key == "co2_calculation"
        assert effects.fields[0].is_required(applicant.type_code)


def test_seed_003_project_years_bounds() -> None:
    overview = load(SEED_003).section("overview", who("fs"))
    assert overview is not None
    years = next(f for f in overview.fields if f.key == "project_years")
    assert (years.kind, years.minimum, years.maximum) == ("integer", 1, 3)
