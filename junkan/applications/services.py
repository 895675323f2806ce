"""Every change to an application: start, save a section, co-applicants, documents, submit, withdraw,
accept or return, messages. Each checks the state and the actor's permission, runs in one transaction,
saves with ``update_fields`` and writes the audit log. E-mails are queued after the commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from junkan.accounts.models import User
from junkan.accounts.tasks import send_email
from junkan.applications import checklist, permissions, snapshot
from junkan.applications.models import (
    EDITABLE_STATUSES,
    Application,
    ApplicationStatus,
    CoApplicant,
    CoApplicantStatus,
    Document,
    Message,
    ReceiptCounter,
    Section,
    Submission,
)
from junkan.applications.processes import APPLICATION
from junkan.applications.spec import applicant_of
from junkan.audit.services import record
from junkan.common import files, uploads, workflow
from junkan.common.permissions import enforce
from junkan.organizations.models import Organization
from junkan.programs.models import Program, ProjectType

S = ApplicationStatus


class StaleSection(Exception):
    """Someone saved the section since this form was loaded; nothing was written."""

    def __init__(self, section: Section) -> None:
        super().__init__("stale section")
        self.section = section


class NotSubmittable(Exception):
    """The checklist is not clean or the call is closed; nothing was written."""

    def __init__(self, message: str, items: list[Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.items = items or []


@dataclass(frozen=True)
class SubmitResult:
    submission: Submission
    created: bool  # False when this was a repeated request (double click, second tab)


def _lock(application: Application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("program", "project_type", "organization__municipality")
        .get(pk=application.pk)
    )


def _prefecture_code(organization: Organization) -> str:
    municipality = organization.municipality
    return (municipality.code or "")[:2] if municipality is not None else ""


def start(
    actor: User,
    program: Program,
    project_type: ProjectType,
    organization: Organization,
    title: str,
    now: datetime | None = None,
) -> Application:
    """A new draft, with 様式1 prefilled from the organization and the person starting it.

    ``now`` is the moment judged against the call period (the request's time; the demo data passes a moment
    inside the period of a call that has since closed)."""
    enforce(permissions.can_start(actor, program, project_type, organization, now))
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("補助事業名を入力してください。")})
    with transaction.atomic():
        application = Application.objects.create(
            program=program,
            project_type=project_type,
            organization=organization,
            created_by=actor,
            title=title,
            prefecture_code=_prefecture_code(organization),
        )
        Section.objects.create(
            application=application,
            key="letter",
            data={
                "organization_name": organization.name,
                "contact_name": actor.full_name,
                "contact_email": actor.email,
            },
            version=1,
            updated_by=actor,
        )
        record(
            actor,
            "applications.application.started",
            application,
            data={"program": program.slug, "project_type": project_type.code, "title": title},
        )
    return application


def save_section(
    actor: User, application: Application, key: str, data: dict[str, Any], base_version: int
) -> Section:
    """Write one section if nobody saved it since ``base_version``; otherwise raise StaleSection."""
    enforce(permissions.can_edit(actor, application))
    if checklist.spec_of(application).section(key, applicant_of(application)) is None and key != "title":
        raise ValidationError(_("この応募にはない様式です。"))
    with transaction.atomic():
        application = _lock(application)
        enforce(permissions.can_edit(actor, application))
        section, _created = Section.objects.select_for_update().get_or_create(
            application=application, key=key, defaults={"data": {}, "version": 0}
        )
        if section.version != base_version:
            raise StaleSection(section)
        before = section.data
        changed = sorted(k for k in set(before) | set(data) if before.get(k) != data.get(k))
        if not changed:
            return section
        section.data = data
        section.version += 1
        section.updated_by = actor
        section.save(update_fields=["data", "version", "updated_by", "updated_at"])
        changes = {k: [before.get(k), data.get(k)] for k in changed}
        record(actor, "applications.section.saved", application, changes=changes, data={"section": key})
        _refresh_figures(application)
    return section


def _refresh_figures(application: Application) -> None:
    """Keep the inbox's figures (総事業費, 補助金所要額) in step with 様式3."""
    result = checklist.figures(application)
    values = {"total_cost": result.total_cost, "requested_amount": result.requested}
    changed = [name for name, value in values.items() if getattr(application, name) != value]
    for name in changed:
        setattr(application, name, values[name])
    application.save(update_fields=[*changed, "updated_at"])


def rename(actor: User, application: Application, title: str) -> Application:
    enforce(permissions.can_edit(actor, application))
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("補助事業名を入力してください。")})
    with transaction.atomic():
        application = _lock(application)
        before = application.title
        if before != title:
            application.title = title
            application.save(update_fields=["title", "updated_at"])
            record(actor, "applications.application.renamed", application, changes={"title": [before, title]})
    return application


# Co-applicants -------------------------------------------------------------------------------------------


def invite_co_applicant(
    actor: User, application: Application, organization: Organization, role: str
) -> CoApplicant:
    enforce(permissions.can_manage_co_applicants(actor, application))
    if organization.pk == application.organization_id:
        raise ValidationError(_("代表申請者を共同申請者にすることはできません。"))
    if not role.strip():
        raise ValidationError({"role": _("事業における役割を入力してください。")})
    with transaction.atomic():
        application = _lock(application)
        try:
            with transaction.atomic():
                co = CoApplicant.objects.create(
                    application=application, organization=organization, role=role.strip(), invited_by=actor
                )
        except IntegrityError:
            raise ValidationError(
                _("「%(name)s」はすでに共同申請者です。") % {"name": organization.name}
            ) from None
        record(
            actor,
            "applications.co_applicant.invited",
            co,
            data={"organization": organization.pk, "role": role},
        )
        transaction.on_commit(lambda: _mail_co_applicant_invitation(co.pk))
    return co


def respond_co_applicant(actor: User, co: CoApplicant, accept: bool) -> CoApplicant:
    enforce(permissions.can_respond_invitation(actor, co))
    with transaction.atomic():
        co = CoApplicant.objects.select_for_update(of=("self",)).select_related("application").get(pk=co.pk)
        enforce(permissions.can_respond_invitation(actor, co))
        before = co.status
        co.status = CoApplicantStatus.ACCEPTED if accept else CoApplicantStatus.DECLINED
        co.responded_at = timezone.now()
        co.save(update_fields=["status", "responded_at"])
        record(actor, "applications.co_applicant.responded", co, changes={"status": [before, co.status]})
    return co


def remove_co_applicant(actor: User, co: CoApplicant) -> None:
    enforce(permissions.can_manage_co_applicants(actor, co.application))
    with transaction.atomic():
        record(
            actor,
            "applications.co_applicant.removed",
            co.application,
            data={"organization": co.organization_id, "status": co.status},
        )
        co.delete()


# Documents -----------------------------------------------------------------------------------------------


def add_document(actor: User, application: Application, kind: str, upload: UploadedFile) -> Document:
    """Store a file after checking it by content and size; raise ValidationError with the reason otherwise."""
    enforce(permissions.can_edit(actor, application))
    codes = {d.code for d in checklist.spec_of(application).documents_for(applicant_of(application))}
    if kind not in codes:
        raise ValidationError({"kind": _("書類の種類を選んでください。")})
    with files.removed_on_rollback() as written, transaction.atomic():
        application = _lock(application)
        used = application.documents.aggregate(total=Sum("size"))["total"] or 0
        try:
            accepted = files.accept(upload.file, upload.size, upload.name or "", used)
        except uploads.UploadRejected as error:
            raise ValidationError({"file": str(error)}) from None
        document = Document(
            application=application,
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
            "applications.document.added",
            application,
            data={
                "document": str(document.public_id),
                "kind": kind,
                "name": document.original_name,
                "size": upload.size,
            },
        )
    return document


def remove_document(actor: User, document: Document) -> None:
    enforce(permissions.can_edit(actor, document.application))
    with transaction.atomic():
        record(
            actor,
            "applications.document.removed",
            document.application,
            data={"document": str(document.public_id), "name": document.original_name},
        )
        # The file stays in storage while a frozen submission may refer to it; only the row goes.
        if not Submission.objects.filter(application=document.application_id).exists():
            transaction.on_commit(partial(document.file.storage.delete, document.file.name))
        document.delete()


# Submission ----------------------------------------------------------------------------------------------


def _next_receipt_number(program: Program) -> str:
    counter, _created = ReceiptCounter.objects.select_for_update().get_or_create(program=program)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{program.fiscal_year}-{program.pk:03d}-{counter.last:04d}"


def submit(actor: User, application: Application, received_at: datetime) -> SubmitResult:
    """Submit (or resubmit after 不備) as received at ``received_at``, the moment the server got the request.

    A repeated request for an application already submitted returns that submission: one submission only.
    """
    with transaction.atomic():
        application = _lock(application)
        if application.status == S.SUBMITTED and permissions.is_lead_member(actor, application):
            latest = application.submissions.order_by("-version").first()
            if latest is not None:
                return SubmitResult(latest, created=False)
        decision = permissions.can_submit(actor, application, received_at)
        if not decision:
            if application.status in EDITABLE_STATUSES and permissions.is_lead_member(actor, application):
                raise NotSubmittable(decision.reason)
            enforce(decision)
        problems = checklist.items(application, received_at)
        if problems:
            raise NotSubmittable(_("未入力や不備の項目があるため提出できません。"), problems)
        receipt = application.receipt_number or _next_receipt_number(application.program)
        version = (application.submissions.count()) + 1
        frozen = snapshot.build(application, receipt, received_at, version)
        submission = Submission.objects.create(
            application=application,
            version=version,
            receipt_number=receipt,
            received_at=received_at,
            submitted_by=actor,
            snapshot=frozen,
        )
        workflow.transition(
            APPLICATION,
            actor,
            application,
            "submitted",
            fields={
                "receipt_number": receipt,
                "submitted_at": received_at,
                "return_reason": "",
                "reply_due_on": None,
            },
            data={"receipt_number": receipt, "version": version, "received_at": received_at.isoformat()},
        )
        transaction.on_commit(lambda: _mail_receipt(submission.pk))
    return SubmitResult(submission, created=True)


def withdraw(actor: User, application: Application) -> Application:
    """取下げ, until the review has decided (the process's guard); after adoption see grants (辞退)."""
    return workflow.transition(APPLICATION, actor, application, "withdrawn")


def accept(actor: User, application: Application) -> Application:
    """受理: the secretariat takes the application as complete."""
    return workflow.transition(APPLICATION, actor, application, "accepted")


def return_for_correction(
    actor: User, application: Application, reason: str, reply_due_on: date | None
) -> Application:
    """不備: back to the applicant with the reasons and a date by which to resubmit."""
    enforce(permissions.can_decide(actor, application))
    errors = {}
    if not reason.strip():
        errors["reason"] = _("不備の内容を入力してください。")
    if reply_due_on is None or reply_due_on < timezone.localdate():
        errors["reply_due_on"] = _("再提出の期限は今日以降の日付を入力してください。")
    if errors:
        raise ValidationError(errors)
    return workflow.transition(
        APPLICATION,
        actor,
        application,
        "returned",
        fields={"return_reason": reason.strip(), "reply_due_on": reply_due_on},
        data={"reason": reason.strip(), "reply_due_on": reply_due_on.isoformat() if reply_due_on else ""},
    )


def post_message(
    actor: User, application: Application, body: str, requests_documents: bool = False
) -> Message:
    enforce(permissions.can_post_message(actor, application))
    if not body.strip():
        raise ValidationError({"body": _("本文を入力してください。")})
    from junkan.accounts.permissions import is_secretariat

    from_secretariat = is_secretariat(actor) and not permissions.is_party(actor, application)
    with transaction.atomic():
        message = Message.objects.create(
            application=application,
            author=actor,
            from_secretariat=from_secretariat,
            requests_documents=requests_documents and from_secretariat,
            body=body.strip(),
        )
        record(actor, "applications.message.posted", application, data={"message": message.pk})
        transaction.on_commit(lambda: _mail_message(message.pk))
    return message


# E-mail --------------------------------------------------------------------------------------------------


def _contact_address(application: Application) -> str:
    letter = application.sections.filter(key="letter").first()
    address = (letter.data.get("contact_email") if letter else "") or application.created_by.email
    return str(address)


def _url(name: str, application: Application) -> str:
    return settings.SITE_URL + reverse(name, args=[application.public_id])


def _send(template: str, subject: str, to: list[str], context: dict[str, Any]) -> None:
    send_email.enqueue(
        subject=subject,
        body=render_to_string(template, context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
    )


def _mail_receipt(submission_pk: int) -> None:
    submission = Submission.objects.select_related("application__program").get(pk=submission_pk)
    application = submission.application
    _send(
        "applications/email/receipt.txt",
        _("[循環] 応募を受け付けました（受付番号 %(number)s）") % {"number": submission.receipt_number},
        [_contact_address(application)],
        {
            "application": application,
            "submission": submission,
            "url": _url("applications:detail", application),
        },
    )


def mail_decision(application_pk: int) -> None:
    application = Application.objects.select_related("program").get(pk=application_pk)
    _send(
        "applications/email/decision.txt",
        _("[循環] 応募の%(status)sのお知らせ（受付番号 %(number)s）")
        % {"status": application.get_status_display(), "number": application.receipt_number},
        [_contact_address(application)],
        {"application": application, "url": _url("applications:detail", application)},
    )


def _mail_message(message_pk: int) -> None:
    message = Message.objects.select_related("application__program", "author").get(pk=message_pk)
    application = message.application
    if message.from_secretariat:
        to = [_contact_address(application)]
    else:
        to = [settings.SECRETARIAT_EMAIL] if settings.SECRETARIAT_EMAIL else []
    if not to:
        return
    _send(
        "applications/email/message.txt",
        _("[循環] 応募「%(title)s」への連絡") % {"title": application.title},
        to,
        {"application": application, "message": message, "url": _url("applications:messages", application)},
    )


def _mail_co_applicant_invitation(co_pk: int) -> None:
    co = CoApplicant.objects.select_related("application__organization", "organization").get(pk=co_pk)
    addresses = list(co.organization.memberships.values_list("user__email", flat=True))
    if not addresses:
        return
    _send(
        "applications/email/co_applicant.txt",
        _("[循環] 共同申請者としての参加のお願い（%(title)s）") % {"title": co.application.title},
        addresses,
        {"co": co, "url": settings.SITE_URL + reverse("applications:mine")},
    )
