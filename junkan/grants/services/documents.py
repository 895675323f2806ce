"""Files of a project (receipts, invoices, utility data, answers): checked by content, stored safely."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from junkan.audit.services import record
from junkan.common import files, uploads
from junkan.common.permissions import enforce
from junkan.grants import permissions
from junkan.grants.models import (
    EDITABLE_REPORT_STATUSES,
    CostLine,
    DocumentKind,
    GrantDocument,
    InfoRequest,
    Inspection,
    Project,
    Report,
)
from junkan.grants.services.lifecycle import lock


def add_document(
    actor: Any,
    project: Project,
    kind: str,
    upload: UploadedFile,
    *,
    report: Report | None = None,
    cost_line: CostLine | None = None,
    info_request: InfoRequest | None = None,
    inspection: Inspection | None = None,
    as_secretariat: bool = False,
) -> GrantDocument:
    """Store a file of the project after checking it by content and size; ValidationError with the reason.

    The grantee adds files (``as_secretariat`` False); the secretariat attaches files to its requests."""
    enforce(permissions.can_manage(actor, project) if as_secretariat else permissions.can_act(actor, project))
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": _("書類の種類を選んでください。")})
    for owner in (report, cost_line and cost_line.report, info_request, inspection):
        if owner is not None and owner.project_id != project.pk:
            raise ValidationError(_("この補助事業の書類ではありません。"))
    with files.removed_on_rollback() as written, transaction.atomic():
        project = lock(project)
        # The 100 MB limit of an application applies to each bundle: a report's files, a request's answer.
        bundle = project.documents.filter(report=report, info_request=info_request, inspection=inspection)
        used = bundle.aggregate(total=Sum("size"))["total"] or 0
        try:
            accepted = files.accept(upload.file, upload.size, upload.name or "", used)
        except uploads.UploadRejected as error:
            raise ValidationError({"file": str(error)}) from None
        document = GrantDocument(
            project=project,
            report=report,
            cost_line=cost_line,
            info_request=info_request,
            inspection=inspection,
            kind=kind,
            original_name=accepted.name,
            content_type=accepted.kind.content_type,
            size=accepted.size,
            sha256=accepted.sha256,
            uploaded_by=actor,
        )
        document.file.save("upload", upload, save=False)
        files.keep(written, document.file)
        document.save()
        record(
            actor,
            "grants.document.added",
            project,
            data={
                "document": str(document.public_id),
                "kind": kind,
                "name": document.original_name,
                "size": upload.size,
                "report": report.pk if report else None,
                "cost_line": cost_line.pk if cost_line else None,
            },
        )
    return document


def remove_document(actor: Any, document: GrantDocument) -> None:
    """Remove a file the grantee added, while what it belongs to can still be changed."""
    project = document.project
    enforce(permissions.can_act(actor, project))
    if document.report is not None and document.report.status not in EDITABLE_REPORT_STATUSES:
        raise ValidationError(_("提出済みの報告の書類は削除できません。"))
    with transaction.atomic():
        lock(project)
        name = document.original_name
        public_id = str(document.public_id)
        storage, stored = document.file.storage, document.file.name
        document.delete()
        record(actor, "grants.document.removed", project, data={"document": public_id, "name": name})
        # The stored file goes only once the removal is committed: a rollback keeps row and file together.
        transaction.on_commit(lambda: storage.delete(stored))
