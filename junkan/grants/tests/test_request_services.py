"""Information requests and hearings: creating, answering with files, closing and reopening, with audit."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.utils import timezone

from junkan.applications.samples import minimal_pdf
from junkan.audit.models import AuditEntry
from junkan.grants.models import DocumentKind, InfoRequest, InfoRequestKind, InfoRequestStatus, Project
from junkan.grants.services import requests as services

pytestmark = pytest.mark.django_db
TOKYO = ZoneInfo("Asia/Tokyo")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SECRETARIAT_EMAIL = "secretariat@example.jp"


def pdf(name: str = "回答資料.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, minimal_pdf(b"test"), content_type="application/pdf")


def new_request(staff, project: Project, **kwargs) -> InfoRequest:
    values = {
        "kind": InfoRequestKind.INFORMATION,
        "subject": "事業の進捗状況について",
        "body": "調査の進捗と現時点の成果を教えてください。",
        "requested_on": date(2019, 10, 1),
        "answer_by": date(2019, 10, 31),
    }
    values.update(kwargs)
    return services.create_request(staff, project, **values)


def test_create_an_information_request(make_project, staff, django_capture_on_commit_callbacks):
    project = make_project("decided")
    with django_capture_on_commit_callbacks(execute=True):
        info = new_request(staff, project, files=[pdf("依頼文.pdf")])
    assert info.status == InfoRequestStatus.OPEN
    assert info.requested_by == staff
    (document,) = info.documents.all()
    assert document.kind == DocumentKind.OTHER and document.original_name == "依頼文.pdf"
    entry = AuditEntry.objects.for_object(info).get(action="grants.info_request.created")
    assert entry.data["kind"] == "information" and entry.data["files"] == 1
    (message,) = mail.outbox
    assert sorted(message.to) == ["member@example.jp", "owner@example.jp"]
    assert "事業の進捗状況について" in message.subject
    assert "2019年10月31日" in message.body


def test_hearings_need_a_date_and_time(make_project, staff):
    project = make_project("decided")
    with pytest.raises(ValidationError) as caught:
        new_request(staff, project, kind=InfoRequestKind.HEARING)
    assert "meeting_at" in caught.value.message_dict
    at = datetime(2019, 11, 5, 14, 0, tzinfo=TOKYO)
    info = new_request(
        staff, project, kind=InfoRequestKind.HEARING, meeting_at=at, place="関東地方環境事務所"
    )
    assert info.meeting_at == at and info.place == "関東地方環境事務所"


def test_request_validations(make_project, staff):
    with pytest.raises(ValidationError) as caught:
        new_request(
            staff, make_project("decided"), kind="phone", subject=" ", body="", answer_by=date(2019, 9, 30)
        )
    assert set(caught.value.message_dict) == {"kind", "subject", "body", "answer_by"}
    assert not InfoRequest.objects.exists()


@pytest.mark.parametrize(
    ("who", "error"), [("owner", PermissionDenied), ("co_member", PermissionDenied), ("outsider", Http404)]
)
def test_only_the_secretariat_requests(make_project, request, who, error):
    with pytest.raises(error):
        new_request(request.getfixturevalue(who), make_project("decided"))


def test_answer_with_files(make_project, staff, member, django_capture_on_commit_callbacks):
    project = make_project("decided")
    info = new_request(staff, project)
    with django_capture_on_commit_callbacks(execute=True):
        services.transition_request(member, info, "answer", answer="別添のとおり回答します。", files=[pdf()])
    info.refresh_from_db()
    assert info.status == InfoRequestStatus.ANSWERED
    assert info.answer == "別添のとおり回答します。"
    assert info.answered_by == member and info.answered_at is not None
    (document,) = info.documents.all()
    assert document.kind == DocumentKind.ANSWER and document.project == project
    entry = AuditEntry.objects.for_object(info).get(action="grants.info_request.answered")
    assert entry.changes["status"] == ["open", "answered"]
    assert entry.changes["answer"] == ["", "別添のとおり回答します。"]
    assert mail.outbox[-1].to == ["secretariat@example.jp"]


def test_answer_needs_text_and_a_rejected_file_saves_nothing(make_project, staff, owner):
    project = make_project("decided")
    info = new_request(staff, project)
    with pytest.raises(ValidationError) as caught:
        services.transition_request(owner, info, "answer", answer="  ")
    assert "answer" in caught.value.message_dict
    bad = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError):
        services.transition_request(owner, info, "answer", answer="回答", files=[bad])
    info.refresh_from_db()
    assert info.status == InfoRequestStatus.OPEN and info.answer == ""
    assert not AuditEntry.objects.filter(action="grants.info_request.answered").exists()


@pytest.mark.parametrize(
    ("who", "error"), [("staff", PermissionDenied), ("co_member", PermissionDenied), ("outsider", Http404)]
)
def test_only_the_grantee_answers(make_project, staff, request, who, error):
    info = new_request(staff, make_project("decided"))
    with pytest.raises(error):
        services.transition_request(request.getfixturevalue(who), info, "answer", answer="回答")


def test_reopen_then_answer_again_then_close(make_project, staff, owner, django_capture_on_commit_callbacks):
    info = new_request(staff, make_project("decided"))
    services.transition_request(owner, info, "answer", answer="第一回の回答")
    with pytest.raises(ValidationError) as caught:
        services.transition_request(staff, info, "reopen")
    assert "note" in caught.value.message_dict
    with django_capture_on_commit_callbacks(execute=True):
        services.transition_request(staff, info, "reopen", note="CO2削減量の算定根拠を添付してください。")
    info.refresh_from_db()
    assert info.status == InfoRequestStatus.OPEN
    assert "CO2削減量の算定根拠を添付してください。" in mail.outbox[-1].body
    services.transition_request(owner, info, "answer", answer="第二回の回答")
    services.transition_request(staff, info, "close")
    info.refresh_from_db()
    assert info.status == InfoRequestStatus.CLOSED and info.answer == "第二回の回答"
    assert [e.action for e in services.history(info)] == [
        "grants.info_request.created",
        "grants.info_request.answered",
        "grants.info_request.reopened",
        "grants.info_request.answered",
        "grants.info_request.closed",
    ]
    with pytest.raises(ValidationError):
        services.transition_request(staff, info, "reopen", note="もう一度")


def test_close_an_open_request_needs_a_note(make_project, staff):
    info = new_request(
        staff,
        make_project("decided"),
        kind=InfoRequestKind.HEARING,
        meeting_at=datetime(2019, 11, 5, 14, 0, tzinfo=TOKYO),
    )
    with pytest.raises(ValidationError) as caught:
        services.transition_request(staff, info, "close")
    assert "note" in caught.value.message_dict
    services.transition_request(staff, info, "close", note="11月5日にヒアリングを実施しました。")
    info.refresh_from_db()
    assert info.status == InfoRequestStatus.CLOSED
    entry = AuditEntry.objects.for_object(info).get(action="grants.info_request.closed")
    assert entry.data["note"] == "11月5日にヒアリングを実施しました。"
    with pytest.raises(ValidationError):
        services.transition_request(staff, info, "close", note="again")


def test_reopen_only_an_answered_request_and_unknown_moves(make_project, staff):
    info = new_request(staff, make_project("decided"))
    with pytest.raises(ValidationError):
        services.transition_request(staff, info, "reopen", note="不足があります")
    with pytest.raises(ValueError, match="unknown"):
        services.transition_request(staff, info, "delete")


def test_nothing_after_disposal(make_project, staff, owner):
    project = make_project("decided")
    info = new_request(staff, project)
    Project.objects.filter(pk=project.pk).update(disposed_at=timezone.now())
    project.refresh_from_db()
    with pytest.raises(ValidationError, match="廃棄"):
        new_request(staff, project)
    with pytest.raises(PermissionDenied):
        services.transition_request(owner, InfoRequest.objects.get(pk=info.pk), "answer", answer="回答")
    with pytest.raises(ValidationError, match="廃棄"):
        services.transition_request(staff, InfoRequest.objects.get(pk=info.pk), "close", note="x")


def test_overdue(make_project, staff):
    info = new_request(staff, make_project("decided"))
    assert not services.is_overdue(info, date(2019, 10, 31))
    assert services.is_overdue(info, date(2019, 11, 1))
