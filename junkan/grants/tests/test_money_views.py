"""The money pages: 額の確定 with its working, payment, cancellation and return orders, as each person."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from junkan.audit.models import AuditEntry
from junkan.grants.models import Project, ProjectStatus, Report, ReportStatus, ReturnOrder, ReturnOrderStatus
from junkan.grants.services import money, returns

pytestmark = pytest.mark.django_db
PEOPLE = ["owner", "member", "co_member", "staff"]
REASON = "補助対象外の経費を計上していたため"


def user_of(request, who):
    return None if who == "anonymous" else request.getfixturevalue(who)


def url(name: str, project: Project, *args) -> str:
    return reverse(f"grants:{name}", args=[project.public_id, *args])


def accept(project: Project) -> None:
    Report.objects.filter(project=project, kind__in=money.COMPLETION_KINDS).update(
        status=ReportStatus.ACCEPTED
    )


def test_url_names(make_project):
    project = make_project("adopted")
    base = f"/grants/p/{project.public_id}/"
    assert url("money", project) == base + "money/"
    assert url("determine", project) == base + "money/determine/"
    assert url("payment_request", project) == base + "money/payment-request/"
    assert url("payment_record", project) == base + "money/payment/"
    assert url("cancel", project) == base + "cancel/"
    assert url("return_order_new", project) == base + "returns/new/"
    assert url("return_order", project, 3) == base + "returns/3/"


@pytest.mark.parametrize("who", PEOPLE)
def test_the_parties_and_the_secretariat_see_the_working(make_project, client_as, request, who):
    project = make_project("completed")
    response = client_as(user_of(request, who)).get(url("money", project))
    assert response.status_code == 200
    text = response.content.decode()
    assert text.count("<h1>") == 1
    assert 'aria-current="page">額の確定・支払・返還' in text
    assert "の計算（実績による経費内訳）</caption>" in text
    assert '<th scope="row">補助金所要額</th>' in text
    assert "確定額（(8)と交付決定額を比較して少ない方の額）" in text
    assert "8,500,000円" in text
    assert "完了実績報告書がまだ受理されていません" in text
    assert "実現可能性調査の委託" in text  # the cost line
    has_form = f'action="{url("determine", project)}"' in text
    assert has_form == (who == "staff")


@pytest.mark.parametrize("who", ["outsider", "anonymous"])
def test_others_never_see_it(make_project, client_as, request, who):
    project = make_project("completed")
    client = client_as(user_of(request, who))
    for name in ("money", "cancel", "return_order_new"):
        response = client.get(url(name, project))
        if who == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        else:
            assert response.status_code == 404
    response = client.post(url("determine", project), {"determined_on": "2020-03-25", "action": "determine"})
    assert response.status_code == (302 if who == "anonymous" else 404)
    project.refresh_from_db()
    assert project.status == ProjectStatus.COMPLETED


def test_determine_asks_to_accept_the_report_first(make_project, client_as, staff):
    project = make_project("completed")
    response = client_as(staff).post(
        url("determine", project), {"determined_on": "2020-03-25", "action": "determine"}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert 'class="error-summary"' in text
    assert "報告の画面で先に受理してください" in text
    project.refresh_from_db()
    assert project.status == ProjectStatus.COMPLETED


def test_preview_with_other_income_then_determine(make_project, client_as, staff):
    project = make_project("completed")
    accept(project)
    client = client_as(staff)
    data = {
        "determined_on": "2020-03-25",
        "other_income_2019": "60万円",
        "consumption_tax_equivalent_2019": "",
    }
    response = client.post(url("determine", project), {**data, "action": "preview"})
    assert response.status_code == 200
    assert "7,900,000円" in response.content.decode()  # recomputed, nothing stored
    project.refresh_from_db()
    assert project.status == ProjectStatus.COMPLETED
    response = client.post(url("determine", project), {**data, "action": "determine"})
    # The confirmation page (額の確定 cannot be undone) carries the figures through.
    text = response.content.decode()
    assert response.status_code == 200 and "元に戻せないこと" in text and "7,900,000円" in text
    assert 'name="other_income_2019" value="60万円"' in text
    project.refresh_from_db()
    assert project.status == ProjectStatus.COMPLETED
    response = client.post(url("determine", project), {**data, "action": "determine", "confirmed": "yes"})
    assert response.status_code == 302 and response["Location"] == url("money", project)
    project.refresh_from_db()
    assert project.status == ProjectStatus.DETERMINED
    assert project.determined_amount == 7_900_000
    response = client.get(url("money", project))
    text = response.content.decode()
    assert "交付額を確定しました" in text
    assert "7,900,000円で確定しました" in text
    assert f'action="{url("determine", project)}"' not in text


def test_determine_form_errors_keep_the_input(make_project, client_as, staff):
    project = make_project("completed")
    accept(project)
    response = client_as(staff).post(
        url("determine", project),
        {"determined_on": "2020-02-19", "other_income_2019": "12,345", "action": "determine"},
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_determined_on"' in text
    assert 'value="12,345"' in text


@pytest.mark.parametrize(("who", "status"), [("owner", 403), ("co_member", 403)])
def test_only_the_secretariat_determines(make_project, client_as, request, who, status):
    project = make_project("completed")
    accept(project)
    response = client_as(user_of(request, who)).post(
        url("determine", project), {"determined_on": "2020-03-25", "action": "determine"}
    )
    assert response.status_code == status


def test_payment_request_and_record(make_project, client_as, owner, staff):
    project = make_project("determined")
    text = client_as(owner).get(url("money", project)).content.decode()
    assert f'action="{url("payment_request", project)}"' in text
    assert f'action="{url("payment_record", project)}"' not in text
    assert (
        client_as(staff).post(url("payment_request", project), {"requested_on": "2020-04-01"}).status_code
        == 403
    )
    response = client_as(owner).post(url("payment_request", project), {"requested_on": "2020-04-01"})
    assert response.status_code == 302
    assert (
        client_as(owner)
        .post(url("payment_record", project), {"paid_on": "2020-04-10", "amount": "8500000"})
        .status_code
        == 403
    )
    staff_client = client_as(staff)
    text = staff_client.get(url("money", project)).content.decode()
    assert f'action="{url("payment_record", project)}"' in text
    response = staff_client.post(
        url("payment_record", project), {"paid_on": "2020-04-10", "amount": "800万円"}
    )
    assert response.status_code == 200
    assert "確定額（8,500,000円）と同じ額" in response.content.decode()
    response = staff_client.post(
        url("payment_record", project), {"paid_on": "2020-04-10", "amount": "8,500,000"}
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == ProjectStatus.PAID
    assert AuditEntry.objects.for_object(project).filter(action="grants.project.paid").exists()


def test_get_on_post_only_urls_is_refused(make_project, client_as, staff):
    project = make_project("determined")
    for name in ("determine", "payment_request", "payment_record"):
        assert client_as(staff).get(url(name, project)).status_code == 405


@pytest.mark.parametrize(
    ("who", "status"), [("owner", 403), ("member", 403), ("co_member", 403), ("staff", 200)]
)
def test_cancel_page(make_project, client_as, request, who, status):
    project = make_project("paid")
    response = client_as(user_of(request, who)).get(url("cancel", project))
    assert response.status_code == status
    if status == 200:
        text = response.content.decode()
        assert "交付決定の解除" in text and 'for="id_reason"' in text


def test_cancel_then_order_a_return_then_repay(make_project, client_as, staff, owner, monkeypatch):
    monkeypatch.setattr("junkan.grants.views.money.today_tokyo", lambda: date(2020, 5, 15))
    project = make_project("paid")
    client = client_as(staff)
    response = client.post(url("cancel", project), {"cancelled_on": "2020-04-20", "reason": ""})
    assert response.status_code == 200 and 'href="#id_reason"' in response.content.decode()
    response = client.post(url("cancel", project), {"cancelled_on": "2020-04-20", "reason": REASON})
    text = response.content.decode()
    assert response.status_code == 200 and "元に戻せないこと" in text and "返還命令を登録してください" in text
    project.refresh_from_db()
    assert project.status == ProjectStatus.PAID
    response = client.post(
        url("cancel", project), {"cancelled_on": "2020-04-20", "reason": REASON, "confirmed": "yes"}
    )
    assert response.status_code == 302 and response["Location"] == url("return_order_new", project)
    project.refresh_from_db()
    assert project.status == ProjectStatus.CANCELLED
    response = client.get(url("return_order_new", project))
    assert response.status_code == 200 and 'value="8,500,000"' in response.content.decode()
    form = {
        "number": "低炭社協第9号",
        "ordered_on": "2020-05-01",
        "principal": "9,000,000",
        "received_on": "",
        "pay_by": "2020-05-31",
        "reason": REASON,
    }
    response = client.post(url("return_order_new", project), form)
    assert response.status_code == 200 and "8,500,000円以下" in response.content.decode()
    response = client.post(url("return_order_new", project), {**form, "principal": "8,500,000"})
    text = response.content.decode()
    assert response.status_code == 200 and "元に戻せないこと" in text and "（まだありません）" in text
    assert not ReturnOrder.objects.filter(project=project).exists()
    response = client.post(
        url("return_order_new", project), {**form, "principal": "8,500,000", "confirmed": "yes"}
    )
    order = ReturnOrder.objects.get(project=project)
    assert response["Location"] == url("return_order", project, order.pk)
    # The printable order: received on 2020-04-10 (the payment), the rule and the working.
    text = client_as(owner).get(url("return_order", project, order.pk)).content.decode()
    assert "年10.95%の割合" in text
    assert "初日（受領日）と末日（納付日）の両方を含めて" in text
    assert "data-print" in text and "<style" not in text  # printable through the stylesheet, CSP-clean
    # To today (2020-05-15): 04-10..05-15 = 36 days × 2,550 = 91,800 yen.
    assert "8,500,000円 × 10.95% × 36日 ÷ 365日" in text
    assert "までの加算金：91,800円" in text
    # Paid in full on the pay-by date: 04-10..05-31 = 52 days × 2,550 = 132,600 yen.
    assert "8,500,000円 × 10.95% × 52日 ÷ 365日" in text
    assert "に残額を納付した場合の加算金：132,600円" in text
    assert "納期限に納付する額：8,632,600円" in text
    assert 'name="amount"' not in text  # the grantee only reads it
    assert (
        client_as(owner)
        .post(url("return_order", project, order.pk), {"paid_on": "2020-05-31", "amount": "1"})
        .status_code
        == 403
    )
    response = client.post(
        url("return_order", project, order.pk), {"paid_on": "2020-05-31", "amount": "8,632,600"}
    )
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == ReturnOrderStatus.SETTLED and order.additional_charge == 132_600
    text = client.get(url("return_order", project, order.pk)).content.decode()
    assert "加算金の額（確定）：132,600円" in text
    assert 'name="amount"' not in text


def test_return_order_of_another_project_is_404(make_project, client_as, staff):
    project = make_project("paid")
    other = make_project("paid")
    order = returns.order_return(
        staff, project, ordered_on=date(2020, 5, 1), pay_by=date(2020, 5, 31), principal=1_000, reason=REASON
    )
    assert client_as(staff).get(url("return_order", other, order.pk)).status_code == 404


@pytest.mark.parametrize("who", ["outsider", "anonymous"])
def test_return_order_hidden_from_others(make_project, client_as, request, staff, who):
    project = make_project("paid")
    order = returns.order_return(
        staff, project, ordered_on=date(2020, 5, 1), pay_by=date(2020, 5, 31), principal=1_000, reason=REASON
    )
    response = client_as(user_of(request, who)).get(url("return_order", project, order.pk))
    assert response.status_code == (302 if who == "anonymous" else 404)


def test_money_page_queries_do_not_grow_with_orders(make_project, client_as, staff):
    def count(orders: int) -> int:
        project = make_project("paid")
        for i in range(orders):
            order = returns.order_return(
                staff,
                project,
                ordered_on=date(2020, 5, 1),
                pay_by=date(2020, 5, 31),
                principal=1_000,
                reason=REASON,
            )
            returns.record_repayment(staff, order, paid_on=date(2020, 5, 10 + i), amount=500)
        client = client_as(staff)
        client.get(url("money", project))  # warm: the person's TOTP check is cached after the first page
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url("money", project))
        assert response.status_code == 200
        assert response.content.decode().count("returns/") >= orders
        return len(queries)

    assert count(1) == count(5)


def test_a_step_posted_twice_says_it_is_no_longer_possible(make_project, client_as, staff, owner):
    project = make_project("paid")
    client = client_as(staff)
    response = client.post(
        url("determine", project), {"determined_on": "2020-03-25", "action": "determine"}, follow=True
    )
    assert "額の確定はできません" in response.content.decode()
    response = client.post(
        url("payment_record", project), {"paid_on": "2020-04-10", "amount": "8,500,000"}, follow=True
    )
    assert "支払は、額の確定と精算払請求書の提出の後に記録します。" in response.content.decode()
    response = client_as(owner).post(
        url("payment_request", project), {"requested_on": "2020-04-01"}, follow=True
    )
    assert "精算払請求は、額の確定の後に1回行います。" in response.content.decode()
    assert not AuditEntry.objects.for_object(project).exists()
