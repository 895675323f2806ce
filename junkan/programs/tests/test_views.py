"""The public call pages as anonymous visitors, members of organizations, outsiders and the secretariat."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone as django_timezone

from junkan.programs import presentation
from junkan.programs.models import Program, ProgramAttachment, ProgramStatus
from junkan.programs.tests.conftest import SLUG_2015, SLUG_2019

pytestmark = pytest.mark.django_db
JST = timezone(timedelta(hours=9))
PEOPLE = ["anonymous", "owner", "member", "outsider", "staff"]


@pytest.fixture
def people(owner, member, outsider, staff, organization):
    return {"anonymous": None, "owner": owner, "member": member, "outsider": outsider, "staff": staff}


def body_of(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize("who", PEOPLE)
def test_the_list_is_public_and_shows_both_seed_calls(client_as, people, who):
    response = client_as(people[who]).get(reverse("programs:list"))
    assert response.status_code == 200
    body = body_of(response)
    assert "地域の多様な課題に応える脱炭素型地域づくりモデル形成事業" in body
    assert "エコタウン等における資源循環社会と共生した低炭素地域づくり補助金事業" in body
    assert "令和元年(2019年)6月21日（金）17時00分必着" in body
    assert "受付終了" in body


@pytest.mark.parametrize(
    ("who", "sees"), [("anonymous", False), ("outsider", False), ("owner", False), ("staff", True)]
)
def test_unpublished_calls_are_listed_for_the_secretariat_only(client_as, people, make_program, who, sees):
    make_program("draft-call", published=False)
    body = body_of(client_as(people[who]).get(reverse("programs:list")))
    assert ("テスト公募 draft-call" in body) is sees
    assert ("非公開" in body) is sees


def test_open_upcoming_and_closed_calls_in_that_order(client_as, make_program):
    now = django_timezone.now()
    make_program("later-call", opens=now + timedelta(days=5), closes=now + timedelta(days=40))
    make_program("open-call", closes=now + timedelta(days=10))
    body = body_of(client_as(None).get(reverse("programs:list")))
    positions = [
        body.index(text)
        for text in (
            "受付中</h2>",
            "テスト公募 open-call",
            "受付予定</h2>",
            "テスト公募 later-call",
            "受付終了</h2>",
        )
    ]
    assert positions == sorted(positions)
    assert "締切まであと10日" in body
    assert "受付開始まであと5日" in body


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "open"}, {"open-call"}),
        ({"status": "upcoming"}, {"later-call"}),
        ({"status": "closed"}, {SLUG_2019, SLUG_2015}),
        ({"fiscal_year": "2015"}, {SLUG_2015}),
        ({"applicant_kind": "company"}, {SLUG_2015}),  # 事業化計画: 民間企業
        ({"applicant_kind": "npo"}, {SLUG_2015}),  # その他環境大臣が適当と認める者
        ({"applicant_kind": "wide_area_union"}, {SLUG_2019, SLUG_2015, "open-call", "later-call"}),
        ({"theme": "eco-town"}, {SLUG_2015}),
        ({"theme": "consensus-building", "status": "closed"}, {SLUG_2019}),
        (
            {"status": "someday"},
            {SLUG_2019, SLUG_2015, "open-call", "later-call"},
        ),  # an unknown value is ignored
    ],
)
def test_filters(client_as, make_program, query, expected):
    now = django_timezone.now()
    make_program("open-call", closes=now + timedelta(days=10))
    make_program("later-call", opens=now + timedelta(days=5), closes=now + timedelta(days=40))
    response = client_as(None).get(reverse("programs:list"), query)
    assert {row["program"].slug for row in response.context["rows"]} == expected


def test_list_query_count_does_not_grow_with_calls(client_as, make_program, django_assert_max_num_queries):
    client = client_as(None)
    with django_assert_max_num_queries(6):
        assert client.get(reverse("programs:list")).status_code == 200
    for number in range(10):
        make_program(f"call-{number}")
    with django_assert_max_num_queries(6):
        response = client.get(reverse("programs:list"), {"theme": "decarbonisation"})
    assert len(response.context["rows"]) == 12


def test_pages_keep_the_filters(client_as, make_program, monkeypatch):
    monkeypatch.setattr("junkan.programs.views.PROGRAMS_PER_PAGE", 2)
    for number in range(3):
        make_program(f"call-{number}")
    body = body_of(client_as(None).get(reverse("programs:list"), {"status": "open"}))
    assert "?status=open&amp;page=2" in body
    second = client_as(None).get(reverse("programs:list"), {"status": "open", "page": 2})
    assert len(second.context["rows"]) == 1


@pytest.mark.parametrize("who", PEOPLE)
def test_detail_renders_the_rules_readably(client_as, people, who):
    response = client_as(people[who]).get(reverse("programs:detail", args=[SLUG_2019]))
    assert response.status_code == 200
    body = body_of(response)
    assert "令和元年(2019年)5月20日（月）0時00分から令和元年(2019年)6月21日（金）17時00分まで（必着）" in body
    assert "受付は終了しました" in body
    assert "③住民参加型協議会の運営及び情報発信を行う事業" in body
    assert "3,000,000円" in body and "10,000,000円" in body
    assert "定額" in body
    assert "都道府県、市町村、特別区" in body
    assert "1点50,000円以上の物品は計上できません。" in body
    assert "地方公共団体の職員の旅費は計上できません。" in body
    assert "公募要領 2.③(2)ウ" in body
    assert "令和2年(2020年)2月29日" in body
    assert "chiikizukuri31@lcspace.jp" in body
    assert ("管理画面で編集する" in body) is (who == "staff")


def test_detail_of_the_2015_call(client_as):
    body = body_of(client_as(None).get(reverse("programs:detail", args=[SLUG_2015])))
    assert "2分の1" in body
    assert "環境大臣が必要と認めた額" in body
    assert "NPO法人" in body and "その他環境大臣が適当と認める者" in body
    assert "地方公共団体が事業を実施する場合、常勤職員の人件費は計上できません。" in body
    assert "当該年度の翌年度の4月30日までに提出" in body
    assert "平成27年(2015年)6月29日（月）17時00分" in body
    assert reverse("programs:finder") in body


def test_an_open_call_shows_the_countdown(client_as, make_program):
    make_program("open-call", closes=django_timezone.now() + timedelta(days=10))
    body = body_of(client_as(None).get(reverse("programs:detail", args=["open-call"])))
    assert "締切まであと10日" in body
    assert "受付中" in body


@pytest.mark.parametrize("name", ["programs:detail", "programs:check", "programs:estimate"])
@pytest.mark.parametrize(
    ("who", "status"), [("anonymous", 404), ("owner", 404), ("outsider", 404), ("staff", 200)]
)
def test_unpublished_calls_are_404_except_for_the_secretariat(
    client_as, people, make_program, name, who, status
):
    make_program("draft-call", published=False)
    assert client_as(people[who]).get(reverse(name, args=["draft-call"])).status_code == status


def test_unknown_call_is_404(client_as):
    assert client_as(None).get(reverse("programs:detail", args=["nope"])).status_code == 404


def test_attachments_download_only_where_the_call_is_visible(
    client_as, make_program, staff, settings, tmp_path
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.MEDIA_ROOT = tmp_path
    program = Program.objects.get(slug=SLUG_2019)
    attachment = ProgramAttachment(program=program, title="公募要領")
    attachment.file.save("koubo.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    assert len(attachment.sha256) == 64
    url = reverse("programs:attachment", args=[SLUG_2019, attachment.pk])
    assert reverse("programs:attachment", args=[SLUG_2019, attachment.pk]) in body_of(
        client_as(None).get(reverse("programs:detail", args=[SLUG_2019]))
    )
    response = client_as(None).get(url)
    assert response.status_code == 200
    # Reading the whole stream closes the file (the test client closes the response after the last chunk).
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    hidden = make_program("draft-call", published=False)
    secret = ProgramAttachment(program=hidden, title="案")
    secret.file.save("draft.pdf", ContentFile(b"draft"), save=True)
    assert (
        client_as(None).get(reverse("programs:attachment", args=["draft-call", secret.pk])).status_code == 404
    )
    response = client_as(staff).get(reverse("programs:attachment", args=["draft-call", secret.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"draft"
    # An attachment id of another call is not found under this one.
    assert (
        client_as(None).get(reverse("programs:attachment", args=[SLUG_2015, attachment.pk])).status_code
        == 404
    )


# --- 応募できるか確認 ------------------------------------------------------------------------------


def test_the_questionnaire_starts_empty(client_as):
    response = client_as(None).get(reverse("programs:check", args=[SLUG_2019]), {"type": "3"})
    assert response.status_code == 200
    assert response.context["result"] is None
    assert 'value="3" id="id_project_type_2" checked' in body_of(response) or "checked" in body_of(response)
    assert "入力内容を確認してください" not in body_of(response)


def test_a_prefecture_alone_for_type_3_is_told_why_with_the_section(client_as):
    query = {
        "project_type": "3",
        "applicant_kind": "prefecture",
        "other_national_subsidy": "no",
        "planned_costs": ["no_local_government_staff_travel:旅費"],
    }
    response = client_as(None).get(reverse("programs:check", args=[SLUG_2019]), query)
    result = response.context["result"]
    assert [v.code for v in result.violations] == [
        "prefecture_joint_with_municipality",
        "within_call_period",
        "no_local_government_staff_travel",
    ]
    body = body_of(response)
    assert "このままでは応募できません" in body
    assert "根拠：公募要領 2.③(2)ウ" in body
    assert "応募の締切（令和元年6月21日17時00分必着）を過ぎています。" in body
    assert "「地方公共団体の職員の旅費（旅費）」" in body and "行目" not in body
    assert "同一の地方公共団体の代表申請は1件まで" in body  # checked when applying


def test_an_eligible_answer_for_an_open_call(client_as, make_program):
    make_program("open-call")
    query = {
        "project_type": "3",
        "applicant_kind": "prefecture",
        "co_applicant_kinds": ["municipality"],
        "other_national_subsidy": "no",
    }
    response = client_as(None).get(reverse("programs:check", args=["open-call"]), query)
    assert response.context["result"].eligible
    assert "応募できます" in body_of(response)


def test_planned_costs_come_from_the_call_data(client_as):
    form = client_as(None).get(reverse("programs:check", args=[SLUG_2015])).context["form"]
    assert dict(form.fields["planned_costs"].choices) == {
        "no_regular_staff_labour:人件費": "地方公共団体の常勤職員の人件費（人件費）",
        "unit_price_below:消耗品費": "1点50,000円以上の物品（消耗品費）",
        "requires_approval:その他必要な経費": "その他必要な経費",
    }
    query = {
        "project_type": "plan",
        "applicant_kind": "npo",
        "other_national_subsidy": "yes",
        "planned_costs": ["unit_price_below:消耗品費", "requires_approval:その他必要な経費"],
    }
    result = client_as(None).get(reverse("programs:check", args=[SLUG_2015]), query).context["result"]
    assert [v.code for v in result.violations] == [
        "within_call_period",
        "no_other_national_subsidy",
        "unit_price_below",
    ]
    assert [n.code for n in result.notices] == ["applicant_kind", "requires_approval"]


def test_missing_answers_keep_what_was_typed(client_as):
    response = client_as(None).get(
        reverse("programs:check", args=[SLUG_2019]), {"project_type": "2", "other_national_subsidy": "no"}
    )
    assert response.context["result"] is None
    body = body_of(response)
    assert "入力内容を確認してください" in body
    assert 'value="2"' in body


# --- 補助金の額を試算 --------------------------------------------------------------------------------


def test_estimate_as_officers_type_amounts(client_as):
    query = {"project_type": "1", "total_cost": "1,200万円", "eligible_cost": "11,500千円"}
    response = client_as(None).get(reverse("programs:estimate", args=[SLUG_2019]), query)
    result = response.context["result"]
    assert (result.net_cost, result.selected_amount, result.subsidy) == (12_000_000, 10_000_000, 10_000_000)
    body = body_of(response)
    assert "補助金の額：10,000,000円" in body
    assert "選定額（(4)と(5)を比較して少ない方の額）" in body


def test_estimate_errors_are_shown_on_the_field(client_as):
    query = {"project_type": "1", "total_cost": "100万円", "eligible_cost": "200万円"}
    response = client_as(None).get(reverse("programs:estimate", args=[SLUG_2019]), query)
    assert response.context["result"] is None
    form = response.context["form"]
    assert form.errors["eligible_cost"] == ["(4)補助対象経費支出予定額が(1)総事業費を超えています。"]
    assert 'value="200万円"' in body_of(response)


def test_estimate_with_a_per_case_base_amount(client_as):
    query = {
        "project_type": "fs",
        "total_cost": "9000000",
        "eligible_cost": "8000000",
        "base_amount": "500万円",
    }
    result = client_as(None).get(reverse("programs:estimate", args=[SLUG_2015]), query).context["result"]
    assert result.subsidy == 5_000_000


def test_estimate_refuses_typed_nonsense(client_as):
    query = {"project_type": "fs", "total_cost": "たくさん", "eligible_cost": "1"}
    response = client_as(None).get(reverse("programs:estimate", args=[SLUG_2015]), query)
    assert response.context["result"] is None
    assert "金額は数字で入力してください" in body_of(response)


# --- finder ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["anonymous", "outsider", "staff"])
def test_the_finder_shows_the_table_of_seed_003(client_as, people, who):
    response = client_as(people[who]).get(reverse("programs:finder"))
    assert response.status_code == 200
    body = body_of(response)
    assert "エコタウン等高度化モデル事業" in body
    assert "採択予定件数：3件程度" in body
    assert "おすすめ" not in body


def test_the_finder_suggests_for_the_natures_ticked(client_as):
    response = client_as(None).get(reverse("programs:finder"), {"run": "1", "natures": ["model_project"]})
    (table,) = response.context["tables"]
    assert table["ranked"][0]["entry"].name == "エコタウン等高度化モデル事業"
    assert table["ranked"][0]["suggestion"].best
    response = client_as(None).get(
        reverse("programs:finder"), {"run": "1", "natures": ["study_or_plan", "leads_to_facilities"]}
    )
    (table,) = response.context["tables"]
    first = table["ranked"][0]
    assert first["entry"].name == "低炭素地域づくり補助金事業"
    body = body_of(response)
    assert "おすすめ" in body
    assert reverse("programs:detail", args=[SLUG_2015]) in body


def test_the_finder_asks_for_a_nature(client_as):
    response = client_as(None).get(reverse("programs:finder"), {"run": "1"})
    assert "事業の性質を1つ以上選んでください。" in body_of(response)


def test_the_finder_hides_tables_of_unpublished_calls(client_as, program_2015, staff):
    Program.objects.filter(pk=program_2015.pk).update(published=False)
    assert client_as(None).get(reverse("programs:finder")).context["tables"] == []
    assert len(client_as(staff).get(reverse("programs:finder")).context["tables"]) == 1


# --- presentation ----------------------------------------------------------------------------------


def test_timing_in_japan_days(program_2019):
    program = program_2019
    assert presentation.timing(program, datetime(2019, 6, 11, 9, 0, tzinfo=JST)).text == "締切まであと10日"
    assert presentation.timing(program, datetime(2019, 6, 20, 23, 59, tzinfo=JST)).text == "締切まであと1日"
    today = presentation.timing(program, datetime(2019, 6, 21, 0, 1, tzinfo=JST))
    assert (today.status, today.days, today.text) == (ProgramStatus.OPEN, 0, "本日締切")
    early = presentation.timing(program, datetime(2019, 5, 15, 12, 0, tzinfo=JST))
    assert (early.status, early.days, early.text) == (ProgramStatus.UPCOMING, 5, "受付開始まであと5日")
    assert (
        presentation.timing(program, datetime(2019, 5, 19, 23, 0, tzinfo=JST)).text == "受付開始まであと1日"
    )
    # Opening at midnight: the moment before is the same Japan day only for calls opening later in the day.
    program.opens_at = datetime(2019, 5, 20, 10, 0, tzinfo=JST)
    assert presentation.timing(program, datetime(2019, 5, 20, 9, 0, tzinfo=JST)).text == "本日受付開始"
    closed = presentation.timing(program, datetime(2019, 6, 21, 17, 0, 1, tzinfo=JST))
    assert (closed.status, closed.days, closed.text) == (ProgramStatus.CLOSED, None, "受付は終了しました")


def test_moment_text_and_kind_labels():
    assert (
        presentation.moment_text(datetime(2019, 6, 21, 8, 0, tzinfo=UTC))
        == "令和元年(2019年)6月21日（金）17時00分"
    )
    assert presentation.kind_labels(["prefecture", "npo", "mystery"]) == "都道府県、NPO法人、mystery"
