"""The two seed calls are in the database after migrate, transcribed as the issue and the seeds say."""

from __future__ import annotations

import importlib
from datetime import date, datetime, timedelta, timezone
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from junkan.programs.loader import dump_program
from junkan.programs.models import CostCategory, Program, ProgramVersion, ProjectType
from junkan.programs.schema import validated
from junkan.programs.tests.conftest import SLUG_2015, SLUG_2019, seed_data

pytestmark = pytest.mark.django_db
JST = timezone(timedelta(hours=9))
LOCAL_GOVERNMENTS = ["prefecture", "municipality", "special_ward"]
WITH_UNIONS = [*LOCAL_GOVERNMENTS, "municipal_union", "wide_area_union"]


def types_of(program: Program) -> dict[str, ProjectType]:
    return {t.code: t for t in program.project_types.all()}


def test_fy2019_call(program_2019):
    assert program_2019.published
    assert program_2019.fiscal_year == 2019
    assert program_2019.executing_body == "一般社団法人低炭素社会創出促進協会"
    assert program_2019.budget_account == "energy_special_account"
    assert program_2019.opens_at == datetime(2019, 5, 20, 0, 0, tzinfo=JST)
    assert program_2019.closes_at == datetime(2019, 6, 21, 17, 0, tzinfo=JST)
    assert "chiikizukuri31@lcspace.jp" in program_2019.contact
    assert "電子メールによる提出は受け付けません" in program_2019.how_to_apply
    assert "地方公共団体の職員の移動に必要な旅費" in program_2019.ineligible_cost_examples


@pytest.mark.parametrize(
    ("code", "cap", "kinds", "multi_year"),
    [
        ("1", 10_000_000, LOCAL_GOVERNMENTS, True),
        ("2", 10_000_000, WITH_UNIONS, True),
        ("3", 3_000_000, WITH_UNIONS, False),
    ],
)
def test_fy2019_types(program_2019, code, cap, kinds, multi_year):
    project_type = types_of(program_2019)[code]
    assert (project_type.rate_numerator, project_type.rate_denominator) == (1, 1)  # 定額
    assert project_type.rate_label == "定額"
    assert project_type.base_amount_kind == "fixed"
    assert project_type.base_amount == cap  # 様式3 注3: ①② 10,000,000円、③ 3,000,000円
    assert project_type.cap == cap
    assert project_type.allowed_kinds == kinds
    assert project_type.multi_year is multi_year
    assert project_type.period_end == date(2020, 2, 29)
    names = [c.name for c in project_type.cost_categories.all()]
    assert names == [
        "賃金",
        "社会保険料",
        "諸謝金",
        "旅費",
        "印刷製本費",
        "通信運搬費",
        "委託料",
        "使用料及賃借料",
        "消耗品費",
        "その他必要な経費",
    ]
    rules = [rule["code"] for rule in project_type.rules]
    assert {"applicant_kind", "representative_local_government", "eligible_categories"} <= set(rules)
    assert {"within_call_period", "no_other_national_subsidy"} <= set(rules)


def test_fy2019_type_names(program_2019):
    names = {code: t.name for code, t in types_of(program_2019).items()}
    assert names["1"].startswith("地域資源を活用した環境社会調和型の再エネ事業")
    assert names["2"] == "地域の循環資源を活用した地域の脱炭素化を推進する事業の実現可能性調査を行う事業"
    assert names["3"] == "住民参加型協議会の運営及び情報発信を行う事業"
    assert types_of(program_2019)["3"].label == "③住民参加型協議会の運営及び情報発信を行う事業"


def test_fy2019_type_3_rules(program_2019):
    rules = {rule["code"]: rule["params"] for rule in types_of(program_2019)["3"].rules}
    assert rules["prefecture_joint_with_municipality"]["reference"] == "公募要領 2.③(2)ウ"
    assert rules["one_lead_per_local_government"] == {"max_leads": 1, "reference": "公募要領 2.③(2)ウ"}
    assert "prefecture_joint_with_municipality" not in {
        rule["code"] for rule in types_of(program_2019)["1"].rules
    }


def test_fy2019_cost_category_rules(program_2019):
    categories = {c.name: c.rules for c in types_of(program_2019)["1"].cost_categories.all()}
    assert categories["旅費"] == [
        {
            "code": "no_local_government_staff_travel",
            "params": {"reference": "公募要領 4.(2)エ、別表第2（旅費）"},
        }
    ]
    assert categories["消耗品費"][0]["params"]["threshold"] == 50_000
    assert categories["その他必要な経費"][0]["params"]["approver"] == "協会"


def test_fy2019_review_criteria_and_reports(program_2019):
    by_code = types_of(program_2019)
    assert [c.text[:10] for c in by_code["1"].review_criteria.all()] == [
        c.text[:10] for c in by_code["2"].review_criteria.all()
    ]
    # The first item of 【想定される審査の項目】 asks two things: whether the requirements are met (a gate)
    # and how well; 1a is the pass/fail gate, 1b the score.
    assert list(by_code["1"].review_criteria.values_list("code", "pass_fail", "required")) == [
        ("1a", True, True),
        ("1b", False, False),
        ("2", False, False),
        ("3", False, False),
        ("4", False, False),
        ("5", False, False),
    ]
    scored = by_code["1"].review_criteria.filter(pass_fail=False)
    assert {(c.scale_min, c.scale_max) for c in scored} == {(0, 5)}
    last = by_code["3"].review_criteria.last()
    assert last.text.startswith("情報発信を行う場合は") and last.not_applicable_allowed
    completion = by_code["1"].report_rules.get(code="completion")
    assert completion.due_rule == "earlier_of_days_or_fiscal_date"
    assert completion.due_params == {"days": 30, "month": 3, "day": 10, "fiscal_year_offset": 0}
    assert completion.due_text.startswith("補助事業を完了した日から起算して30日を経過した日又は")
    assert [line[:2] for line in completion.contents] == ["a.", "b.", "c.", "d.", "e.", "f.", "g."]
    assert by_code["1"].report_rules.get(code="continuation_plan").due_params == {"date": "2020-02-28"}
    assert list(by_code["3"].report_rules.values_list("code", flat=True)) == ["completion"]


def test_fy2015_call(program_2015):
    assert program_2015.fiscal_year == 2015
    assert program_2015.opens_at == datetime(2015, 5, 28, 16, 0, tzinfo=JST)
    assert program_2015.closes_at == datetime(2015, 6, 29, 17, 0, tzinfo=JST)
    fs, plan = types_of(program_2015)["fs"], types_of(program_2015)["plan"]
    assert fs.allowed_kinds == WITH_UNIONS
    assert (fs.rate_numerator, fs.rate_denominator) == (1, 1)
    assert plan.allowed_kinds == ["company", "independent_agency", "association"]
    assert plan.conditional_note == "その他環境大臣が適当と認める者"
    assert (plan.rate_numerator, plan.rate_denominator) == (1, 2)
    for project_type in (fs, plan):
        assert project_type.cap == 10_000_000
        assert project_type.base_amount_kind == "per_case"
        assert project_type.base_amount is None
        assert project_type.base_amount_text == "環境大臣が必要と認めた額"
        assert project_type.amount_rule().base_amount is None


def test_fy2015_rules_reports_and_finder(program_2015):
    fs = types_of(program_2015)["fs"]
    labour = fs.cost_categories.get(expense="人件費")
    assert labour.rules[0]["code"] == "no_regular_staff_labour"
    assert CostCategory.objects.filter(project_type=fs).count() == 10
    gate = fs.review_criteria.first()
    assert (gate.pass_fail, gate.required, gate.weight) == (True, True, 0)
    assert fs.review_criteria.count() == 9
    reports = {r.code: r for r in fs.report_rules.all()}
    assert reports["fs_report"].due_params == {"days": 30, "month": 4, "day": 10, "fiscal_year_offset": 1}
    assert reports["interim"].due_rule == "specified_separately"
    assert reports["annual"].due_params == {"month": 4, "day": 30, "following_years": 3}
    entries = list(program_2015.finder_entries.all())
    assert [e.name for e in entries] == ["エコタウン等高度化モデル事業", "低炭素地域づくり補助金事業"]
    assert entries[0].fits == {
        "model_project": "◎",
        "high_co2_reduction": "○",
        "leads_to_facilities": "△",
        "study_or_plan": "△",
    }
    assert entries[1].program_slug == SLUG_2015


@pytest.mark.parametrize("slug", [SLUG_2019, SLUG_2015])
def test_the_database_holds_exactly_the_shipped_file_with_version_1(slug):
    program = Program.objects.get(slug=slug)
    assert dump_program(program) == validated(seed_data(slug))
    version = ProgramVersion.objects.get(program=program)
    assert version.number == 1 == program.version
    assert version.snapshot == dump_program(program)
    # 0002 could not store the criteria's scales and gates; 0004 completed version 1 with them.
    assert "scale_max" in version.snapshot["project_types"][0]["review_criteria"][0]


def test_the_criteria_migration_can_run_again_without_change():
    migration = importlib.import_module("junkan.programs.migrations.0004_review_criteria_scales")
    before = [dump_program(p) for p in Program.objects.order_by("slug")]
    migration.ship_criteria(apps, SimpleNamespace(connection=connection))
    assert [dump_program(p) for p in Program.objects.order_by("slug")] == before
    assert ProgramVersion.objects.count() == 2


def test_the_criteria_migration_records_a_version_where_the_criteria_change():
    migration = importlib.import_module("junkan.programs.migrations.0004_review_criteria_scales")
    program = Program.objects.get(slug=SLUG_2019)
    # As a database shipped with the older file: one first item, no gate.
    for project_type in program.project_types.all():
        project_type.review_criteria.filter(code="1a").delete()
        project_type.review_criteria.filter(code="1b").update(code="1")
    migration.ship_criteria(apps, SimpleNamespace(connection=connection))
    program.refresh_from_db()
    assert program.version == 2
    version = ProgramVersion.objects.get(program=program, number=2)
    assert version.reason.startswith("審査の観点に評点の範囲")
    assert version.snapshot == dump_program(program) == validated(seed_data(SLUG_2019))


def test_the_data_migration_can_run_again_without_change():
    migration = importlib.import_module("junkan.programs.migrations.0002_ship_seed_programs")
    before = dump_program(Program.objects.get(slug=SLUG_2019))
    counts = (Program.objects.count(), ProjectType.objects.count(), CostCategory.objects.count())
    # The load only needs the connection alias (a real schema editor cannot open inside a test transaction).
    migration.load(apps, SimpleNamespace(connection=connection))
    assert (Program.objects.count(), ProjectType.objects.count(), CostCategory.objects.count()) == counts
    assert dump_program(Program.objects.get(slug=SLUG_2019)) == before
    assert ProgramVersion.objects.count() == 2
