"""The reports pages as each person sees them: owner, member, co-applicant, outsider, anonymous, staff."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from junkan.applications.samples import minimal_pdf
from junkan.audit.models import AuditEntry
from junkan.grants.models import CostLine, DocumentKind, GrantDocument, ProjectStatus, Report, ReportStatus
from junkan.grants.services import reports as services
from junkan.jp.dates import today_tokyo

pytestmark = pytest.mark.django_db

PEOPLE = ["owner", "member", "co_member", "staff"]
D = Decimal


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def pdf(name: str = "receipt.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, minimal_pdf(b"test file"), content_type="application/pdf")


def person(request: Any, who: str) -> Any:
    return None if who == "anonymous" else request.getfixturevalue(who)


def completion_report(project: Any) -> Report:
    return project.reports.get(kind__in=["completion", "study_report"])


def urls(project: Any, report: Report | None = None) -> dict[str, str]:
    pid = project.public_id
    result = {
        "reports": reverse("grants:reports", args=[pid]),
        "completion": reverse("grants:completion_date", args=[pid]),
    }
    if report is not None:
        result.update(
            report=reverse("grants:report", args=[pid, report.pk]),
            costs=reverse("grants:report_costs", args=[pid, report.pk]),
            upload=reverse("grants:report_document_upload", args=[pid, report.pk]),
            submit=reverse("grants:report_transition", args=[pid, report.pk, "submit"]),
            accept=reverse("grants:report_transition", args=[pid, report.pk, "accept"]),
            back=reverse("grants:report_transition", args=[pid, report.pk, "return"]),
        )
    return result


def test_url_names(make_project):
    project = make_project("decided")
    report = completion_report(project)
    pid = project.public_id
    assert reverse("grants:reports", args=[pid]) == f"/grants/p/{pid}/reports/"
    assert reverse("grants:completion_date", args=[pid]) == f"/grants/p/{pid}/reports/completion/"
    assert reverse("grants:report", args=[pid, report.pk]) == f"/grants/p/{pid}/reports/{report.pk}/"
    assert (
        reverse("grants:report_costs", args=[pid, report.pk]) == f"/grants/p/{pid}/reports/{report.pk}/costs/"
    )
    assert (
        reverse("grants:report_transition", args=[pid, report.pk, "submit"])
        == f"/grants/p/{pid}/reports/{report.pk}/submit/"
    )
    for name, args in [
        ("grants:cost_line_edit", [pid, report.pk, 1]),
        ("grants:cost_line_delete", [pid, report.pk, 1]),
        ("grants:report_document_upload", [pid, report.pk]),
        ("grants:report_document_delete", [pid, report.pk, pid]),
    ]:
        assert reverse(name, args=args).startswith(f"/grants/p/{pid}/reports/{report.pk}/")


# --- the list -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", PEOPLE)
def test_reports_list(make_project, client_as, request, who):
    project = make_project("decided")
    report = completion_report(project)
    response = client_as(person(request, who)).get(urls(project)["reports"])
    assert response.status_code == 200
    text = response.content.decode()
    assert report.name in text
    assert report.due_text in text  # the rule's words beside the date
    assert "2020年3月10日" in text
    days = (today_tokyo() - date(2020, 3, 10)).days
    assert f"提出期限を過ぎています（{days}日）" in text
    assert "仮の期限" in text  # the completion date is not known yet
    has_form = 'action="{}"'.format(urls(project)["completion"]) in text
    assert has_form is (who in {"owner", "member"})


@pytest.mark.parametrize("who", ["outsider", "anonymous"])
def test_reports_list_hidden(make_project, client_as, request, who):
    project = make_project("decided")
    response = client_as(person(request, who)).get(urls(project)["reports"])
    if who == "outsider":
        assert response.status_code == 404
    else:
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_reports_list_without_overdue_and_provisional(make_project, client_as, owner):
    project = make_project("completed")
    text = client_as(owner).get(urls(project)["reports"]).content.decode()
    assert "提出済み" in text
    assert "提出期限を過ぎています" not in text  # submitted: not overdue
    assert "仮の期限" not in text
    assert 'name="completed_on"' not in text  # only while decided


def test_reports_list_query_count_is_constant(make_project, client_as, owner):
    def count(project: Any) -> int:
        client = client_as(owner)
        client.get(urls(project)["reports"])  # warm the session
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(urls(project)["reports"])
        assert response.status_code == 200
        return len(ctx.captured_queries)

    one = make_project("decided")
    five = make_project("decided")
    template = completion_report(five)
    for n in range(4):
        Report.objects.create(
            project=five,
            rule_code=f"extra{n}",
            kind="annual",
            name="事業報告書",
            contents=template.contents,
            fiscal_year=2020 + n,
            due_on=date(2021 + n, 4, 30),
            due_text="翌年度の4月30日まで",
        )
    assert five.reports.count() == 5 and one.reports.count() == 1
    assert count(one) == count(five)


# --- the completion date ------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["owner", "member"])
def test_completion_date(make_project, client_as, request, who):
    project = make_project("decided")
    response = client_as(person(request, who)).post(
        urls(project)["completion"], {"completed_on": "2020-01-15"}
    )
    assert response.status_code == 302 and response["Location"] == urls(project)["reports"]
    project.refresh_from_db()
    assert project.completed_on == date(2020, 1, 15)
    assert completion_report(project).due_on == date(2020, 2, 14)
    assert AuditEntry.objects.filter(action="grants.project.completion_date_set").exists()


def test_completion_date_error_keeps_the_input(make_project, client_as, owner):
    project = make_project("decided")
    response = client_as(owner).post(
        urls(project)["completion"], {"completed_on": "2019-07-01", "plan_made_on": "2019-06-30"}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "交付決定日（2019年7月10日）以後" in text
    assert 'value="2019-07-01"' in text
    assert "error-summary" in text
    project.refresh_from_db()
    assert project.completed_on is None


@pytest.mark.parametrize(
    ("who", "status"), [("co_member", 403), ("staff", 403), ("outsider", 404), ("anonymous", 302)]
)
def test_completion_date_others(make_project, client_as, request, who, status):
    project = make_project("decided")
    response = client_as(person(request, who)).post(
        urls(project)["completion"], {"completed_on": "2020-01-15"}
    )
    assert response.status_code == status
    project.refresh_from_db()
    assert project.completed_on is None


def test_completion_date_is_post_only(make_project, client_as, owner):
    project = make_project("decided")
    assert client_as(owner).get(urls(project)["completion"]).status_code == 405


# --- one report ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", PEOPLE)
def test_report_page(make_project, client_as, request, who):
    project = make_project("decided")
    report = completion_report(project)
    response = client_as(person(request, who)).get(urls(project, report)["report"])
    assert response.status_code == 200
    text = response.content.decode()
    assert report.due_text in text
    assert "a. 事業の背景" in text
    editing = who in {"owner", "member"}
    assert ('<textarea name="item_0"' in text) is editing
    assert ("提出前のチェック" in text) is editing
    assert ('action="{}"'.format(urls(project, report)["submit"]) in text) is editing
    assert ('action="{}"'.format(urls(project, report)["accept"]) in text) is False  # not submitted yet


@pytest.mark.parametrize(("who", "status"), [("outsider", 404), ("anonymous", 302)])
def test_report_page_hidden(make_project, client_as, request, who, status):
    project = make_project("decided")
    report = completion_report(project)
    for key in ("report", "costs"):
        assert client_as(person(request, who)).get(urls(project, report)[key]).status_code == status


def test_report_of_another_project_is_404(make_project, client_as, owner):
    project = make_project("decided")
    other = completion_report(make_project("decided"))
    response = client_as(owner).get(reverse("grants:report", args=[project.public_id, other.pk]))
    assert response.status_code == 404


def test_report_form_labels_each_item_and_offers_the_organizations_calculations(
    make_project, client_as, owner, organization, outsider
):
    from junkan.carbon.models import SavedCalculation
    from junkan.organizations.models import Organization

    def calc(title: str, org: Any, user: Any) -> Any:
        return SavedCalculation.objects.create(
            owner=user,
            organization=org,
            title=title,
            baseline_t_co2=D(10),
            project_t_co2=D(4),
            reduction_t_co2=D(6),
        )

    calc("飯田市の計算", organization, owner)
    calc("よその計算", Organization.objects.create(kind="company", name="別の会社"), outsider)
    project = make_project("decided")
    report = completion_report(project)
    text = client_as(owner).get(urls(project, report)["report"]).content.decode()
    for index, item in enumerate(report.contents):
        assert f'<label for="id_item_{index}">{item}' in text
    assert "飯田市の計算" in text and "よその計算" not in text
    assert 'name="expected_t_co2"' in text
    assert 'name="actual_t_co2"' not in text and 'name="cause_analysis"' not in text
    # The checklist lists what is missing, linking to the field or page.
    assert 'href="#id_item_0"' in text
    assert "経費の実績を1件以上登録してください。" in text
    assert "補助事業の完了日を登録してください。" in text


def test_save_report(make_project, client_as, member):
    project = make_project("decided")
    report = completion_report(project)
    data = {
        "version": "0",
        "item_0": "背景です。",
        "item_1": "",
        "expected_t_co2": "１２０.５",
        "co2_calculation": "",
    }
    response = client_as(member).post(urls(project, report)["report"], data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.answers == {report.contents[0]: "背景です。"}
    assert report.expected_t_co2 == D("120.5")
    assert report.version == 1


def test_save_report_stale_keeps_the_input(make_project, client_as, owner, member):
    project = make_project("decided")
    report = completion_report(project)
    services.save_report(member, report, answers={}, base_version=0)
    response = client_as(owner).post(urls(project, report)["report"], {"version": "0", "item_0": "私の入力"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "他の方が保存しています" in text
    assert "私の入力" in text
    report.refresh_from_db()
    assert report.answers == {}


def test_save_report_bad_figure(make_project, client_as, owner):
    project = make_project("decided")
    report = completion_report(project)
    response = client_as(owner).post(
        urls(project, report)["report"], {"version": "0", "expected_t_co2": "-3"}
    )
    assert response.status_code == 200
    assert 'id="id_expected_t_co2_error"' in response.content.decode()


@pytest.mark.parametrize(
    ("who", "status"), [("co_member", 403), ("staff", 403), ("outsider", 404), ("anonymous", 302)]
)
def test_save_report_others(make_project, client_as, request, who, status):
    project = make_project("decided")
    report = completion_report(project)
    response = client_as(person(request, who)).post(
        urls(project, report)["report"], {"version": "0", "item_0": "x"}
    )
    assert response.status_code == status
    report.refresh_from_db()
    assert report.version == 0


def test_annual_report_form(make_project, client_as, owner, ecotown_call):
    project = make_project("paid", call=ecotown_call, type_code="fs")
    project.promised_t_co2 = D(100)
    project.save(update_fields=["promised_t_co2"])
    report = project.reports.filter(kind="annual").order_by("fiscal_year").first()
    services.save_report(owner, report, answers={}, base_version=0, expected_t_co2=D(60))
    text = client_as(owner).get(urls(project, report)["report"]).content.decode()
    assert 'name="expected_t_co2"' in text and 'name="actual_t_co2"' in text
    assert '<textarea name="cause_analysis"' in text
    assert "（イ）②実績報告書における削減量に達しなかった場合の原因" in text
    assert "原因の分析の記入が必要です" in text  # 60 < 100
    assert 'name="doc-kind"' in text and "光熱水量のデータ等" in text  # utility data upload


# --- cost lines ---------------------------------------------------------------------------------------------


def line_data(**kw: str) -> dict[str, str]:
    data = {
        "new-category": "業務費|委託料",
        "new-fiscal_year": "2019",
        "new-description": "実現可能性調査の委託",
        "new-amount": "850万円",
        "new-paid_on": "2020-02-25",
        "new-contract": "",
    }
    data.update(kw)
    return data


@pytest.mark.parametrize("who", PEOPLE)
def test_costs_page(make_project, client_as, request, who):
    project = make_project("completed")
    report = project.reports.get(status=ReportStatus.SUBMITTED)
    response = client_as(person(request, who)).get(urls(project, report)["costs"])
    assert response.status_code == 200
    text = response.content.decode()
    assert "実現可能性調査の委託" in text and "8,500,000円" in text
    assert "2019年度" in text or "令和元年度" in text or "平成31年度" in text
    assert "未添付" in text
    assert 'name="new-description"' not in text  # submitted: nothing to add


def test_add_cost_line_and_receipt(make_project, client_as, owner):
    project = make_project("decided")
    report = completion_report(project)
    client = client_as(owner)
    response = client.post(urls(project, report)["costs"], line_data())
    assert response.status_code == 302
    line = report.cost_lines.get()
    assert (line.amount, line.item) == (8_500_000, "委託料")
    response = client.post(
        urls(project, report)["upload"],
        {"cost_line": str(line.pk), f"line{line.pk}-kind": "receipt", f"line{line.pk}-file": pdf()},
    )
    assert response.status_code == 302 and response["Location"] == urls(project, report)["costs"]
    document = GrantDocument.objects.get(cost_line=line)
    assert document.kind == DocumentKind.RECEIPT
    text = client.get(urls(project, report)["costs"]).content.decode()
    assert reverse("grants:document", args=[project.public_id, document.public_id]) in text
    assert "未添付" not in text


def test_cost_line_before_the_decision_is_flagged(make_project, client_as, owner):
    project = make_project("decided")
    report = completion_report(project)
    client = client_as(owner)
    client.post(
        urls(project, report)["costs"], line_data(**{"new-paid_on": "2019-07-01", "new-amount": "100000"})
    )
    text = client.get(urls(project, report)["costs"]).content.decode()
    assert "対象外" in text and "交付決定日（2019-07-10）より前に支払われた経費です" in text
    assert "補助対象 0円" in text


def test_add_cost_line_errors_keep_input(make_project, client_as, owner):
    project = make_project("decided")
    report = completion_report(project)
    response = client_as(owner).post(urls(project, report)["costs"], line_data(**{"new-amount": "abc"}))
    assert response.status_code == 200
    text = response.content.decode()
    assert "error-summary" in text and 'value="実現可能性調査の委託"' in text
    assert not report.cost_lines.exists()
    response = client_as(owner).post(urls(project, report)["costs"], line_data(**{"new-fiscal_year": "2020"}))
    assert response.status_code == 200  # not a decided year: the select refuses it
    assert not report.cost_lines.exists()


def test_edit_and_delete_cost_line(make_project, client_as, owner):
    project = make_project("decided")
    report = completion_report(project)
    line = services.add_cost_line(
        owner,
        report,
        fiscal_year=2019,
        expense="業務費",
        item="旅費",
        description="旅費",
        amount=10_000,
        paid_on=date(2019, 9, 1),
    )
    edit = reverse("grants:cost_line_edit", args=[project.public_id, report.pk, line.pk])
    client = client_as(owner)
    page = client.get(edit)
    assert page.status_code == 200 and 'value="10,000"' in page.content.decode()
    data = {k.removeprefix("new-"): v for k, v in line_data(**{"new-amount": "12,000"}).items()}
    assert client.post(edit, data).status_code == 302
    line.refresh_from_db()
    assert line.amount == 12_000 and line.item == "委託料"
    delete = reverse("grants:cost_line_delete", args=[project.public_id, report.pk, line.pk])
    assert client.post(delete).status_code == 302
    assert not CostLine.objects.filter(pk=line.pk).exists()


@pytest.mark.parametrize(
    ("who", "status"), [("co_member", 403), ("staff", 403), ("outsider", 404), ("anonymous", 302)]
)
def test_cost_lines_others(make_project, client_as, request, owner, who, status):
    project = make_project("decided")
    report = completion_report(project)
    line = services.add_cost_line(
        owner,
        report,
        fiscal_year=2019,
        expense="業務費",
        item="旅費",
        description="旅費",
        amount=10_000,
        paid_on=date(2019, 9, 1),
    )
    client = client_as(person(request, who))
    assert client.post(urls(project, report)["costs"], line_data()).status_code == status
    edit = reverse("grants:cost_line_edit", args=[project.public_id, report.pk, line.pk])
    assert client.get(edit).status_code == status
    delete = reverse("grants:cost_line_delete", args=[project.public_id, report.pk, line.pk])
    assert client.post(delete).status_code == status
    upload = {"cost_line": str(line.pk), f"line{line.pk}-kind": "receipt", f"line{line.pk}-file": pdf()}
    assert client.post(urls(project, report)["upload"], upload).status_code == status
    assert report.cost_lines.count() == 1 and not GrantDocument.objects.exists()


def test_costs_page_of_an_annual_report_is_404(make_project, client_as, owner, ecotown_call):
    project = make_project("paid", call=ecotown_call, type_code="fs")
    annual = project.reports.filter(kind="annual").first()
    assert client_as(owner).get(urls(project, annual)["costs"]).status_code == 404


def test_report_file_upload_and_delete(
    make_project, client_as, owner, ecotown_call, django_capture_on_commit_callbacks
):
    project = make_project("paid", call=ecotown_call, type_code="fs")
    annual = project.reports.filter(kind="annual").first()
    client = client_as(owner)
    response = client.post(
        urls(project, annual)["upload"], {"doc-kind": "utility_data", "doc-file": pdf("denki.pdf")}
    )
    assert response.status_code == 302
    document = GrantDocument.objects.get(report=annual)
    assert document.kind == DocumentKind.UTILITY_DATA and document.cost_line is None
    text = client.get(urls(project, annual)["report"]).content.decode()
    assert "denki.pdf" in text
    bad = client.post(
        urls(project, annual)["upload"], {"doc-kind": "other", "doc-file": SimpleUploadedFile("a.txt", b"hi")}
    )
    assert bad.status_code == 200 and "形式は受け付けていません" in bad.content.decode()
    delete = reverse("grants:report_document_delete", args=[project.public_id, annual.pk, document.public_id])
    storage, stored = document.file.storage, document.file.name
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(delete).status_code == 302
    assert not GrantDocument.objects.filter(pk=document.pk).exists()
    assert not storage.exists(stored)  # the file goes with the row, once the removal is committed
    assert "grants.document.removed" in set(AuditEntry.objects.values_list("action", flat=True))


# --- moves --------------------------------------------------------------------------------------------------


def test_submit_with_problems_lists_them(make_project, client_as, owner):
    project = make_project("decided")
    report = completion_report(project)
    response = client_as(owner).post(urls(project, report)["submit"])
    assert response.status_code == 200
    text = response.content.decode()
    assert "手続ができませんでした" in text
    assert "経費の実績を1件以上登録してください。" in text
    report.refresh_from_db()
    assert report.status == ReportStatus.PENDING


def test_submit_accept_and_return_through_the_pages(make_project, client_as, owner, staff, co_member):
    project = make_project("decided")
    report = completion_report(project)
    services.set_completion(owner, project, completed_on=date(2020, 2, 20))
    line = services.add_cost_line(
        owner,
        report,
        fiscal_year=2019,
        expense="業務費",
        item="委託料",
        description="委託",
        amount=8_000_000,
        paid_on=date(2020, 2, 25),
    )
    services.add_report_document(owner, report, DocumentKind.INVOICE, pdf(), cost_line=line)
    services.save_report(
        owner, report, answers=dict.fromkeys(report.contents, "記入"), base_version=0, expected_t_co2=D(50)
    )
    u = urls(project, report)
    assert client_as(co_member).post(u["submit"]).status_code == 403
    assert client_as(staff).post(u["submit"]).status_code == 403
    response = client_as(owner).post(u["submit"])
    assert response.status_code == 302 and response["Location"] == u["report"]
    project.refresh_from_db()
    assert project.status == ProjectStatus.COMPLETED and project.promised_t_co2 == D(50)
    # The secretariat sees accept and return; the grantee does not.
    staff_page = client_as(staff).get(u["report"]).content.decode()
    assert f'action="{u["accept"]}"' in staff_page and 'name="return-reason"' in staff_page
    assert f'action="{u["accept"]}"' not in client_as(owner).get(u["report"]).content.decode()
    assert client_as(owner).post(u["accept"]).status_code == 403
    assert client_as(co_member).post(u["back"], {"return-reason": "x"}).status_code == 403
    no_reason = client_as(staff).post(u["back"], {"return-reason": ""})
    assert no_reason.status_code == 200 and 'id="id_return-reason_error"' in no_reason.content.decode()
    assert (
        client_as(staff).post(u["back"], {"return-reason": "領収書を添付してください。"}).status_code == 302
    )
    report.refresh_from_db()
    project.refresh_from_db()
    assert report.status == ReportStatus.RETURNED and project.status == ProjectStatus.DECIDED
    text = client_as(owner).get(u["report"]).content.decode()
    assert "領収書を添付してください。" in text and '<textarea name="item_0"' in text
    assert client_as(owner).post(u["submit"]).status_code == 302
    confirm = client_as(staff).post(u["accept"])
    assert confirm.status_code == 200 and "報告を受理する：内容の確認" in confirm.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert client_as(staff).post(u["accept"], {"confirmed": "yes"}).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    assert [
        a
        for a in AuditEntry.objects.order_by("id").values_list("action", flat=True)
        if a.startswith("grants.report.")
    ][-4:] == [
        "grants.report.submitted",
        "grants.report.returned",
        "grants.report.submitted",
        "grants.report.accepted",
    ]


@pytest.mark.parametrize(("who", "status"), [("outsider", 404), ("anonymous", 302)])
def test_moves_hidden(make_project, client_as, request, who, status):
    project = make_project("completed")
    report = project.reports.get(status=ReportStatus.SUBMITTED)
    for key in ("submit", "accept", "back"):
        assert (
            client_as(person(request, who))
            .post(urls(project, report)[key], {"return-reason": "x"})
            .status_code
            == status
        )
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_unknown_move_and_get_are_refused(make_project, client_as, owner, staff):
    project = make_project("completed")
    report = project.reports.get(status=ReportStatus.SUBMITTED)
    bogus = reverse("grants:report_transition", args=[project.public_id, report.pk, "withdraw"])
    assert client_as(owner).post(bogus).status_code == 404
    assert client_as(staff).get(urls(project, report)["accept"]).status_code == 405


@pytest.mark.parametrize("who", ["staff", "co_member"])
def test_annual_report_read_only(make_project, client_as, request, owner, ecotown_call, who):
    project = make_project("paid", call=ecotown_call, type_code="fs")
    project.promised_t_co2 = D(100)
    project.save(update_fields=["promised_t_co2"])
    report = project.reports.filter(kind="annual").order_by("fiscal_year").first()
    services.save_report(
        owner, report, answers={}, base_version=0, expected_t_co2=D(60), cause_analysis="導入が遅れたため。"
    )
    response = client_as(person(request, who)).get(urls(project, report)["report"])
    assert response.status_code == 200
    text = response.content.decode()
    assert "<textarea" not in text
    assert "導入が遅れたため。" in text
    assert "60.000 t-CO2/年" in text and "（達していません）" in text


def test_plan_date_is_asked_only_where_annual_reports_count_from_it(
    make_project, client_as, owner, ecotown_call
):
    ecotown = make_project("decided", call=ecotown_call, type_code="fs")
    assert 'name="plan_made_on"' in client_as(owner).get(urls(ecotown)["reports"]).content.decode()
    region = make_project("decided")
    assert 'name="plan_made_on"' not in client_as(owner).get(urls(region)["reports"]).content.decode()


def test_save_and_submit_keeps_the_typed_text_when_the_submission_is_refused(client_as, make_project, owner):
    """保存して提出する saves first: a refused submission (no cost line yet) loses nothing that was typed."""
    from django.urls import reverse

    from junkan.grants.models import ReportStatus

    project = make_project("decided")
    report = project.reports.get(kind="completion")
    url = reverse("grants:report", args=[project.public_id, report.pk])
    page = client_as(owner).get(url)
    form = page.context["form"]
    data = dict.fromkeys(form.fields, "")
    data.update({f.html_name: f"記入した内容{i}" for i, f in enumerate(form) if f.name.startswith("item_")})
    data.update({"version": report.version, "expected_t_co2": "12.5", "then": "submit"})
    response = client_as(owner).post(url, data)
    assert response.status_code == 200
    report.refresh_from_db()
    assert report.status == ReportStatus.PENDING
    typed = {f"記入した内容{i}" for i, f in enumerate(form) if f.name.startswith("item_")}
    assert typed and set(report.answers.values()) == typed
    body = response.content.decode()
    assert all(text in body for text in typed)
