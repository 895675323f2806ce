"""Applications to a call (応募): 様式1/2/3 as sections, co-applicants, documents, submissions, messages.

The content of the forms lives in :class:`Section` rows, one per form section, as JSON shaped by the call's
form specification (``junkan/applications/data/forms/<program>.yaml``, see :mod:`junkan.applications.spec`).
Each section carries a version number so that two tabs saving the same section are told, not overwritten.
A submission freezes everything into :class:`Submission` (the PDF and the xlsx are generated from it);
a correction after 不備 is a new submission version of the same receipt number.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("作成中")
    SUBMITTED = "submitted", _("提出済み")
    RETURNED = "returned", _("不備返却")
    ACCEPTED = "accepted", _("受理")
    WITHDRAWN = "withdrawn", _("取下げ")


# Statuses in which the applicant may change the content.
EDITABLE_STATUSES = frozenset({ApplicationStatus.DRAFT, ApplicationStatus.RETURNED})
# Statuses in which the secretariat holds a submission.
RECEIVED_STATUSES = frozenset(
    {ApplicationStatus.SUBMITTED, ApplicationStatus.ACCEPTED, ApplicationStatus.RETURNED}
)


def _dict() -> dict[str, Any]:
    return {}


class ApplicationQuerySet(models.QuerySet["Application"]):
    def visible_to_organizations(self, organization_ids: list[int]) -> ApplicationQuerySet:
        """Applications led by, or joined (as accepted or invited co-applicant) by, these organizations."""
        return self.filter(
            models.Q(organization_id__in=organization_ids)
            | models.Q(co_applicants__organization_id__in=organization_ids)
        ).distinct()


class Application(models.Model):
    """One application of an organization (代表申請者) to one project type of a call."""

    public_id = models.UUIDField(_("公開ID"), default=uuid.uuid4, unique=True, editable=False)
    program = models.ForeignKey(
        "programs.Program", on_delete=models.PROTECT, related_name="applications", verbose_name=_("公募")
    )
    project_type = models.ForeignKey(
        "programs.ProjectType",
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("事業区分"),
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("代表申請者"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("作成者")
    )
    title = models.CharField(_("補助事業名"), max_length=200)
    status = models.CharField(
        _("状態"),
        max_length=12,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
        db_index=True,
    )
    receipt_number = models.CharField(_("受付番号"), max_length=40, unique=True, null=True, blank=True)
    submitted_at = models.DateTimeField(_("提出日時"), null=True, blank=True)
    decided_at = models.DateTimeField(_("受理・返却日時"), null=True, blank=True)
    return_reason = models.TextField(_("不備の内容"), blank=True)
    reply_due_on = models.DateField(_("再提出の期限"), null=True, blank=True)
    # Figures kept in step with the sections, for the secretariat's inbox (computed by the engines).
    total_cost = models.BigIntegerField(_("総事業費（円）"), default=0)
    requested_amount = models.BigIntegerField(_("補助金所要額（円）"), default=0)
    prefecture_code = models.CharField(_("都道府県コード"), max_length=2, blank=True, db_index=True)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("応募")
        verbose_name_plural = _("応募")
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["program", "status"], name="applications_program_status")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_draft(self) -> bool:
        return self.status == ApplicationStatus.DRAFT

    @property
    def is_returned(self) -> bool:
        return self.status == ApplicationStatus.RETURNED


class CoApplicantStatus(models.TextChoices):
    INVITED = "invited", _("招待中")
    ACCEPTED = "accepted", _("参加")
    DECLINED = "declined", _("辞退")


class CoApplicant(models.Model):
    """A co-applicant organization (共同申請者) and its role in the project."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="co_applicants", verbose_name=_("応募")
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="co_applications",
        verbose_name=_("団体"),
    )
    role = models.TextField(_("事業における役割"))
    status = models.CharField(
        _("状態"), max_length=10, choices=CoApplicantStatus.choices, default=CoApplicantStatus.INVITED
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("招待した人")
    )
    invited_at = models.DateTimeField(_("招待日時"), auto_now_add=True)
    responded_at = models.DateTimeField(_("回答日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("共同申請者")
        verbose_name_plural = _("共同申請者")
        ordering = ["invited_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "organization"], name="applications_coapplicant_unique"
            )
        ]

    def __str__(self) -> str:
        return str(self.organization)


class Section(models.Model):
    """The content of one form section, as the spec shapes it. ``version`` grows with each save."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="sections", verbose_name=_("応募")
    )
    key = models.CharField(_("区分"), max_length=40)
    data = models.JSONField(_("内容"), default=_dict, blank=True)
    version = models.PositiveIntegerField(_("版"), default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("更新者"),
    )
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("様式の区分")
        verbose_name_plural = _("様式の区分")
        constraints = [
            models.UniqueConstraint(fields=["application", "key"], name="applications_section_unique")
        ]

    def __str__(self) -> str:
        return self.key


def document_path(instance: Document, filename: str) -> str:
    """Storage names never come from the user's file name."""
    return f"applications/{instance.application.public_id}/{uuid.uuid4().hex}"


class Document(models.Model):
    """An uploaded file. The original name is for display only; the content type is sniffed from the bytes."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="documents", verbose_name=_("応募")
    )
    public_id = models.UUIDField(_("公開ID"), default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("書類の種類"), max_length=40)
    file = models.FileField(_("ファイル"), upload_to=document_path, max_length=200)
    original_name = models.CharField(_("ファイル名"), max_length=255)
    content_type = models.CharField(_("ファイル形式"), max_length=100)
    size = models.PositiveBigIntegerField(_("サイズ（バイト）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("登録者")
    )
    uploaded_at = models.DateTimeField(_("登録日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("添付書類")
        verbose_name_plural = _("添付書類")
        ordering = ["kind", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class Submission(models.Model):
    """A frozen copy of what was submitted: everything the forms showed, with the computed amounts."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="submissions", verbose_name=_("応募")
    )
    version = models.PositiveSmallIntegerField(_("提出版"))
    receipt_number = models.CharField(_("受付番号"), max_length=40)
    received_at = models.DateTimeField(_("受信日時"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("提出者")
    )
    snapshot = models.JSONField(_("提出内容"))

    class Meta:
        verbose_name = _("提出内容")
        verbose_name_plural = _("提出内容")
        ordering = ["application", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "version"], name="applications_submission_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.receipt_number} ({self.version})"


class ReceiptCounter(models.Model):
    """The last receipt number given per call, locked while a number is taken."""

    program = models.OneToOneField("programs.Program", on_delete=models.CASCADE, related_name="+")
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("受付番号の採番")
        verbose_name_plural = _("受付番号の採番")

    def __str__(self) -> str:
        return f"{self.program_id}: {self.last}"


class Message(models.Model):
    """A message in the thread of an application, between the applicant and the secretariat."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="messages", verbose_name=_("応募")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("送信者")
    )
    from_secretariat = models.BooleanField(_("事務局から"), default=False)
    requests_documents = models.BooleanField(_("書類の提出を求める"), default=False)
    body = models.TextField(_("本文"))
    created_at = models.DateTimeField(_("送信日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("連絡")
        verbose_name_plural = _("連絡")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.body[:40]


def accepted_co_applicants(application: Application) -> list[CoApplicant]:
    """The co-applicants who accepted: ``co_applicants.all()``, prefetched where the caller did."""
    return [co for co in application.co_applicants.all() if co.status == CoApplicantStatus.ACCEPTED]
