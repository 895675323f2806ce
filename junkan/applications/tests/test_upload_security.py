"""Uploads end to end: hostile files refused at the form, downloads sandboxed and audited, no orphan file and
no half-saved row when the database goes away mid-upload, body limits before the body is read."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.urls import reverse

from junkan.applications import services
from junkan.applications.models import Document
from junkan.applications.samples import MINIMAL_PDF
from junkan.audit.models import AuditEntry


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


def _read(response) -> bytes:
    data = b"".join(response.streaming_content)
    for closer in getattr(response, "_resource_closers", []):
        closer()
    return data


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"%PDF-1.4\n<html><script>alert(document.cookie)</script></html>", "x.html"),
        (b"%PDF-1.4\nMZ\x90\x00\x03" + b"\x00" * 2048, "見積書.pdf"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "写真.png"),
    ],
    ids=["pdf-then-html", "pdf-then-executable", "svg"],
)
def test_polyglots_are_refused_at_the_form(client_as, draft, owner, media, data, name):
    url = reverse("applications:documents", args=[draft.public_id])
    response = client_as(owner).post(url, {"kind": "cost_basis", "file": SimpleUploadedFile(name, data)})
    assert response.status_code == 200
    text = response.content.decode()
    assert "受け付けていません" in text or "として読み取れません" in text
    assert not Document.objects.exists()
    assert stored_files(media) == []


def test_a_download_is_sandboxed_named_by_its_kind_and_audited(client_as, draft, owner, media):
    upload = SimpleUploadedFile("invoice\u202efdp.html", MINIMAL_PDF, "text/html")
    document = services.add_document(owner, draft, "cost_basis", upload)
    assert document.original_name == "invoicefdp.html"  # display text only, no bidi override
    url = reverse("applications:document", args=[draft.public_id, document.public_id])
    response = client_as(owner).get(url)
    assert _read(response) == MINIMAL_PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="invoicefdp.pdf"' in response["Content-Disposition"]
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    entry = AuditEntry.objects.get(action="applications.document.downloaded")
    assert entry.actor == owner and entry.object_id == str(document.pk)
    assert entry.data["document"] == str(document.public_id)


def test_the_database_gone_mid_upload_leaves_no_file_and_no_row(client_as, draft, owner, media, monkeypatch):
    """The row and the file are saved, then the connection dies before the audit entry and the commit."""

    def connection_lost(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(services, "record", connection_lost)
    with pytest.raises(OperationalError):
        services.add_document(owner, draft, "cost_basis", SimpleUploadedFile("見積書.pdf", MINIMAL_PDF))
    assert not Document.objects.exists()
    assert stored_files(media) == []


def test_the_database_gone_at_the_form_leaves_no_orphan_either(client_as, draft, owner, media, monkeypatch):
    from junkan.applications import models

    saved = models.Document.save

    def save_then_lose_the_connection(self, *args, **kwargs):
        saved(self, *args, **kwargs)
        raise OperationalError("terminating connection due to administrator command")

    monkeypatch.setattr(models.Document, "save", save_then_lose_the_connection)
    client = client_as(owner)
    client.raise_request_exception = False
    url = reverse("applications:documents", args=[draft.public_id])
    response = client.post(url, {"kind": "cost_basis", "file": SimpleUploadedFile("見積書.pdf", MINIMAL_PDF)})
    assert response.status_code == 500
    assert not Document.objects.exists()
    assert stored_files(media) == []


def test_a_declared_body_over_the_limit_is_refused_before_it_is_read(client, settings):
    settings.MAX_REQUEST_BYTES = 1024 * 1024

    class Unreadable:
        def read(self, *args):
            raise AssertionError("the body must not be read")

        readline = read

    response = client.generic(
        "POST",
        "/accounts/login/",
        CONTENT_LENGTH=str(2 * 1024 * 1024 * 1024),
        CONTENT_TYPE="multipart/form-data; boundary=x",
        **{"wsgi.input": Unreadable()},
    )
    assert response.status_code == 413
    assert "大きすぎます" in response.content.decode()


def test_a_chunked_body_is_refused(client):
    response = client.generic("POST", "/accounts/login/", b"", HTTP_TRANSFER_ENCODING="chunked")
    assert response.status_code == 411


def test_a_body_within_the_limit_goes_through(client, db):
    assert client.post("/accounts/login/", {"login": "a@example.jp", "password": "x"}).status_code == 200


def test_exports_are_audited_and_sandboxed(client_as, submitted, staff, owner):
    inbox = client_as(staff).get(reverse("applications:inbox_csv", args=[submitted.program.slug]))
    assert inbox.status_code == 200 and inbox["Content-Security-Policy"].startswith("sandbox")
    entry = AuditEntry.objects.get(action="applications.inbox.exported")
    assert entry.actor == staff and entry.data["format"] == "csv"
    url = reverse("applications:submission_xlsx", args=[submitted.public_id, 1])
    assert client_as(owner).get(url).status_code == 200
    exported = AuditEntry.objects.get(action="applications.submission.exported")
    assert exported.actor == owner and exported.data == {"version": 1, "format": "xlsx"}
    # A read is not a change of the application: its history (the applicant's to read) does not list it.
    assert not AuditEntry.objects.for_object(submitted).filter(action__endswith="exported").exists()
