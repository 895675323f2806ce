"""Records retention: nothing deleted before the date, disposal after it, and what disposal keeps."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from junkan.applications.samples import minimal_pdf
from junkan.audit.models import AuditEntry
from junkan.grants import permissions
from junkan.grants.models import CostLine, DocumentKind, GrantDocument, Project
from junkan.grants.services import documents, retention

pytestmark = pytest.mark.django_db

KEPT_UNTIL = date(2025, 3, 31)  # completed 2020-02-20 (FY2019)
LAST_DAY = KEPT_UNTIL
FIRST_FREE_DAY = date(2025, 4, 1)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def with_files(project: Project, owner) -> list[GrantDocument]:
    report = project.reports.get(kind="completion")
    line = CostLine.objects.get(report=report)
    receipt = SimpleUploadedFile("領収書.pdf", minimal_pdf(b"receipt"), content_type="application/pdf")
    body = SimpleUploadedFile("報告書.pdf", minimal_pdf(b"report"), content_type="application/pdf")
    return [
        documents.add_document(owner, project, DocumentKind.RECEIPT, receipt, cost_line=line),
        documents.add_document(owner, project, DocumentKind.REPORT_BODY, body, report=report),
    ]


def test_guard_refuses_until_the_retention_date_has_passed(make_project):
    project = make_project("paid")
    assert project.retain_until == KEPT_UNTIL
    with pytest.raises(retention.RecordsKept, match="2025-03-31"):
        retention.guard_delete(project, LAST_DAY)
    retention.guard_delete(project, FIRST_FREE_DAY)  # no error


def test_guard_refuses_while_no_date_is_known(make_project):
    project = make_project("decided")
    assert project.retain_until is None
    with pytest.raises(retention.RecordsKept, match="定まっていない"):
        retention.guard_delete(project, date(2100, 1, 1))


def test_guard_uses_today_by_default(make_project):
    project = make_project("paid")
    Project.objects.filter(pk=project.pk).update(retain_until=date(2999, 3, 31))
    project.refresh_from_db()
    with pytest.raises(ValidationError):
        retention.guard_delete(project)


def test_disposable_lists_only_projects_past_their_date(make_project):
    kept = make_project("paid")
    due = make_project("paid")
    Project.objects.filter(pk=due.pk).update(retain_until=date(2024, 3, 31))
    never = make_project("decided")
    assert list(retention.disposable(date(2024, 3, 31))) == []
    assert list(retention.disposable(date(2024, 4, 1))) == [due]
    assert set(retention.disposable(FIRST_FREE_DAY)) == {kept, due}
    assert list(retention.disposable(LAST_DAY)) == [due]
    assert never not in retention.overview(FIRST_FREE_DAY)
    assert [p.pk for p in retention.overview(LAST_DAY)] == [due.pk, kept.pk]


def test_dispose_refused_before_the_date(make_project, owner, staff):
    project = make_project("paid")
    with_files(project, owner)
    with pytest.raises(ValidationError, match="保存する必要"):
        retention.dispose(staff, project, today=LAST_DAY)
    project.refresh_from_db()
    assert project.disposed_at is None
    assert project.documents.count() == 2
    assert CostLine.objects.filter(report__project=project).count() == 1
    assert not AuditEntry.objects.filter(action="grants.project.disposed").exists()


def test_dispose_after_the_date_removes_files_and_cost_lines(
    make_project, owner, staff, tmp_path, django_capture_on_commit_callbacks
):
    project = make_project("paid")
    stored = [doc.file.name for doc in with_files(project, owner)]
    assert all((tmp_path / name).exists() for name in stored)
    with django_capture_on_commit_callbacks(execute=True):
        retention.dispose(staff, project, today=FIRST_FREE_DAY)
    project.refresh_from_db()
    assert project.disposed_at is not None
    assert not any((tmp_path / name).exists() for name in stored)
    assert not GrantDocument.objects.filter(project=project).exists()
    assert not CostLine.objects.filter(report__project=project).exists()
    # Kept: the project, its figures, its reports and its history.
    assert project.paid_amount == 8_500_000 and project.determined_amount == 8_500_000
    assert project.reports.exists()
    entry = AuditEntry.objects.for_object(project).get(action="grants.project.disposed")
    assert entry.data["documents"] == 2 and entry.data["cost_lines"] == 1
    assert sorted(entry.data["document_names"]) == ["報告書.pdf", "領収書.pdf"]
    assert AuditEntry.objects.filter(action="grants.document.added").count() == 2
    # The grantee can no longer act on it; files are gone for everyone.
    assert not permissions.can_act(owner, project)
    with pytest.raises(ValidationError, match="既に廃棄"):
        retention.dispose(staff, project, today=FIRST_FREE_DAY)
    assert project not in retention.disposable(FIRST_FREE_DAY)


def test_files_stay_when_the_disposal_fails(make_project, owner, staff, tmp_path, monkeypatch):
    project = make_project("paid")
    stored = [doc.file.name for doc in with_files(project, owner)]

    def fail(*args, **kwargs):
        raise RuntimeError("audit down")

    monkeypatch.setattr("junkan.grants.services.lifecycle.record", fail)
    with pytest.raises(RuntimeError):
        retention.dispose(staff, project, today=FIRST_FREE_DAY)
    assert all((tmp_path / name).exists() for name in stored)
    assert project.documents.count() == 2


@pytest.mark.parametrize(
    ("who", "error"), [("owner", PermissionDenied), ("co_member", PermissionDenied), ("outsider", Http404)]
)
def test_only_the_secretariat_disposes(make_project, request, who, error):
    with pytest.raises(error):
        retention.dispose(request.getfixturevalue(who), make_project("paid"), today=FIRST_FREE_DAY)
