"""The data form of a call: what a file must contain, and that the pure lists match the Django choices."""

from __future__ import annotations

import copy

import pytest

from junkan.organizations.models import LOCAL_GOVERNMENT_KINDS, OrganizationKind
from junkan.programs import schema
from junkan.programs.engine import eligibility
from junkan.programs.models import (
    RESERVED_SLUGS,
    BaseAmountKind,
    BudgetAccount,
    DueFrom,
    ProjectNature,
    ReportKind,
)
from junkan.programs.schema import ProgramDataError, normalize, validated
from junkan.programs.tests.conftest import SLUG_2015, SLUG_2019, seed_data


def test_the_pure_lists_match_the_django_choices():
    assert list(schema.KINDS) == OrganizationKind.values
    assert list(schema.BUDGET_ACCOUNTS) == BudgetAccount.values
    assert list(schema.BASE_AMOUNT_KINDS) == BaseAmountKind.values
    assert list(schema.REPORT_KINDS) == ReportKind.values
    assert list(schema.DUE_FROM) == DueFrom.values
    assert list(schema.NATURES) == ProjectNature.values
    assert schema.RESERVED_SLUGS is RESERVED_SLUGS
    assert set(eligibility.LOCAL_GOVERNMENT_KINDS) == set(LOCAL_GOVERNMENT_KINDS)


def test_the_engine_kind_labels_match_the_organization_kinds():
    from django.utils import translation

    with translation.override("ja"):
        assert {kind.value: str(kind.label) for kind in OrganizationKind} == eligibility.KIND_LABELS


@pytest.mark.parametrize("slug", [SLUG_2019, SLUG_2015])
def test_the_shipped_files_are_valid_and_already_canonical(slug):
    record = validated(seed_data(slug))
    assert validated(record) == record


def problems_of(change) -> list[str]:
    data = copy.deepcopy(seed_data(SLUG_2019))
    change(data)
    return normalize(data)[1]


def first_type(data):
    return data["project_types"][0]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.pop("name"), "program.name：必須の項目です。"),
        (lambda d: d.update(colour="green"), "program.colour：この項目はありません。"),
        (lambda d: d.update(fiscal_year="2019"), "program.fiscal_year：整数で指定してください。"),
        (lambda d: d.update(slug="Has Spaces"), "program.slug：半角の英小文字・数字とハイフンで"),
        (lambda d: d.update(slug="finder"), "program.slug：半角の英小文字・数字とハイフンで"),
        (lambda d: d.update(format=2), "program.format：この形式（2）は読み込めません"),
        (
            lambda d: d.update(budget_account="other"),
            "program.budget_account：energy_special_account、general_account",
        ),
        (
            lambda d: d.update(opens_at="2019-05-20T00:00:00"),
            "program.opens_at：日時は時差付き（+09:00）で指定してください。",
        ),
        (
            lambda d: d.update(opens_at="tomorrow"),
            "program.opens_at：日時は 2019-06-21T17:00:00+09:00 の形で",
        ),
        (
            lambda d: d.update(closes_at="2019-05-01T00:00:00+09:00"),
            "program.closes_at：締切日時は公募開始日時より後に",
        ),
        (lambda d: d.update(published="yes"), "program.published：true か false で指定してください。"),
        (lambda d: d.update(themes="eco"), "program.themes：配列で指定してください。"),
        (
            lambda d: d.update(ineligible_cost_examples=[1]),
            "program.ineligible_cost_examples[0]：文字列で指定してください。",
        ),
        (lambda d: d.update(project_types=[]), "program.project_types：事業区分を1つ以上指定してください。"),
        (lambda d: d.update(summary=None), "program.summary：文字列で指定してください。"),
        (lambda d: d.update(name="  "), "program.name：空にできません。"),
        (lambda d: first_type(d).update(code="①"), "program.project_types[0].code：区分コードは半角英数字"),
        (
            lambda d: first_type(d).update(allowed_kinds=["city"]),
            "program.project_types[0].allowed_kinds[0]：組織の種別「city」",
        ),
        (
            lambda d: first_type(d).update(allowed_kinds=[]),
            "program.project_types[0].allowed_kinds：応募できる者の種別を1つ以上",
        ),
        (
            lambda d: first_type(d).update(rate_numerator=3, rate_denominator=2),
            "program.project_types[0].rate_numerator：補助率は",
        ),
        (
            lambda d: first_type(d).update(base_amount=None),
            "program.project_types[0].base_amount：基準額を金額で定める場合",
        ),
        (
            lambda d: first_type(d).update(base_amount=-1),
            "program.project_types[0].base_amount：マイナスの金額は",
        ),
        (
            lambda d: first_type(d).update(cap=1_500),
            "program.project_types[0].cap：上限額は1,000円単位の正の金額",
        ),
        (
            lambda d: first_type(d).update(period_end="2020-02-30"),
            "program.project_types[0].period_end：日付は 2020-02-29 の形で",
        ),
        (
            lambda d: first_type(d).update(required_documents=[{"note": "x"}]),
            "program.project_types[0].required_documents[0].name：必須の項目です。",
        ),
        (
            lambda d: first_type(d).update(rules=[{"code": "nope"}]),
            "program.project_types[0].rules[0]：規則「nope」はありません。",
        ),
        (
            lambda d: first_type(d).update(rules={"code": "nope"}),
            "program.project_types[0].rules：規則の配列で指定してください。",
        ),
        (
            lambda d: first_type(d)["cost_categories"].append(dict(first_type(d)["cost_categories"][0])),
            "同じ識別の項目が重複しています（('業務費', '賃金')）",
        ),
        (
            lambda d: first_type(d)["report_rules"][0].update(due_params={"days": 30}),
            "program.project_types[0].report_rules[0].due_params：提出期限の規則「earlier_of_days_or_fiscal_date」にはパラメータ「month」が必要です。",
        ),
        (
            lambda d: first_type(d)["review_criteria"][0].update(pass_fail=1),
            "review_criteria[0].pass_fail：true か false で",
        ),
        (
            lambda d: first_type(d)["review_criteria"][1].update(scale_min=5, scale_max=5),
            "review_criteria[1]：評点の範囲は 0 ≦ scale_min < scale_max ≦ 100",
        ),
        (
            lambda d: first_type(d)["review_criteria"][1].update(required=True),
            "review_criteria[1]：必須（required）は適否を判定する観点（pass_fail: true）にだけ",
        ),
        (
            lambda d: [c.update(weight=0) for c in first_type(d)["review_criteria"]],
            "review_criteria：点数で評価する観点（重みが1以上のもの）を1つ以上指定してください。",
        ),
        (
            lambda d: d.update(finder_entries=[{"name": "x", "fits": {"model_project": "×"}}]),
            "program.finder_entries[0].fits：適合性「×」は使えません",
        ),
    ],
)
def test_problems_say_where_and_what(change, expected):
    problems = problems_of(change)
    assert any(expected in problem for problem in problems), problems


def test_a_document_that_is_not_a_mapping():
    _record, problems = normalize(["not", "a", "program"])
    assert "program：オブジェクトで指定してください。" in problems


def test_validated_raises_with_every_problem():
    data = copy.deepcopy(seed_data(SLUG_2019))
    del data["name"], data["slug"]
    with pytest.raises(ProgramDataError) as caught:
        validated(data)
    assert caught.value.problems == ["program.slug：必須の項目です。", "program.name：必須の項目です。"]


def test_defaults_are_filled_and_times_are_written_in_japan_time():
    data = copy.deepcopy(seed_data(SLUG_2019))
    data["closes_at"] = "2019-06-21T08:00:00+00:00"
    for key in ("short_name", "summary", "themes", "attachments", "finder_entries", "published_at"):
        data.pop(key)
    record = validated(data)
    assert record["closes_at"] == "2019-06-21T17:00:00+09:00"
    assert record["short_name"] == "" and record["themes"] == [] and record["published_at"] is None
