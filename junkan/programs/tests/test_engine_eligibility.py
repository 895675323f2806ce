"""Every eligibility rule of the seeds, passing and failing, and how the rules are run."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from junkan.programs.engine.eligibility import (
    LOCAL_GOVERNMENT_KINDS,
    RULES,
    CostLine,
    Facts,
    Party,
    applicant_kind,
    check_rule_data,
    eligible_categories,
    evaluate,
    format_deadline,
    joint_application,
    kinds_text,
    no_local_government_staff_travel,
    no_other_national_subsidy,
    no_regular_staff_labour,
    normalize_category,
    one_lead_per_local_government,
    prefecture_joint_with_municipality,
    representative_local_government,
    requires_approval,
    unit_price_below,
    within_call_period,
)

JST = timezone(timedelta(hours=9))
REF = {"reference": "公募要領 2.③(2)ウ"}
PREFECTURE = Party("prefecture", "130001")
CITY = Party("municipality", "132012")
COMPANY = Party("company")


def facts(applicant=CITY, co=(), lines=(), **kwargs) -> Facts:
    return Facts(applicant=applicant, co_applicants=tuple(co), cost_lines=tuple(lines), **kwargs)


# --- who applies -----------------------------------------------------------------------------------


def test_applicant_kind_allows_the_listed_kinds():
    params = {**REF, "kinds": ["prefecture", "municipality", "special_ward"]}
    assert applicant_kind(facts(CITY), params) is None


def test_applicant_kind_refuses_others_and_lists_who_may_apply():
    params = {"reference": "公募要領 2.①(2)ウ", "kinds": ["prefecture", "municipality", "special_ward"]}
    violation = applicant_kind(facts(Party("municipal_union")), params)
    assert violation is not None
    assert (
        violation.message
        == "一部事務組合はこの事業に応募できません。応募できるのは都道府県、市町村、特別区です。"
    )
    assert violation.reference == "公募要領 2.①(2)ウ"
    assert violation.severity == "error"


def test_applicant_kind_gives_a_notice_for_kinds_the_minister_may_accept():
    params = {
        "reference": "公募要領 4.(2)イ",
        "kinds": ["company", "independent_agency", "association"],
        "conditional_kinds": ["npo"],
        "conditional_note": "その他環境大臣が適当と認める者",
    }
    violation = applicant_kind(facts(Party("npo")), params)
    assert violation is not None and violation.severity == "notice"
    assert (
        "NPO法人は「その他環境大臣が適当と認める者」として認められた場合に限り応募できます"
        in violation.message
    )


def test_conditional_kinds_without_a_note_get_a_generic_one():
    violation = applicant_kind(facts(Party("npo")), {**REF, "kinds": [], "conditional_kinds": ["npo"]})
    assert violation is not None and "「その他適当と認める者」" in violation.message


def test_representative_must_be_a_local_government():
    assert representative_local_government(facts(PREFECTURE), REF) is None
    violation = representative_local_government(facts(COMPANY), REF)
    assert violation is not None
    assert violation.message.startswith(
        "代表申請者は地方公共団体（都道府県、市町村、特別区、一部事務組合、広域連合）"
    )
    narrower = representative_local_government(
        facts(Party("wide_area_union")), {**REF, "kinds": ["municipality"]}
    )
    assert narrower is not None and "（市町村）" in narrower.message


def test_joint_application_allowed_or_not():
    assert joint_application(facts(CITY), {**REF, "allowed": False}) is None  # alone: nothing to check
    assert joint_application(facts(CITY, co=[PREFECTURE]), {**REF, "allowed": True}) is None
    refused = joint_application(facts(CITY, co=[PREFECTURE]), {**REF, "allowed": False})
    assert refused is not None and refused.message == "この事業は共同申請できません。単独で応募してください。"


def test_joint_application_co_applicant_kinds():
    params = {**REF, "co_applicant_kinds": ["municipality", "special_ward"]}
    assert joint_application(facts(PREFECTURE, co=[CITY]), params) is None
    violation = joint_application(facts(PREFECTURE, co=[COMPANY, COMPANY, CITY]), params)
    assert violation is not None
    assert (
        violation.message == "共同申請者に民間企業は加われません。共同申請者になれるのは市町村、特別区です。"
    )


@pytest.mark.parametrize("partner", ["municipality", "special_ward", "municipal_union", "wide_area_union"])
def test_a_prefecture_applies_jointly_with_a_municipality_special_ward_or_union(partner):
    assert prefecture_joint_with_municipality(facts(PREFECTURE, co=[Party(partner)]), REF) is None


@pytest.mark.parametrize("co", [[], [Party("prefecture")], [COMPANY]])
def test_a_prefecture_alone_or_with_others_only_cannot_apply_for_type_3(co):
    violation = prefecture_joint_with_municipality(facts(PREFECTURE, co=co), REF)
    assert violation is not None
    assert violation.message == (
        "都道府県が応募する場合は、関連する市町村、特別区、一部事務組合、広域連合と共同で申請してください。"
    )
    assert violation.reference == "公募要領 2.③(2)ウ"


def test_the_prefecture_rule_does_not_concern_municipalities():
    assert prefecture_joint_with_municipality(facts(CITY), REF) is None


def test_one_lead_per_local_government():
    params = {**REF, "max_leads": 1}
    assert one_lead_per_local_government(facts(CITY, other_leads=0), params) is None
    violation = one_lead_per_local_government(facts(CITY, other_leads=1), params)
    assert violation is not None
    assert violation.message.startswith("同一の地方公共団体が代表申請者として応募できるのは1件までで")
    assert "共同申請者として他の応募に加わることはできます" in violation.message
    assert one_lead_per_local_government(facts(CITY, other_leads=None), params) is None
    assert one_lead_per_local_government(facts(CITY, other_leads=1), {**REF, "max_leads": 2}) is None


# --- costs -----------------------------------------------------------------------------------------

CATEGORIES = {
    "reference": "公募要領 4.(2)、別表第2",
    "categories": ["旅費", "業務費/旅費", "消耗品費", "業務費/消耗品費"],
}


def test_cost_lines_in_the_eligible_categories_pass():
    lines = [CostLine("旅費", 10_000), CostLine("業務費/消耗品費", 3_000), CostLine(" 消耗品費 ", 1)]
    assert eligible_categories(facts(lines=lines), CATEGORIES) is None


def test_cost_lines_outside_the_categories_are_listed():
    lines = [
        CostLine("旅費", 1),
        CostLine("備品購入費", 300_000, description="測定器"),
        CostLine("人件費", 1),
    ]
    violation = eligible_categories(facts(lines=lines), CATEGORIES)
    assert violation is not None
    assert violation.lines == (1, 2)
    assert violation.message == (
        "補助対象経費の区分にない経費があります：「測定器」（2行目、備品購入費）、「人件費」（3行目、人件費）。"
        "計上できるのは旅費、消耗品費です。"
    )


def test_normalize_category_ignores_width_and_spaces():
    assert normalize_category("業務費／消耗品費") == normalize_category(" 業務費/消耗品費")


CONSUMABLES = {"category": "消耗品費", "threshold": 50_000, "reference": "別表第2（消耗品費）"}


@pytest.mark.parametrize(
    ("line", "ok"),
    [
        (CostLine("消耗品費", 49_999, unit_price=49_999), True),
        (CostLine("消耗品費", 50_000, unit_price=50_000), False),
        (CostLine("消耗品費", 60_000, unit_price=60_000), False),
        (CostLine("消耗品費", 120_000, unit_price=40_000, quantity=3), True),  # 3 items of 40,000
        (CostLine("消耗品費", 150_000, quantity=3), False),  # no unit price: 50,000 each
        (CostLine("消耗品費", 60_000, quantity=0), False),  # no sensible quantity: the amount counts
        (CostLine("委託料", 900_000, unit_price=900_000), True),  # another category
    ],
)
def test_consumables_of_50000_yen_or_more_per_item_are_not_eligible(line, ok):
    violation = unit_price_below(facts(lines=[line]), CONSUMABLES)
    assert (violation is None) is ok
    if violation is not None:
        assert violation.message.startswith("消耗品費に1点50,000円以上の物品は計上できません：")
        assert "単価" in violation.message
        assert violation.lines == (0,)


def test_questionnaire_lines_are_not_numbered():
    line = CostLine(
        "消耗品費", 50_000, unit_price=50_000, description="1点50,000円以上の物品", numbered=False
    )
    violation = unit_price_below(facts(lines=[line]), CONSUMABLES)
    assert violation is not None
    assert "「1点50,000円以上の物品」（単価50,000円）" in violation.message
    assert "行目" not in violation.message


TRAVEL = {"category": "旅費", "reference": "公募要領 4.(2)エ、別表第2（旅費）"}


def test_travel_of_local_government_staff_is_not_eligible():
    assert no_local_government_staff_travel(facts(lines=[CostLine("旅費", 30_000)]), TRAVEL) is None
    staff = CostLine("旅費", 30_000, description="市職員の出張", for_local_government_staff=True)
    violation = no_local_government_staff_travel(facts(lines=[CostLine("旅費", 1), staff]), TRAVEL)
    assert violation is not None
    assert (
        violation.message
        == "地方公共団体の職員の移動に必要な旅費は補助対象外です：「市職員の出張」（2行目）。"
    )
    assert violation.lines == (1,)
    # The flag on a line of another category is not this rule's business.
    other = CostLine("諸謝金", 1, for_local_government_staff=True)
    assert no_local_government_staff_travel(facts(lines=[other]), TRAVEL) is None


LABOUR = {"category": "人件費", "reference": "別表第2（人件費）"}


def test_regular_staff_labour_of_a_local_government_is_not_eligible():
    regular = CostLine("人件費", 400_000, description="環境課職員", regular_staff=True)
    violation = no_regular_staff_labour(facts(CITY, lines=[regular]), LABOUR)
    assert violation is not None
    assert violation.message == (
        "地方公共団体が事業を実施する場合、常勤職員の人件費は補助対象外です：「環境課職員」（1行目）。"
    )
    assert no_regular_staff_labour(facts(CITY, lines=[CostLine("人件費", 1)]), LABOUR) is None


def test_a_company_may_claim_its_regular_staff():
    regular = CostLine("人件費", 400_000, regular_staff=True)
    assert no_regular_staff_labour(facts(COMPANY, lines=[regular]), LABOUR) is None


def test_costs_that_need_approval_give_a_notice():
    params = {"category": "その他必要な経費", "approver": "協会", "reference": "別表第2"}
    assert requires_approval(facts(lines=[CostLine("旅費", 1)]), params) is None
    notice = requires_approval(facts(lines=[CostLine("その他必要な経費", 1)]), params)
    assert notice is not None and notice.severity == "notice"
    assert notice.message.startswith("その他必要な経費は協会が承認した経費に限り補助対象になります")


# --- submission ------------------------------------------------------------------------------------

PERIOD = {
    "reference": "公募要領 5.(5)",
    "opens_at": datetime(2019, 5, 20, 0, 0, tzinfo=JST),
    "closes_at": datetime(2019, 6, 21, 17, 0, tzinfo=JST),
}


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2019, 5, 20, 0, 0, tzinfo=JST),
        datetime(2019, 6, 21, 16, 59, 59, tzinfo=JST),
        datetime(2019, 6, 21, 17, 0, tzinfo=JST),  # the deadline minute itself is in time
        datetime(2019, 6, 21, 7, 59, tzinfo=UTC),  # 16:59 in Japan
    ],
)
def test_submissions_inside_the_call_period_pass(moment):
    assert within_call_period(facts(submitted_at=moment), PERIOD) is None


def test_late_submissions_cite_the_deadline():
    violation = within_call_period(facts(submitted_at=datetime(2019, 6, 21, 17, 0, 1, tzinfo=JST)), PERIOD)
    assert violation is not None
    assert violation.message == "応募の締切（令和元年6月21日17時00分必着）を過ぎています。"
    assert violation.reference == "公募要領 5.(5)"


def test_early_submissions_say_when_the_call_opens():
    violation = within_call_period(facts(submitted_at=datetime(2019, 5, 19, 23, 59, tzinfo=JST)), PERIOD)
    assert violation is not None
    assert violation.message == "公募期間の前です。応募は令和元年5月20日0時00分から受け付けます。"


def test_a_naive_submission_time_is_a_programming_error():
    with pytest.raises(ValueError, match="aware"):
        within_call_period(facts(submitted_at=datetime(2019, 6, 1)), PERIOD)


def test_no_other_national_subsidy():
    params = {"reference": "公募要領 2.①(1)ウ"}
    assert no_other_national_subsidy(facts(other_national_subsidy=False), params) is None
    assert no_other_national_subsidy(facts(other_national_subsidy=None), params) is None
    violation = no_other_national_subsidy(facts(other_national_subsidy=True), params)
    assert violation is not None
    assert violation.message == "この事業について国からの他の補助金等を受ける場合は、応募できません。"


# --- running the rules -----------------------------------------------------------------------------


def test_evaluate_separates_violations_notices_and_skipped_rules():
    calls = [
        ("applicant_kind", {**REF, "kinds": ["municipality"]}),
        ("prefecture_joint_with_municipality", REF),
        ("one_lead_per_local_government", REF),
        ("within_call_period", PERIOD),
        ("requires_approval", {"category": "その他必要な経費", "approver": "協会", "reference": "別表第2"}),
        ("no_other_national_subsidy", REF),
    ]
    result = evaluate(
        facts(PREFECTURE, lines=[CostLine("その他必要な経費", 1)], other_national_subsidy=False), calls
    )
    assert result.eligible is False
    assert [v.code for v in result.violations] == ["applicant_kind", "prefecture_joint_with_municipality"]
    assert [v.code for v in result.notices] == ["requires_approval"]
    assert result.skipped == ("one_lead_per_local_government", "within_call_period")
    assert "no_other_national_subsidy" in result.checked


def test_notices_alone_keep_an_application_eligible():
    calls = [
        ("requires_approval", {"category": "その他必要な経費", "approver": "協会", "reference": "別表第2"})
    ]
    result = evaluate(facts(lines=[CostLine("その他必要な経費", 1)]), calls)
    assert result.eligible is True
    assert len(result.notices) == 1


def test_rule_data_is_checked():
    assert check_rule_data("unit_price_below", {"threshold": 50000, "reference": "x"}, "category") == []
    assert check_rule_data("nope", {}, "type")[0].startswith("規則「nope」はありません。")
    assert check_rule_data("unit_price_below", {"threshold": 1, "reference": "x"}, "type") == [
        "規則「unit_price_below」は経費区分に設定する規則です。"
    ]
    assert check_rule_data("applicant_kind", {"reference": "x"}, "category") == [
        "規則「applicant_kind」は事業区分に設定する規則です。"
    ]
    assert check_rule_data("unit_price_below", {"reference": "x", "colour": 1}, "category") == [
        "規則「unit_price_below」にはパラメータ「threshold」が必要です。",
        "規則「unit_price_below」にパラメータ「colour」はありません。",
    ]


def test_every_rule_needs_a_reference_and_has_a_title():
    for code, spec in RULES.items():
        assert spec.code == code
        assert "reference" in spec.required
        assert spec.title


def test_helpers():
    assert kinds_text(LOCAL_GOVERNMENT_KINDS) == "都道府県、市町村、特別区、一部事務組合、広域連合"
    assert kinds_text(["unknown"]) == "unknown"
    assert format_deadline(datetime(2015, 6, 29, 8, 0, tzinfo=UTC)) == "平成27年6月29日17時00分"
