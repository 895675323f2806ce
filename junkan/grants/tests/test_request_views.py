"""Information requests pages: the list and new-request form, the answer with files, close and reopen."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from junkan.applications.samples import minimal_pdf
from junkan.grants.models import DocumentKind, InfoRequest, InfoRequestKind, InfoRequestStatus, Project
from junkan.grants.services import requests as services

pytestmark = pytest.mark.django_db
PEOPLE = ["owner", "member", "co_member", "staff"]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def user_of(request, who):
    return None if who == "anonymous" else request.getfixturevalue(who)


def url(name: str, project: Project, *args) -> str:
    return reverse(f"grants:{name}", args=[project.public_id, *args])


def new_request(staff, project: Project, subject: str = "事業の進捗状況について") -> InfoRequest:
    return services.create_request(
        staff,
        project,
        kind=InfoRequestKind.INFORMATION,
        subject=subject,
        body="調査の進捗を教えてください。",
        requested_on=date(2019, 10, 1),
        answer_by=date(2019, 10, 31),
    )


def test_url_names(make_project):
    project = make_project("decided")
    assert url("requests", project) == f"/grants/p/{project.public_id}/requests/"
    assert url("request_detail", project, 7) == f"/grants/p/{project.public_id}/requests/7/"


@pytest.mark.parametrize("who", PEOPLE)
def test_list_for_the_parties_and_the_secretariat(make_project, client_as, request, staff, who):
    project = make_project("decided")
    info = new_request(staff, project)
    response = client_as(user_of(request, who)).get(url("requests", project))
    assert response.status_code == 200
    text = response.content.decode()
    assert text.count("<h1>") == 1
    assert 'aria-current="page">情報提供・ヒアリング' in text
    assert f'href="{url("request_detail", project, info.pk)}"' in text
    assert "<caption>要請の一覧</caption>" in text
    assert "期限超過" in text  # the answer date 2019-10-31 has long passed
    assert ('name="subject"' in text) == (who == "staff")


@pytest.mark.parametrize("who", ["outsider", "anonymous"])
def test_hidden_from_others(make_project, client_as, request, staff, who):
    project = make_project("decided")
    info = new_request(staff, project)
    client = client_as(user_of(request, who))
    for target in (url("requests", project), url("request_detail", project, info.pk)):
        response = client.get(target)
        assert response.status_code == (302 if who == "anonymous" else 404)
    response = client.post(url("request_detail", project, info.pk), {"action": "answer", "answer": "x"})
    assert response.status_code == (302 if who == "anonymous" else 404)
    info.refresh_from_db()
    assert info.status == InfoRequestStatus.OPEN


def test_the_secretariat_creates_a_hearing(make_project, client_as, staff):
    project = make_project("decided")
    client = client_as(staff)
    data = {
        "kind": "hearing",
        "subject": "ヒアリングのお願い",
        "body": "事業の社会的意義についてお話を伺います。",
        "requested_on": "2019-10-01",
        "answer_by": "",
        "meeting_at": "",
        "place": "関東地方環境事務所",
    }
    response = client.post(url("requests", project), data)
    assert response.status_code == 200
    text = response.content.decode()
    assert 'href="#id_meeting_at"' in text and 'value="ヒアリングのお願い"' in text
    attachment = SimpleUploadedFile("日程.pdf", minimal_pdf(), content_type="application/pdf")
    response = client.post(
        url("requests", project), {**data, "meeting_at": "2019-11-05T14:00", "files": attachment}
    )
    info = InfoRequest.objects.get(project=project)
    assert response.status_code == 302 and response["Location"] == url("request_detail", project, info.pk)
    assert info.kind == InfoRequestKind.HEARING and info.meeting_at is not None
    assert info.documents.get().original_name == "日程.pdf"
    text = client.get(url("request_detail", project, info.pk)).content.decode()
    assert "14:00" in text and "関東地方環境事務所" in text
    assert "日程.pdf" in text


@pytest.mark.parametrize(("who", "status"), [("owner", 403), ("co_member", 403)])
def test_only_the_secretariat_creates(make_project, client_as, request, who, status):
    project = make_project("decided")
    response = client_as(user_of(request, who)).post(
        url("requests", project),
        {"kind": "information", "subject": "s", "body": "b", "requested_on": "2019-10-01"},
    )
    assert response.status_code == status
    assert not InfoRequest.objects.exists()


def test_the_grantee_answers_with_a_file(make_project, client_as, staff, member):
    project = make_project("decided")
    info = new_request(staff, project)
    client = client_as(member)
    text = client.get(url("request_detail", project, info.pk)).content.decode()
    assert 'value="answer"' in text and 'enctype="multipart/form-data"' in text
    assert 'value="close"' not in text
    response = client.post(url("request_detail", project, info.pk), {"action": "answer", "answer": ""})
    assert response.status_code == 200 and 'href="#id_answer"' in response.content.decode()
    upload = SimpleUploadedFile("回答.pdf", minimal_pdf(), content_type="application/pdf")
    response = client.post(
        url("request_detail", project, info.pk),
        {"action": "answer", "answer": "別添のとおりです。", "files": upload},
    )
    assert response.status_code == 302
    info.refresh_from_db()
    assert info.status == InfoRequestStatus.ANSWERED
    document = info.documents.get()
    assert document.kind == DocumentKind.ANSWER
    text = client.get(url("request_detail", project, info.pk)).content.decode()
    assert "別添のとおりです。" in text
    assert f'href="{reverse("grants:document", args=[project.public_id, document.public_id])}"' in text
    assert 'value="answer"' not in text


@pytest.mark.parametrize(
    ("who", "action", "status"),
    [
        ("co_member", "answer", 403),
        ("staff", "answer", 403),
        ("owner", "close", 403),
        ("owner", "reopen", 403),
    ],
)
def test_each_side_does_its_own_part(make_project, client_as, request, staff, who, action, status):
    project = make_project("decided")
    info = new_request(staff, project)
    response = client_as(user_of(request, who)).post(
        url("request_detail", project, info.pk), {"action": action, "answer": "回答", "note": "記録"}
    )
    assert response.status_code == status
    info.refresh_from_db()
    assert info.status == InfoRequestStatus.OPEN


def test_the_secretariat_reopens_and_closes(make_project, client_as, staff, owner):
    project = make_project("decided")
    info = new_request(staff, project)
    services.transition_request(owner, info, "answer", answer="回答です。")
    client = client_as(staff)
    text = client.get(url("request_detail", project, info.pk)).content.decode()
    assert 'value="reopen"' in text and 'value="close"' in text
    response = client.post(url("request_detail", project, info.pk), {"action": "reopen", "note": ""})
    assert response.status_code == 200 and "不足している点" in response.content.decode()
    response = client.post(
        url("request_detail", project, info.pk), {"action": "reopen", "note": "根拠資料を添付してください。"}
    )
    assert response.status_code == 302
    info.refresh_from_db()
    assert info.status == InfoRequestStatus.OPEN
    text = client_as(owner).get(url("request_detail", project, info.pk)).content.decode()
    assert "根拠資料を添付してください。" in text  # the note, in the history
    assert 'value="answer"' in text
    response = client.post(
        url("request_detail", project, info.pk), {"action": "close", "note": "打合せで確認しました。"}
    )
    assert response.status_code == 302
    info.refresh_from_db()
    assert info.status == InfoRequestStatus.CLOSED
    text = client.get(url("request_detail", project, info.pk)).content.decode()
    assert 'value="close"' not in text


def test_unknown_action_is_a_bad_request(make_project, client_as, staff):
    project = make_project("decided")
    info = new_request(staff, project)
    assert (
        client_as(staff).post(url("request_detail", project, info.pk), {"action": "delete"}).status_code
        == 400
    )


def test_request_of_another_project_is_404(make_project, client_as, staff):
    project, other = make_project("decided"), make_project("decided")
    info = new_request(staff, project)
    assert client_as(staff).get(url("request_detail", other, info.pk)).status_code == 404


def test_list_queries_do_not_grow_with_requests(make_project, client_as, staff, owner):
    def count(n: int) -> int:
        project = make_project("decided")
        for i in range(n):
            new_request(staff, project, subject=f"要請{i}")
        client = client_as(owner)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url("requests", project))
        assert response.content.decode().count("要請") >= n
        return len(queries)

    assert count(1) == count(5)


def test_a_move_posted_twice_says_it_is_no_longer_possible(make_project, client_as, staff, owner):
    project = make_project("decided")
    info = new_request(staff, project)
    services.transition_request(owner, info, "answer", answer="回答です。")
    response = client_as(owner).post(
        url("request_detail", project, info.pk), {"action": "answer", "answer": "もう一度"}, follow=True
    )
    assert "「回答済み」のため、この手続（回答する）はできません。" in response.content.decode()
    info.refresh_from_db()
    assert info.answer == "回答です。"
