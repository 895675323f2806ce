"""A real fault on PostgreSQL: the request's database backend is killed during an attachment upload (after
the file is written, or after the row is inserted); afterwards there is no orphan file, no row, no audit
entry, and the same upload then goes through. The simulated fault tests in test_upload_security.py stay."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from django.urls import reverse

from junkan.applications import models
from junkan.applications.samples import MINIMAL_PDF
from junkan.audit.models import AuditEntry
from junkan.common import files
from junkan.common.tests.pgfault import killing_after, reconnect, requires_postgresql

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
    client_as, draft, owner, shipped, step, monkeypatch
):
    killed: list[int] = []
    if step == "file written":
        monkeypatch.setattr(files, "keep", killing_after(files.keep, killed))
    else:
        monkeypatch.setattr(models.Document, "save", killing_after(models.Document.save, killed))
    client = client_as(owner)
    client.raise_request_exception = False
    url = reverse("applications:documents", args=[draft.public_id])
    upload = {"kind": "cost_basis", "file": SimpleUploadedFile("見積書.pdf", MINIMAL_PDF)}
    response = client.post(url, upload)
    reconnect()
    assert killed, "the backend was not terminated"
    assert response.status_code == 500
    assert isinstance(response.exc_info[1], DatabaseError)  # the connection died, nothing else failed
    assert not models.Document.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="applications.document").exists()
    assert [p for p in shipped.rglob("*") if p.is_file()] == []
    # Nothing is left in a state that blocks the next try.
    upload["file"] = SimpleUploadedFile("見積書.pdf", MINIMAL_PDF)
    assert client.post(url, upload).status_code == 302
    document = models.Document.objects.get()
    assert [p for p in shipped.rglob("*") if p.is_file()] == [shipped / document.file.name]
