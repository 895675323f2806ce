"""GET /api/v1/programs/{slug}/due-dates: the reports a project owes, from the shipped calls' report rules."""

from __future__ import annotations

import pytest

from junkan.programs.tests.conftest import SLUG_2015, SLUG_2019

pytestmark = pytest.mark.django_db


def url(slug: str, **query: str) -> str:
    return f"/api/v1/programs/{slug}/due-dates?" + "&".join(f"{k}={v}" for k, v in query.items())


def entries(response) -> list[tuple]:
    return [(d["report"], d["fiscal_year"], d["due_on"]) for d in response.json()["due_dates"]]


@pytest.mark.parametrize("project_type", ["1", "2", "3"])
def test_single_year_project_of_seed_002_owes_the_completion_report(client, project_type):
    # Completed 2020-02-20: 30 days after is 2020-03-21, March 10 of FY2019 comes first.
    response = client.get(url(SLUG_2019, project_type=project_type, completed_on="2020-02-20"))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["program"] == SLUG_2019
    assert body["project_type"] == project_type
    assert body["continuing"] is False
    (entry,) = body["due_dates"]
    assert entry == {
        "report": "completion",
        "name": "完了実績報告書（交付規程様式第11（第11条関係））",
        "kind": "completion",
        "fiscal_year": 2019,
        "due_on": "2020-03-10",
        "period_start": None,
        "period_end": None,
        "rule": "補助事業を完了した日から起算して30日を経過した日又は補助事業の完了した年度の3月10日"
        "のいずれか早い日までに協会に提出すること。",
    }


@pytest.mark.parametrize(
    ("completed_on", "due_on", "fiscal_year"),
    [
        ("2019-12-01", "2019-12-31", 2019),  # 30 days first
        ("2020-01-30", "2020-02-29", 2019),  # leap day
        ("2020-02-09", "2020-03-10", 2019),  # both the same day
        ("2020-02-29", "2020-03-10", 2019),  # the last day of the project period
        ("2019-03-31", "2019-03-10", 2018),  # FY2018: March 10 of that fiscal year, as the rule reads
        ("2019-04-01", "2019-05-01", 2019),
    ],
)
def test_completion_report_at_fiscal_and_leap_year_edges(client, completed_on, due_on, fiscal_year):
    response = client.get(url(SLUG_2019, project_type="1", completed_on=completed_on))
    assert entries(response) == [("completion", fiscal_year, due_on)]


def test_continuing_project_of_seed_002_also_owes_the_continuation_plan(client):
    response = client.get(url(SLUG_2019, project_type="1", completed_on="2019-12-20", continuing="true"))
    assert entries(response) == [
        ("completion", 2019, "2020-01-19"),
        ("continuation_plan", None, "2020-02-28"),
    ]
    assert (
        response.json()["due_dates"][1]["rule"] == "2020年（令和2年）2月28日（金）までに協会に提出すること。"
    )


@pytest.mark.parametrize(
    ("project_type", "study_report"),
    [("fs", "fs_report"), ("plan", "plan_report")],
)
def test_seed_003_owes_the_study_report_and_four_business_reports(client, project_type, study_report):
    # Completed 2016-03-20 (FY2015): 30 days after is 2016-04-19, April 10 of FY2016 comes first.
    # The F/S (or plan) counts as made on completion: business reports for FY2015 and the three after.
    response = client.get(url(SLUG_2015, project_type=project_type, completed_on="2016-03-20"))
    assert response.status_code == 200, response.content
    assert entries(response) == [
        (study_report, 2015, "2016-04-10"),
        ("annual", 2015, "2016-04-30"),
        ("annual", 2016, "2017-04-30"),
        ("annual", 2017, "2018-04-30"),
        ("annual", 2018, "2019-04-30"),
    ]
    annual = response.json()["due_dates"][1:]
    assert [(a["period_start"], a["period_end"]) for a in annual] == [
        ("2016-03-20", "2016-03-31"),
        ("2016-04-01", "2017-03-31"),
        ("2017-04-01", "2018-03-31"),
        ("2018-04-01", "2019-03-31"),
    ]
    assert all(a["rule"].endswith("当該年度の翌年度の4月30日までに提出するものとする。") for a in annual)
    assert annual[0]["name"] == "事業報告書"


def test_seed_003_plan_date_moves_the_business_reports(client):
    response = client.get(
        url(SLUG_2015, project_type="fs", completed_on="2016-03-20", plan_made_on="2016-04-01")
    )
    assert entries(response)[0] == ("fs_report", 2015, "2016-04-10")
    assert [e[1] for e in entries(response)[1:]] == [2016, 2017, 2018, 2019]
    assert response.json()["plan_made_on"] == "2016-04-01"


def test_interim_report_of_a_continuing_project_has_no_date(client):
    response = client.get(url(SLUG_2015, project_type="fs", completed_on="2016-02-15", continuing="1"))
    interim = [d for d in response.json()["due_dates"] if d["report"] == "interim"]
    assert interim == [
        {
            "report": "interim",
            "name": "中間報告書",
            "kind": "interim",
            "fiscal_year": None,
            "due_on": None,
            "period_start": None,
            "period_end": None,
            "rule": "別途示す様式により環境省が別途指定する日までに提出し、継続の審査を受けることとする。",
        }
    ]


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        (
            {"project_type": "1"},
            "completed_on",
            "補助事業の完了日（completed_on）を「2020-02-20」の形式で指定",
        ),
        ({"project_type": "1", "completed_on": "2020-02-30"}, "completed_on", "日付として読み取れません"),
        ({"project_type": "1", "completed_on": "20200220"}, "completed_on", "日付として読み取れません"),
        ({"project_type": "1", "completed_on": "令和2年2月20日"}, "completed_on", "「2020-02-20」の形式"),
        ({"completed_on": "2020-02-20"}, "project_type", "事業区分（project_type）を指定してください。"),
        (
            {"project_type": "1", "completed_on": "2020-02-20", "plan_made_on": "2020/02/01"},
            "plan_made_on",
            "策定日（plan_made_on）「2020/02/01」は日付として読み取れません",
        ),
        (
            {"project_type": "1", "completed_on": "2020-02-20", "continuing": "maybe"},
            "continuing",
            "true か false で指定してください",
        ),
        (
            {"project_type": "3", "completed_on": "2020-02-20", "continuing": "true"},
            "continuing",
            "単年度事業のみ",
        ),
    ],
)
def test_bad_queries_get_400_in_japanese(client, query, field, message):
    response = client.get(f"/api/v1/programs/{SLUG_2019}/due-dates", query)
    assert response.status_code == 400, response.content
    body = response.json()
    assert message in body["detail"], body
    assert field in [e["field"] for e in body["errors"]]


def test_unknown_type_is_404(client):
    response = client.get(url(SLUG_2019, project_type="fs", completed_on="2020-02-20"))
    assert response.status_code == 404
    assert response.json()["detail"] == (
        f"公募「{SLUG_2019}」に事業区分「fs」はありません。次のいずれかを指定してください：1、2、3"
    )


def test_unknown_and_unpublished_calls_are_404(client_as, make_program, outsider, staff):
    make_program("hidden-call", published=False)
    for user in (None, outsider):
        for slug in ("hidden-call", "nope"):
            response = client_as(user).get(url(slug, project_type="1", completed_on="2020-02-20"))
            assert response.status_code == 404
            assert response.json()["detail"].startswith("公募「")
    response = client_as(staff).get(url("hidden-call", project_type="1", completed_on="2020-02-20"))
    assert response.status_code == 200


def test_queries_do_not_grow_with_reports(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = client.get(url(SLUG_2015, project_type="fs", completed_on="2016-02-15", continuing="true"))
    assert len(response.json()["due_dates"]) == 6


def test_due_dates_are_in_the_openapi_document(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/programs/{slug}/due-dates"]["get"]
    assert {"200", "400", "404"} <= set(operation["responses"])
    properties = schema["components"]["schemas"]["DueDateOut"]["properties"]
    assert {"report", "fiscal_year", "due_on", "rule"} <= set(properties)
