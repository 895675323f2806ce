"""事後評価: the project's page (the secretariat records, the grantee reads), the list and its CSV."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from junkan.audit.models import AuditEntry
from junkan.grants.models import PostEvaluation, Project
from junkan.grants.services import post_evaluation as services

pytestmark = pytest.mark.django_db
LIST = "/grants/post-evaluations/"
TODAY = date(2021, 6, 1)  # the fixtures' projects completed 2020-02-20 (FY2019): due by 2021-03-31, overdue


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("junkan.grants.views.postevaluation.today_tokyo", lambda: TODAY)


def page(project: Project) -> str:
    return f"/grants/p/{project.public_id}/post-evaluation/"


def user_of(request, who):
    return None if who == "anonymous" else request.getfixturevalue(who)


VALID = {
    "evaluated_on": "2021-02-10",
    "rating": "partly",
    "evaluation": "導入設備の稼働は計画の8割。",
    "actual_t_co2": "１２０．５",
    "feedback_to_plan": "次期の地域計画で需要側の対策を強化する。",
    "ministry_note": "バイオガスの原料確保が課題。",
}


def test_the_secretariat_records_and_corrects_it(make_project, client_as, staff):
    project = make_project("paid")
    Project.objects.filter(pk=project.pk).update(promised_t_co2=Decimal("150"))
    client = client_as(staff)
    assert client.get(page(project)).status_code == 200
    response = client.post(page(project), VALID)
    assert response.status_code == 302
    evaluation = PostEvaluation.objects.get(project=project)
    assert evaluation.actual_t_co2 == Decimal("120.5")
    assert evaluation.achievement_percent == Decimal("80.3")
    assert evaluation.recorded_by == staff
    assert AuditEntry.objects.filter(action="grants.post_evaluation.recorded").count() == 1
    client.post(page(project), {**VALID, "rating": "achieved"})
    entry = AuditEntry.objects.get(action="grants.post_evaluation.updated")
    assert entry.changes == {"rating": ["partly", "achieved"]}


def test_errors_keep_what_was_typed(make_project, client_as, staff):
    project = make_project("paid")
    response = client_as(staff).post(page(project), {**VALID, "evaluation": "", "evaluated_on": "2019-01-01"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "評価の内容を入力してください。" in body
    assert "次期の地域計画で需要側の対策を強化する。" in body
    assert not PostEvaluation.objects.exists()


@pytest.mark.parametrize("who", ["owner", "member", "co_member"])
def test_the_grantee_reads_it_and_cannot_record(make_project, client_as, staff, request, who):
    project = make_project("paid")
    services.record_evaluation(
        staff, project, evaluated_on=date(2021, 2, 10), rating="achieved", evaluation="計画どおりの成果。"
    )
    client = client_as(user_of(request, who))
    response = client.get(page(project))
    assert response.status_code == 200
    body = response.content.decode()
    assert "計画どおりの成果。" in body and "<form" not in body.split("<main", 1)[-1].split("</main>")[0]
    assert client.post(page(project), VALID).status_code == 403


def test_outsiders_get_404_and_anonymous_the_login(make_project, client_as, outsider):
    project = make_project("paid")
    assert client_as(outsider).get(page(project)).status_code == 404
    assert client_as(outsider).post(page(project), VALID).status_code == 404
    assert client_as(None).get(page(project)).status_code == 302
    assert not PostEvaluation.objects.exists()


def test_not_before_completion(make_project, client_as, staff):
    project = make_project("decided")
    response = client_as(staff).post(page(project), VALID)
    assert response.status_code == 403


@pytest.mark.parametrize("who", ["owner", "member", "co_member", "outsider", "anonymous"])
def test_the_list_and_csv_are_the_secretariats(client_as, request, who):
    client = client_as(user_of(request, who))
    assert client.get(LIST).status_code == 404
    assert client.get(f"{LIST}export.csv").status_code == 404
    assert not AuditEntry.objects.filter(action="grants.post_evaluations.exported").exists()


def test_the_list_filters_due_overdue_done(make_project, client_as, staff):
    overdue = make_project("paid", title="期限を過ぎた事業")
    due = make_project("paid", title="今年度に評価する事業")
    Project.objects.filter(pk=due.pk).update(completed_on=date(2021, 1, 15))
    done = make_project("paid", title="評価済みの事業")
    services.record_evaluation(
        staff, done, evaluated_on=date(2021, 2, 1), rating="achieved", evaluation="良好"
    )
    make_project("decided", title="未完了の事業")
    client = client_as(staff)
    everything = client.get(LIST).content.decode()
    assert all(t in everything for t in ("期限を過ぎた事業", "今年度に評価する事業", "評価済みの事業"))
    assert "未完了の事業" not in everything
    for name, shown in (("overdue", overdue), ("due", due), ("done", done)):
        body = client.get(f"{LIST}?filter={name}").content.decode()
        assert shown.title in body
        assert {overdue.title, due.title, done.title} - {shown.title} <= {
            t for t in (overdue.title, due.title, done.title) if t not in body
        }
    assert client.get(f"{LIST}?page=9").status_code == 404


def test_the_csv_is_audited(make_project, client_as, staff):
    project = make_project("paid", title="=HYPERLINK(1)")
    services.record_evaluation(
        staff,
        project,
        evaluated_on=date(2021, 2, 1),
        rating="achieved",
        evaluation="良好",
        actual_t_co2=Decimal("10.5"),
    )
    response = client_as(staff).get(f"{LIST}export.csv?filter=done")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("補助事業,補助事業者")
    assert "'=HYPERLINK(1)" in text and "10.500" in text and "実施済み" in text
    entry = AuditEntry.objects.get(action="grants.post_evaluations.exported")
    assert entry.actor == staff and entry.data["rows"] == 1 and entry.data["filter"] == "done"


def test_the_overview_says_when_it_is_due(make_project, client_as, owner, staff):
    project = make_project("paid")
    body = client_as(owner).get(f"/grants/p/{project.public_id}/").content.decode()
    assert "2021年3月31日までに受ける" in body and page(project) in body
    services.record_evaluation(
        staff, project, evaluated_on=date(2021, 2, 10), rating="achieved", evaluation="計画どおり。"
    )
    assert "実施済み" in client_as(owner).get(f"/grants/p/{project.public_id}/").content.decode()


def test_the_secretariats_start_page_counts_the_overdue(make_project, client_as, staff):
    make_project("paid")  # completed 2020-02-20: due 2021-03-31, overdue today
    body = client_as(staff).get("/my/").content.decode()
    assert "期限を過ぎた事後評価" in body and "/grants/post-evaluations/?filter=overdue" in body


def test_the_feedback_shows_on_the_regions_plan_for_its_insiders(
    make_project, client_as, staff, owner, outsider
):
    from junkan.municipalities.models import Municipality
    from junkan.regional.models import BusinessPlan
    from junkan.registry.models import RegionRegistration

    project = make_project("paid")
    region = RegionRegistration.objects.create(
        organization=project.organization,
        name="南信州",
        challenges="課題",
        desired_future="未来",
        backcasting="道筋",
        status="approved",
    )
    region.municipalities.set([Municipality.objects.get(code="202053")])
    plan = BusinessPlan.objects.create(region=region, title="南信州の事業計画", is_published=True)
    services.record_evaluation(
        staff,
        project,
        evaluated_on=date(2021, 2, 10),
        rating="partly",
        evaluation="原料不足。",
        feedback_to_plan="排出事業者との連携を重点施策に。",
        business_plan=plan,
    )
    url = f"/regional/plans/{plan.pk}/"
    assert "排出事業者との連携を重点施策に。" in client_as(owner).get(url).content.decode()
    assert (
        "排出事業者との連携を重点施策に。" not in client_as(outsider).get(url).content.decode()
    )  # public plan


def test_a_plan_of_another_region_is_refused(make_project, staff, make_user):
    from django.core.exceptions import ValidationError

    from junkan.organizations.models import Organization
    from junkan.regional.models import BusinessPlan
    from junkan.registry.models import RegionRegistration

    project = make_project("paid")
    other = Organization.objects.create(kind="npo", name="別の地域のNPO")
    region = RegionRegistration.objects.create(
        organization=other, name="別の地域", challenges="課題", desired_future="未来", backcasting="道筋"
    )
    plan = BusinessPlan.objects.create(region=region, title="別の地域の計画")
    with pytest.raises(ValidationError) as error:
        services.record_evaluation(
            staff,
            project,
            evaluated_on=date(2021, 2, 10),
            rating="achieved",
            evaluation="良好",
            business_plan=plan,
        )
    assert "business_plan" in error.value.error_dict


def test_the_grantee_is_told_once(make_project, staff, mailoutbox, django_capture_on_commit_callbacks):
    project = make_project("paid")
    values = {"evaluated_on": date(2021, 2, 10), "rating": "achieved", "evaluation": "計画どおり。"}
    with django_capture_on_commit_callbacks(execute=True):
        services.record_evaluation(staff, project, **values)
    with django_capture_on_commit_callbacks(execute=True):
        services.record_evaluation(staff, project, **{**values, "evaluation": "計画どおり（修正）。"})
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert "事後評価" in message.subject and "計画どおり。" in message.body
    assert set(message.to) == {"owner@example.jp", "member@example.jp"}
    assert f"/grants/p/{project.public_id}/post-evaluation/" in message.body
