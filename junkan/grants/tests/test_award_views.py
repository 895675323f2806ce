"""The award pages as each person sees them: owner, member, co-applicant, outsider, anonymous, staff."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from junkan.audit.models import AuditEntry
from junkan.grants.models import Contract, PlanChange, PlanChangeStatus, PlanVersion, Project, ProjectStatus
from junkan.grants.services import changes as change_services
from junkan.grants.tests.test_award_services import make_application, submit_snapshot
from junkan.grants.tests.test_changes import SECTIONS, with_plan

pytestmark = pytest.mark.django_db

VIEWERS = ["owner", "member", "co_member", "staff"]


def url(name: str, project: Any, *args: Any) -> str:
    return reverse(f"grants:{name}", args=[project.public_id, *args])


def person(request: Any, who: str) -> Any:
    return None if who == "anonymous" else request.getfixturevalue(who)


def texts(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_url_names(project):
    pid = project.public_id
    assert reverse("grants:plan", args=[pid]) == f"/grants/p/{pid}/plan/"
    assert reverse("grants:grant_application", args=[pid]) == f"/grants/p/{pid}/grant-application/"
    assert reverse("grants:decide", args=[pid]) == f"/grants/p/{pid}/decision/"
    assert reverse("grants:contracts", args=[pid]) == f"/grants/p/{pid}/contracts/"
    assert reverse("grants:contract_edit", args=[pid, 3]) == f"/grants/p/{pid}/contracts/3/"
    assert reverse("grants:contract_delete", args=[pid, 3]) == f"/grants/p/{pid}/contracts/3/delete/"
    assert reverse("grants:change_new", args=[pid]) == f"/grants/p/{pid}/changes/new/"
    assert reverse("grants:change_detail", args=[pid, 4]) == f"/grants/p/{pid}/changes/4/"
    assert reverse("grants:plan_version", args=[pid, 2]) == f"/grants/p/{pid}/plan/v2/"
    assert reverse("grants:open_adopted", args=["fy2019"]) == "/grants/open/fy2019/"


def assert_hidden(client: Any, path: str, anonymous: bool, method: str = "get") -> None:
    response = getattr(client, method)(path)
    if anonymous:
        assert response.status_code == 302 and "/login/" in response["Location"]
    else:
        assert response.status_code == 404


# --- Plan and grant application ---------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["owner", "member"])
def test_the_grantee_sees_the_prefilled_grant_application(client_as, request, who, project, owner):
    submit_snapshot(project, owner)
    response = client_as(person(request, who)).get(url("plan", project))
    assert response.status_code == 200
    text = response.content.decode()
    assert text.count("<h1>") == 1
    assert 'aria-current="page">交付申請・計画</a>' in text
    assert f'action="{url("grant_application", project)}"' in text
    assert 'name="amount_2019" value="7,350,000"' in text
    assert 'type="date" name="planned_end_on" value="2020-02-29"' in text
    assert "交付申請をする</button>" in text


@pytest.mark.parametrize("who", ["co_member", "staff"])
def test_others_see_the_plan_page_without_the_form(client_as, request, who, project):
    response = client_as(person(request, who)).get(url("plan", project))
    assert response.status_code == 200
    text = response.content.decode()
    assert "交付申請をする</button>" not in text
    assert "補助事業者が交付申請をするのを待っています。" in text


@pytest.mark.parametrize("who", ["outsider", "anonymous"])
@pytest.mark.parametrize("name", ["plan", "grant_application", "decide", "contracts", "change_new"])
def test_outsiders_get_nothing(client_as, request, who, name, decided_project):
    assert_hidden(client_as(person(request, who)), url(name, decided_project), who == "anonymous")


def test_plan_page_after_the_decision(client_as, decided_project, staff):
    with_plan(decided_project)
    response = client_as(staff).get(url("plan", decided_project))
    text = response.content.decode()
    assert "9,000,000円" in text
    assert decided_project.decision_number in text
    assert "2019年7月10日" in text
    assert "第1版" in text and "（現行）" in text
    assert "人口減少が進む。" in text
    assert "計画変更の承認を申請する" not in text  # the secretariat does not request


def test_apply_through_the_form(client_as, project, owner):
    data = {
        "amount_2019": "800万円",
        "planned_start_on": "2019-07-15",
        "planned_end_on": "2020-02-28",
        "note": "",
    }
    response = client_as(owner).post(url("grant_application", project), data)
    assert response.status_code == 302 and response["Location"] == url("plan", project)
    project.refresh_from_db()
    assert project.status == ProjectStatus.APPLIED
    assert project.applied_amount == 8_000_000
    assert AuditEntry.objects.for_object(project).filter(action="grants.project.grant_applied").exists()


def test_a_refused_grant_application_keeps_what_was_typed(client_as, project, owner):
    data = {"amount_2019": "9,000,001", "planned_start_on": "2019-07-15", "planned_end_on": "2020-02-28"}
    response = client_as(owner).post(url("grant_application", project), data)
    assert response.status_code == 422
    text = response.content.decode()
    assert "採択額を超えて申請することはできません。" in text
    assert 'class="error-summary"' in text
    assert 'value="9,000,001"' in text
    project.refresh_from_db()
    assert project.status == ProjectStatus.ADOPTED


def test_form_errors_link_to_the_field(client_as, project, owner):
    data = {"amount_2019": "abc", "planned_start_on": "", "planned_end_on": "2020-02-28"}
    response = client_as(owner).post(url("grant_application", project), data)
    text = response.content.decode()
    assert 'href="#id_amount_2019"' in text and 'href="#id_planned_start_on"' in text


@pytest.mark.parametrize("who", ["co_member", "staff"])
def test_only_the_grantee_posts_the_grant_application(client_as, request, who, project):
    data = {"amount_2019": "1", "planned_start_on": "2019-07-15", "planned_end_on": "2020-02-28"}
    response = client_as(person(request, who)).post(url("grant_application", project), data)
    assert response.status_code == 403
    project.refresh_from_db()
    assert project.status == ProjectStatus.ADOPTED


def test_get_grant_application_goes_to_the_plan(client_as, project, owner):
    response = client_as(owner).get(url("grant_application", project))
    assert response.status_code == 302
    assert response["Location"] == url("plan", project) + "#grant-application"


def test_a_returned_application_shows_the_reason(client_as, make_project, owner, staff):
    from junkan.grants.services import award

    applied = make_project("applied")
    award.return_grant_application(staff, applied, "事業開始予定日を見直してください。")
    text = client_as(owner).get(url("plan", applied)).content.decode()
    assert "交付申請が差し戻されました" in text
    assert "事業開始予定日を見直してください。" in text
    assert 'name="amount_2019" value="9,000,000"' in text


def test_plan_version_page(client_as, decided_project, owner, staff):
    with_plan(decided_project)
    change = change_services.request_change(
        owner, decided_project, after={"background": {"background": "変わった。"}}, reason="見直し"
    )
    change_services.transition_change(staff, change, "approve")
    for who in (owner, staff):
        response = client_as(who).get(url("plan_version", decided_project, 2))
        assert response.status_code == 200
        text = response.content.decode()
        assert "実施計画 第2版" in text
        assert "<del>" in text and "<ins>" in text and "変わった。" in text
    assert client_as(owner).get(url("plan_version", decided_project, 9)).status_code == 404


@pytest.mark.parametrize("who", ["co_member", "outsider"])
def test_plan_version_for_others(client_as, request, who, decided_project):
    response = client_as(person(request, who)).get(url("plan_version", decided_project, 1))
    assert response.status_code == (200 if who == "co_member" else 404)


# --- Decision ---------------------------------------------------------------------------------------------


@pytest.fixture
def applied(make_project) -> Any:
    project = make_project("applied")
    Project.objects.filter(pk=project.pk).update(adoption_conditions="成果を公表すること")
    project.refresh_from_db()
    return project


def test_the_decision_form_is_prefilled(client_as, applied, staff):
    response = client_as(staff).get(url("decide", applied))
    assert response.status_code == 200
    text = response.content.decode()
    assert 'name="amount_2019" value="9,000,000"' in text
    assert "成果を公表すること</textarea>" in text
    assert "差し戻す" in text


def test_decide_through_the_form(client_as, applied, staff, django_capture_on_commit_callbacks):
    data = {
        "verb": "decide",
        "decided_on": "2019-07-10",
        "decision_number": "低炭素協第5号",
        "amount_2019": "8,800,000",
        "conditions": "成果を公表すること",
    }
    response = client_as(staff).post(url("decide", applied), data)
    text = response.content.decode()
    assert response.status_code == 200 and "交付決定をする：内容の確認" in text
    assert "8,800,000円" in text and "元に戻せないこと" in text
    applied.refresh_from_db()
    assert applied.status == ProjectStatus.APPLIED
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(staff).post(url("decide", applied), {**data, "confirmed": "yes"})
    assert response.status_code == 302
    applied.refresh_from_db()
    assert applied.status == ProjectStatus.DECIDED
    assert applied.decided_amount == 8_800_000
    assert applied.reports.exists()


def test_a_decision_above_the_application_is_refused_on_the_page(client_as, applied, staff):
    data = {
        "verb": "decide",
        "decided_on": "2019-07-10",
        "decision_number": "第5号",
        "amount_2019": "9,500,000",
    }
    response = client_as(staff).post(url("decide", applied), data)
    assert response.status_code == 422
    assert "9,000,000円以下で入力してください。" in response.content.decode()
    applied.refresh_from_db()
    assert applied.status == ProjectStatus.APPLIED


def test_return_through_the_form(client_as, applied, staff):
    response = client_as(staff).post(url("decide", applied), {"verb": "return", "return-reason": "記載漏れ"})
    assert response.status_code == 302
    applied.refresh_from_db()
    assert applied.status == ProjectStatus.ADOPTED
    response = client_as(staff).post(url("decide", applied), {"verb": "return", "return-reason": ""})
    assert response.status_code == 422


@pytest.mark.parametrize("who", ["owner", "member", "co_member"])
def test_only_the_secretariat_decides(client_as, request, who, applied):
    client = client_as(person(request, who))
    assert client.get(url("decide", applied)).status_code == 403
    assert client.post(url("decide", applied), {"verb": "return", "return-reason": "x"}).status_code == 403
    applied.refresh_from_db()
    assert applied.status == ProjectStatus.APPLIED


def test_the_decision_page_after_the_decision(client_as, decided_project, staff):
    text = client_as(staff).get(url("decide", decided_project)).content.decode()
    assert "交付決定・差戻しはできません" in text
    assert "交付決定を記録する" not in text


# --- Contracts --------------------------------------------------------------------------------------------


def contract(project: Any, owner: Any, **kwargs: Any) -> Contract:
    values: dict[str, Any] = {
        "ordered_on": date(2019, 7, 10),
        "counterparty": "株式会社南信エネルギー研究所",
        "subject": "調査業務委託",
        "amount": 6_600_000,
        "method": "competitive",
        "created_by": owner,
    }
    values.update(kwargs)
    return Contract.objects.create(project=project, **values)


@pytest.mark.parametrize("who", VIEWERS)
def test_the_contract_list(client_as, request, who, decided_project, owner):
    contract(decided_project, owner)
    contract(decided_project, owner, ordered_on=date(2019, 7, 9), amount=300_000, counterparty="先走り商店")
    response = client_as(person(request, who)).get(url("contracts", decided_project))
    assert response.status_code == 200
    text = response.content.decode()
    assert 'aria-current="page">契約・発注</a>' in text
    assert "<caption>登録された契約・発注</caption>" in text
    assert "交付決定日前の発注のため補助対象外" in text
    assert text.count("交付決定日前の発注のため補助対象外") == 1
    assert response.context["totals"].eligible == 6_600_000
    assert response.context["totals"].flagged == 300_000
    can_add = who in ("owner", "member")
    assert ("契約・発注を登録する" in text) is can_add
    assert ("修正<span" in text) is can_add


def test_add_a_contract_through_the_form(client_as, decided_project, owner):
    data = {
        "ordered_on": "2019-07-09",
        "counterparty": "株式会社南信",
        "subject": "調査",
        "amount": "30万円",
        "method": "competitive",
    }
    response = client_as(owner).post(url("contracts", decided_project), data, follow=True)
    assert response.redirect_chain[-1][0] == url("contracts", decided_project)
    assert Contract.objects.get().amount == 300_000
    assert "注意：交付決定日前の発注のため補助対象外" in texts(response)


def test_a_refused_contract_keeps_what_was_typed(client_as, decided_project, owner):
    data = {
        "ordered_on": "2019-07-11",
        "counterparty": "随意契約の相手",
        "subject": "調査",
        "amount": "1,000",
        "method": "non_competitive",
        "non_competitive_reason": "",
    }
    response = client_as(owner).post(url("contracts", decided_project), data)
    assert response.status_code == 422
    text = response.content.decode()
    assert "競争によらずに相手方を決めた場合は、その理由" in text
    assert 'href="#id_non_competitive_reason"' in text
    assert 'value="随意契約の相手"' in text
    assert not Contract.objects.exists()


@pytest.mark.parametrize("who", ["co_member", "staff"])
def test_only_the_grantee_adds_contracts(client_as, request, who, decided_project):
    data = {
        "ordered_on": "2019-07-11",
        "counterparty": "a",
        "subject": "b",
        "amount": "1",
        "method": "competitive",
    }
    assert client_as(person(request, who)).post(url("contracts", decided_project), data).status_code == 403
    assert not Contract.objects.exists()


def test_the_contract_list_has_a_constant_number_of_queries(client_as, decided_project, owner):
    client = client_as(owner)
    contract(decided_project, owner)
    client.get(url("contracts", decided_project))  # warm caches (sessions, content types)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url("contracts", decided_project)).status_code == 200
    for n in range(4):
        contract(decided_project, owner, counterparty=f"相手方{n}", ordered_on=date(2019, 6, 1 + n))
    with CaptureQueriesContext(connection) as five:
        response = client.get(url("contracts", decided_project))
    assert len(response.context["rows"]) == 5
    assert len(five) == len(one)


def test_edit_a_contract(client_as, decided_project, owner, member):
    item = contract(decided_project, owner)
    path = url("contract_edit", decided_project, item.pk)
    response = client_as(member).get(path)
    assert response.status_code == 200
    assert 'value="6,600,000"' in response.content.decode()
    data = {
        "ordered_on": "2019-07-10",
        "counterparty": "株式会社南信エネルギー研究所",
        "subject": "調査業務委託（変更）",
        "amount": "6,700,000",
        "method": "competitive",
    }
    response = client_as(member).post(path, data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.subject, item.amount) == ("調査業務委託（変更）", 6_700_000)
    assert AuditEntry.objects.for_object(decided_project).filter(action="grants.contract.changed").exists()


@pytest.mark.parametrize(("who", "status"), [("co_member", 403), ("staff", 403), ("outsider", 404)])
def test_edit_and_delete_are_the_grantee_s(client_as, request, who, status, decided_project, owner):
    item = contract(decided_project, owner)
    client = client_as(person(request, who))
    assert client.get(url("contract_edit", decided_project, item.pk)).status_code == status
    assert client.post(url("contract_delete", decided_project, item.pk)).status_code == status
    assert Contract.objects.filter(pk=item.pk).exists()


def test_anonymous_edit_goes_to_login(client_as, decided_project, owner):
    item = contract(decided_project, owner)
    assert_hidden(client_as(None), url("contract_edit", decided_project, item.pk), anonymous=True)


def test_delete_a_contract(client_as, decided_project, owner):
    item = contract(decided_project, owner)
    client = client_as(owner)
    assert client.get(url("contract_delete", decided_project, item.pk)).status_code == 405
    response = client.post(url("contract_delete", decided_project, item.pk), follow=True)
    assert not Contract.objects.exists()
    assert "契約・発注を削除しました。" in texts(response)


def test_a_contract_of_another_project_is_not_found(client_as, make_project, decided_project, owner):
    other = make_project("decided")
    item = contract(other, owner)
    assert client_as(owner).get(url("contract_edit", decided_project, item.pk)).status_code == 404


# --- Plan changes -----------------------------------------------------------------------------------------


@pytest.fixture
def planned(decided_project) -> Any:
    return with_plan(decided_project)


def change_data(**kwargs: str) -> dict[str, str]:
    data = {
        "kind": "change",
        "background__background": "人口減少と高齢化が進む。",
        "background__economic_analysis": "域外流出が大きい。",
        "schedule__schedule": "6月 調査開始\r\n2月 報告書",
        "schedule__after_project": "新電力を設立する。",
        "costs__0__total_cost": "9,500,000",
        "costs__0__other_income": "0",
        "costs__0__1__unit_price": "6,600,000",
        "costs__0__1__quantity": "1",
        "reason": "調査対象を広げるため。",
        "action": "submit",
    }
    data.update(kwargs)
    return data


def test_the_change_form_shows_the_plan_as_fields(client_as, planned, owner):
    response = client_as(owner).get(url("change_new", planned))
    assert response.status_code == 200
    text = response.content.decode()
    assert "<legend>様式2　事業の背景</legend>" in text
    assert "人口減少が進む。</textarea>" in text
    assert 'name="costs__0__1__unit_price"' in text and 'value="6,600,000"' in text
    assert '<label for="id_reason">変更の理由' in text


def test_preview_marks_what_changed(client_as, planned, owner):
    response = client_as(owner).post(url("change_new", planned), change_data(action="preview"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "変更点の確認" in text
    assert '<del><span class="visually-hidden">変更前：</span>人口減少が進む。</del>' in text
    assert '<ins><span class="visually-hidden">変更後：</span>人口減少と高齢化が進む。</ins>' in text
    assert "<td>変更</td>" in text
    # The line endings a browser sends are not a change.
    assert "完了実績報告書の完成までの計画" not in text.split("変更点の確認")[1].split("</table>")[0]
    assert not PlanChange.objects.exists()


def test_request_through_the_form(client_as, planned, owner):
    response = client_as(owner).post(
        url("change_new", planned), change_data(**{"costs__0__1__unit_price": "700万円"})
    )
    change = PlanChange.objects.get()
    assert response.status_code == 302 and response["Location"] == url("change_detail", planned, change.pk)
    assert set(change.after) == {"background", "costs"}
    assert change.after["costs"]["years"][0]["lines"][0]["unit_price"] == 7_000_000
    assert change.after["costs"]["years"][0]["lines"][0]["category"] == "委託料"


def test_a_request_without_a_change_is_refused_on_the_page(client_as, planned, owner):
    data = change_data(**{"background__background": "人口減少が進む。"})
    response = client_as(owner).post(url("change_new", planned), data)
    assert response.status_code == 422
    assert "変更された項目がありません。" in response.content.decode()


@pytest.mark.parametrize("who", ["co_member", "staff"])
def test_only_the_grantee_requests_changes(client_as, request, who, planned):
    client = client_as(person(request, who))
    assert client.get(url("change_new", planned)).status_code == 403
    assert client.post(url("change_new", planned), change_data()).status_code == 403
    assert not PlanChange.objects.exists()


@pytest.fixture
def requested(planned, owner) -> PlanChange:
    return change_services.request_change(
        owner,
        planned,
        after={"background": {"background": "人口減少と高齢化が進む。"}},
        reason="調査対象の見直し",
    )


@pytest.mark.parametrize("who", VIEWERS)
def test_the_change_side_by_side(client_as, request, who, planned, requested):
    response = client_as(person(request, who)).get(url("change_detail", planned, requested.pk))
    assert response.status_code == 200
    text = response.content.decode()
    assert '<th scope="col">変更前</th><th scope="col">変更後</th>' in text
    assert "<del>" in text and "<ins>" in text
    assert "<td>変更</td>" in text
    assert "域外流出が大きい。" not in text  # fields the change leaves alone are not listed
    assert ("承認する" in text) is (who == "staff")
    assert ("申請を取り下げる" in text) is (who in ("owner", "member"))


@pytest.mark.parametrize("who", ["outsider", "anonymous"])
def test_outsiders_do_not_see_changes(client_as, request, who, planned, requested):
    client = client_as(person(request, who))
    assert_hidden(client, url("change_detail", planned, requested.pk), who == "anonymous")
    assert_hidden(client, url("plan_version", planned, 1), who == "anonymous")


def test_approve_on_the_page(client_as, planned, requested, staff):
    response = client_as(staff).post(
        url("change_detail", planned, requested.pk), {"verb": "approve", "note": "了承"}
    )
    assert response.status_code == 302
    requested.refresh_from_db()
    assert requested.status == PlanChangeStatus.APPROVED
    assert requested.result_version.number == 2
    text = client_as(staff).get(url("change_detail", planned, requested.pk)).content.decode()
    assert "了承" in text and "第2版" in text


def test_refuse_without_a_note_shows_the_error(client_as, planned, requested, staff):
    response = client_as(staff).post(
        url("change_detail", planned, requested.pk), {"verb": "refuse", "note": ""}
    )
    assert response.status_code == 422
    assert "不承認の理由を入力してください。" in response.content.decode()
    requested.refresh_from_db()
    assert requested.status == PlanChangeStatus.REQUESTED


@pytest.mark.parametrize("who", ["owner", "member", "co_member"])
def test_parties_do_not_approve(client_as, request, who, planned, requested):
    response = client_as(person(request, who)).post(
        url("change_detail", planned, requested.pk), {"verb": "approve"}
    )
    assert response.status_code == 403
    requested.refresh_from_db()
    assert requested.status == PlanChangeStatus.REQUESTED


def test_withdraw_on_the_page(client_as, planned, requested, member, staff):
    assert (
        client_as(staff).post(url("change_detail", planned, requested.pk), {"verb": "withdraw"}).status_code
        == 403
    )
    response = client_as(member).post(url("change_detail", planned, requested.pk), {"verb": "withdraw"})
    assert response.status_code == 302
    requested.refresh_from_db()
    assert requested.status == PlanChangeStatus.WITHDRAWN


def test_the_plan_page_lists_changes(client_as, planned, requested, owner):
    text = client_as(owner).get(url("plan", planned)).content.decode()
    assert "承認申請中の計画変更があります。" in text
    assert url("change_detail", planned, requested.pk) in text
    assert "計画変更の承認を申請する" not in text  # one request at a time


# --- Continuation -----------------------------------------------------------------------------------------


def test_continuation_unchanged_on_the_page(client_as, decided_project, owner):
    project = with_plan(decided_project, multi_year=True)
    text = client_as(owner).get(url("plan", project)).content.decode()
    assert "継続年度の事業実施計画を提出する" in text
    page = client_as(owner).get(url("change_new", project) + "?kind=continuation")
    assert "継続年度（令和2年度）の事業実施計画" in page.content.decode()
    response = client_as(owner).post(
        url("change_new", project), {"kind": "continuation", "action": "unchanged"}
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.continuing is True
    assert not PlanChange.objects.exists()


def test_continuation_with_changes_on_the_page(client_as, decided_project, owner, staff):
    project = with_plan(decided_project, multi_year=True)
    data = change_data(kind="continuation")
    response = client_as(owner).post(url("change_new", project), data)
    change = PlanChange.objects.get()
    assert response.status_code == 302
    assert change.kind == "continuation" and change.fiscal_year == 2020
    text = client_as(staff).get(url("change_detail", project, change.pk)).content.decode()
    assert "継続を承認する" in text
    client_as(staff).post(url("change_detail", project, change.pk), {"verb": "approve"})
    project.refresh_from_db()
    assert project.continuing is True


# --- Opening projects -------------------------------------------------------------------------------------


def test_open_adopted_projects(client_as, grant_call, organization, owner, staff):
    from django.utils import timezone

    from junkan.review.models import Committee, Decision

    application = make_application(grant_call, organization, owner)
    committee = Committee.objects.create(program=grant_call, created_by=staff)
    Decision.objects.create(
        committee=committee,
        application=application,
        outcome="adopted",
        reasons="記録用",
        amount=5_000_000,
        decided_by=staff,
        decided_at=timezone.now(),
        notified_at=timezone.now(),
    )
    path = reverse("grants:open_adopted", args=[grant_call.slug])
    assert client_as(staff).get(path).status_code == 405
    for who, status in ((owner, 404),):
        assert client_as(who).post(path).status_code == status
    assert not Project.objects.filter(application=application).exists()
    response = client_as(staff).post(path, follow=True)
    assert response.redirect_chain[0][0] == reverse("grants:index")
    assert Project.objects.get(application=application).adopted_amount == 5_000_000
    assert "採択された1件の応募を補助事業として登録しました。" in texts(response)
    again = client_as(staff).post(path, follow=True)
    assert any("新たに登録する補助事業はありません" in t for t in texts(again))
    assert client_as(staff).post(reverse("grants:open_adopted", args=["no-such-call"])).status_code == 404


def test_open_adopted_anonymous(client_as, grant_call):
    response = client_as(None).post(reverse("grants:open_adopted", args=[grant_call.slug]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_version_list_links_each_version(client_as, planned, owner):
    PlanVersion.objects.create(project=planned, number=2, sections=copy.deepcopy(SECTIONS), reason="計画変更")
    text = client_as(owner).get(url("plan", planned)).content.decode()
    assert url("plan_version", planned, 1) in text and url("plan_version", planned, 2) in text
