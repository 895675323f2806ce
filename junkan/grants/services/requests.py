"""Requests from the Ministry or its contractor (seed 002 4(4)): information, hearings, expert meetings.

The secretariat records a request (:func:`create_request`); the grantee answers it with text and files;
the secretariat closes it, or reopens an answer that is not enough. :func:`transition_request` makes the
moves declared in ``processes.INFO_REQUEST``:

- ``answer`` (grantee): OPEN → ANSWERED; the answer text is required, files are stored as ``answer``
  documents of the request (``services.documents.add_document``).
- ``close`` (secretariat): ANSWERED → CLOSED; also OPEN → CLOSED (a hearing that took place, a request
  withdrawn) with a note saying why, which is then required.
- ``reopen`` (secretariat): ANSWERED → OPEN with a note saying what is missing; the grantee answers again
  (the earlier answer stays in the audit log).

Notes are kept in the audit entries of the request (``grants.info_request.<verb>``, ``data["note"]``) and
shown with it. Nothing can be requested or answered once the
project's records have been disposed of.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, Final

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from junkan.audit.models import AuditEntry
from junkan.audit.services import record
from junkan.common import workflow
from junkan.common.permissions import enforce
from junkan.grants import permissions
from junkan.grants.engine import reminders
from junkan.grants.models import (
    DocumentKind,
    InfoRequest,
    InfoRequestKind,
    InfoRequestStatus,
    Project,
)
from junkan.grants.processes import INFO_REQUEST
from junkan.grants.services import documents, lifecycle, mail

# Requests for a meeting must say when it is.
MEETING_KINDS: Final = frozenset({InfoRequestKind.HEARING, InfoRequestKind.EXPERT_MEETING})
# The verbs of the forms → the declared moves.
MOVE_NAMES: Final = {"answer": "answered", "close": "closed", "reopen": "reopened"}


def _refuse_disposed(project: Project) -> None:
    if project.disposed_at is not None:
        raise ValidationError(_("この補助事業の記録は保存期限を過ぎて廃棄されています。"))


def create_request(
    actor: Any,
    project: Project,
    *,
    kind: str,
    subject: str,
    body: str,
    requested_on: date,
    answer_by: date | None = None,
    meeting_at: datetime | None = None,
    place: str = "",
    files: Sequence[UploadedFile] = (),
) -> InfoRequest:
    """Record a request to the grantee (secretariat), with optional files, and tell the grantee."""
    enforce(permissions.can_manage(actor, project))
    subject, body, place = (subject or "").strip(), (body or "").strip(), (place or "").strip()
    errors: dict[str, str] = {}
    if kind not in InfoRequestKind.values:
        errors["kind"] = _("要請の種類を選んでください。")
    if not subject:
        errors["subject"] = _("件名を入力してください。")
    if not body:
        errors["body"] = _("要請の内容を入力してください。")
    if answer_by is not None and answer_by < requested_on:
        errors["answer_by"] = _("回答期限は要請日以後の日付にしてください。")
    if kind in MEETING_KINDS and meeting_at is None:
        errors["meeting_at"] = _("ヒアリング・会議の日時を入力してください。")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = lifecycle.lock(project)
        _refuse_disposed(locked)
        info = InfoRequest.objects.create(
            project=locked,
            kind=kind,
            subject=subject,
            body=body,
            requested_on=requested_on,
            answer_by=answer_by,
            meeting_at=meeting_at,
            place=place,
            requested_by=actor,
        )
        for upload in files:
            documents.add_document(
                actor, locked, DocumentKind.OTHER, upload, info_request=info, as_secretariat=True
            )
        record(
            actor,
            "grants.info_request.created",
            info,
            changes={"status": [None, InfoRequestStatus.OPEN]},
            data={
                "info_request": info.pk,
                "kind": kind,
                "subject": subject,
                "requested_on": requested_on.isoformat(),
                "answer_by": answer_by.isoformat() if answer_by else None,
                "meeting_at": meeting_at.isoformat() if meeting_at else None,
                "files": len(files),
            },
        )
        pk = info.pk
        transaction.on_commit(lambda: _mail(pk, "created"))
    return info


def transition_request(
    actor: Any,
    info: InfoRequest,
    name: str,
    *,
    answer: str = "",
    note: str = "",
    files: Sequence[UploadedFile] = (),
) -> InfoRequest:
    """Make a move of an InfoRequest: ``answer`` (grantee), ``close`` or ``reopen`` (secretariat).

    The answer text is required; a reopening needs the note saying what is missing, and so does closing a
    request that was never answered."""
    move_name = MOVE_NAMES.get(name, name)
    try:
        move = INFO_REQUEST.move(move_name)
    except LookupError:
        raise ValueError(f"unknown info request move {name!r}") from None
    enforce(move.who(actor, info))
    answer, note = (answer or "").strip(), (note or "").strip()
    with transaction.atomic():
        locked_project = lifecycle.lock(info.project)
        _refuse_disposed(locked_project)
        current = InfoRequest.objects.select_for_update(of=("self",)).get(pk=info.pk)
        fields: dict[str, Any] = {}
        if move_name == "answered":
            if not answer and current.status in move.sources:
                raise ValidationError({"answer": _("回答を入力してください。")})
            fields = {"answer": answer, "answered_by": actor}
        elif move_name == "reopened" and not note and current.status in move.sources:
            raise ValidationError({"note": _("再回答を求める理由（不足している点）を入力してください。")})
        elif move_name == "closed" and current.status == InfoRequestStatus.OPEN and not note:
            raise ValidationError({"note": _("回答を待たずに完了とする理由を入力してください。")})
        locked = workflow.transition(
            INFO_REQUEST,
            actor,
            current,
            move_name,
            fields=fields,
            data={"info_request": current.pk, "subject": current.subject, "note": note, "files": len(files)},
        )
        for upload in files:
            documents.add_document(actor, locked_project, DocumentKind.ANSWER, upload, info_request=locked)
    info.status, info.answer = locked.status, locked.answer
    return locked


def history(info: InfoRequest) -> QuerySet[AuditEntry]:
    """The audit entries of one request, oldest first: who asked, answered, reopened, closed, with notes."""
    return AuditEntry.objects.for_object(info).select_related("actor").order_by("at", "id")


def is_overdue(info: InfoRequest, today: date) -> bool:
    """An open request past its answer date."""
    return (
        info.status == InfoRequestStatus.OPEN
        and info.answer_by is not None
        and reminders.is_overdue(info.answer_by, today)
    )


def mail_move(pk: int, move_name: str) -> None:
    """The e-mail of a move (``processes.INFO_REQUEST``'s effect, after the commit)."""
    _mail(pk, move_name)


_SUBJECTS: Final = {
    "created": gettext_noop("[循環] 情報提供・ヒアリングの要請（%(subject)s）"),
    "answered": gettext_noop("[循環] 要請への回答がありました（%(subject)s）"),
    "reopened": gettext_noop("[循環] 要請への再回答のお願い（%(subject)s）"),
    "closed": gettext_noop("[循環] 要請の完了（%(subject)s）"),
}


def _mail(pk: int, verb: str) -> None:
    info = InfoRequest.objects.select_related("project__program", "project__organization").get(pk=pk)
    project = info.project
    to = mail.secretariat_addresses() if verb == "answered" else mail.member_addresses(project)
    note = ""
    if verb in {"reopened", "closed"}:
        entry = history(info).filter(action=f"grants.info_request.{verb}").last()
        note = entry.data.get("note", "") if entry else ""
    mail.send(
        f"grants/email/request_{verb}.txt",
        _(_SUBJECTS[verb]) % {"subject": info.subject},
        to,
        {
            "project": project,
            "info": info,
            "note": note,
            "url": mail.project_url("grants:request_detail", project, info.pk),
        },
    )
