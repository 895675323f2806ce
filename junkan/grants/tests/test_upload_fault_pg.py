"""A real fault on PostgreSQL: the request's database backend is killed during a report's document upload
(after the file is written, or after the row is inserted); afterwards there is no orphan file, no row, no
audit entry, and the same upload then goes through."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import DatabaseError
from django.urls import reverse

from junkan.audit.models import AuditEntry
from junkan.common import files
from junkan.common.tests.pgfault import killing_after, reconnect, requires_postgresql
from junkan.grants.models import GrantDocument
from junkan.grants.tests.test_report_views import pdf

pytestmark = [requires_postgresql, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def shipped(transactional_db, settings, tmp_path) -> Path:
    """Reference data back if an earlier transactional test flushed it; uploads in a fresh directory."""
    from junkan.municipalities.models import Municipality

    if not Municipality.objects.exists():
        from tests.browser.conftest import reload_shipped_data

        reload_shipped_data()
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.parametrize("step", ["file written", "row inserted"])
def test_the_backend_killed_mid_upload_leaves_no_file_and_no_row(
    make_project, client_as, owner, ecotown_call, shipped, step, monkeypatch
):
    project = make_project("paid", call=ecotown_call, type_code="fs")
    annual = project.reports.filter(kind="annual").first()
    before = GrantDocument.objects.count()
    killed: list[int] = []
    if step == "file written":
        monkeypatch.setattr(files, "keep", killing_after(files.keep, killed))
    else:
        monkeypatch.setattr(GrantDocument, "save", killing_after(GrantDocument.save, killed))
    client = client_as(owner)
    client.raise_request_exception = False
    url = reverse("grants:report_document_upload", args=[project.public_id, annual.pk])
    response = client.post(url, {"doc-kind": "utility_data", "doc-file": pdf("denki.pdf")})
    reconnect()
    assert killed, "the backend was not terminated"
    assert response.status_code == 500
    assert isinstance(response.exc_info[1], DatabaseError)  # the connection died, nothing else failed
    assert GrantDocument.objects.count() == before == 0
    assert not AuditEntry.objects.filter(action="grants.document.added").exists()
    assert [p for p in shipped.rglob("*") if p.is_file()] == []
    assert client.post(url, {"doc-kind": "utility_data", "doc-file": pdf("denki.pdf")}).status_code == 302
    document = GrantDocument.objects.get(report=annual)
    assert [p for p in shipped.rglob("*") if p.is_file()] == [shipped / document.file.name]
