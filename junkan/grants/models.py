"""Adopted projects after adoption (採択後): grant application and decision, contracts, plan changes, reports,
amount determination and payment, cancellation and return orders, Ministry requests and records retention.

One :class:`Project` per adopted application. Its life, and those of its reports, plan changes, return
orders and requests, are processes declared once in :mod:`junkan.grants.processes`; every move goes through
``common.workflow.transition``.

Money is ``int`` yen, CO2 ``Decimal`` t-CO2, dates ``date`` (Asia/Tokyo).
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from junkan.grants.engine import reminders
from junkan.jp.dates import fiscal_year_label
from junkan.programs.models import ReportKind

CO2_DIGITS: dict[str, Any] = {"max_digits": 16, "decimal_places": 3}


def _dict() -> dict[str, Any]:
    return {}


def _list() -> list[Any]:
    return []


class ProjectStatus(models.TextChoices):
    ADOPTED = "adopted", _("採択（交付申請前）")
    APPLIED = "applied", _("交付申請中")
    DECIDED = "decided", _("交付決定")
    COMPLETED = "completed", _("事業完了（実績報告）")
    DETERMINED = "determined", _("額の確定")
    PAID = "paid", _("支払済み")
    CANCELLED = "cancelled", _("交付決定の解除")
    DECLINED = "declined", _("辞退")


class ProjectQuerySet(models.QuerySet["Project"]):
    def of_organizations(self, organization_ids: list[int]) -> ProjectQuerySet:
        return self.filter(organization_id__in=organization_ids)

    def delete(self) -> tuple[int, dict[str, int]]:
        raise RetentionError(_("補助事業の記録は削除できません。"))


class Project(models.Model):
    """An adopted project (補助事業) and where it stands; the grant's figures and dates as decided."""

    public_id = models.UUIDField(_("公開ID"), default=uuid.uuid4, unique=True, editable=False)
    application = models.OneToOneField(
        "applications.Application", on_delete=models.PROTECT, related_name="project", verbose_name=_("応募")
    )
    program = models.ForeignKey(
        "programs.Program", on_delete=models.PROTECT, related_name="projects", verbose_name=_("公募")
    )
    project_type = models.ForeignKey(
        "programs.ProjectType", on_delete=models.PROTECT, related_name="projects", verbose_name=_("事業区分")
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="grant_projects",
        verbose_name=_("補助事業者"),
    )
    title = models.CharField(_("補助事業名"), max_length=200)
    status = models.CharField(
        _("状態"), max_length=12, choices=ProjectStatus.choices, default=ProjectStatus.ADOPTED, db_index=True
    )
    # Adoption (from the review's decision, or recorded by the secretariat for a call reviewed elsewhere).
    adopted_on = models.DateField(_("採択日"))
    adopted_amount = models.BigIntegerField(_("採択額（円）"), validators=[MinValueValidator(0)])
    adoption_conditions = models.TextField(_("採択の条件"), blank=True)
    multi_year = models.BooleanField(_("複数年度の事業"), default=False)
    # 交付申請
    applied_at = models.DateTimeField(_("交付申請日時"), null=True, blank=True)
    applied_amount = models.BigIntegerField(_("交付申請額（円）"), null=True, blank=True)
    planned_start_on = models.DateField(_("事業開始予定日"), null=True, blank=True)
    planned_end_on = models.DateField(_("事業完了予定日"), null=True, blank=True)
    # 交付決定
    decision_number = models.CharField(_("交付決定番号"), max_length=60, blank=True)
    decided_on = models.DateField(_("交付決定日"), null=True, blank=True)
    decided_amount = models.BigIntegerField(_("交付決定額（円）"), null=True, blank=True)
    decision_conditions = models.TextField(_("交付の条件"), blank=True)
    # Completion and reports
    completed_on = models.DateField(_("事業完了日"), null=True, blank=True)
    plan_made_on = models.DateField(
        _("FS調査書・事業化計画の策定日"), null=True, blank=True, help_text=_("事業報告書の対象期間の起算日")
    )
    continuing = models.BooleanField(_("翌年度も継続して実施する"), default=False)
    promised_t_co2 = models.DecimalField(
        _("実績報告書のCO2削減量（t-CO2/年）"), null=True, blank=True, **CO2_DIGITS
    )
    # 額の確定 and payment
    determined_on = models.DateField(_("額の確定日"), null=True, blank=True)
    determined_amount = models.BigIntegerField(_("確定額（円）"), null=True, blank=True)
    determination_working = models.JSONField(_("確定額の計算過程"), default=_dict, blank=True)
    payment_requested_on = models.DateField(_("精算払請求日"), null=True, blank=True)
    paid_on = models.DateField(_("支払日"), null=True, blank=True)
    paid_amount = models.BigIntegerField(_("支払額（円）"), null=True, blank=True)
    # 交付決定の解除
    cancelled_on = models.DateField(_("交付決定の解除日"), null=True, blank=True)
    cancellation_reason = models.TextField(_("解除の理由"), blank=True)
    # Records retention (帳簿及び証拠書類の保存): computed from the completion date.
    retain_until = models.DateField(_("書類の保存期限"), null=True, blank=True)
    disposed_at = models.DateTimeField(_("廃棄日時"), null=True, blank=True)
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("補助事業")
        verbose_name_plural = _("補助事業")
        ordering = ["program", "organization__name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decided_amount__isnull=True)
                | models.Q(determined_amount__isnull=True)
                | models.Q(determined_amount__lte=models.F("decided_amount")),
                name="grants_project_determined_not_above_decided",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_cancelled(self) -> bool:
        return self.status == ProjectStatus.CANCELLED

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        """Refused: a project's records are kept (retention) and then disposed of, never deleted.

        Disposal (``grants.services.retention``) removes the files and keeps the row and its audit trail."""
        raise RetentionError(
            _("補助事業の記録は削除できません。保存期限の経過後に、書類の廃棄の手続をとってください。")
        )


class RetentionError(Exception):
    """Something of a project's records was to be deleted while it must be kept."""


class AwardYear(models.Model):
    """交付決定額 of one fiscal year (a multi-year project is decided year by year)."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="award_years", verbose_name=_("補助事業")
    )
    fiscal_year = models.PositiveSmallIntegerField(_("年度"))
    applied_amount = models.BigIntegerField(_("交付申請額（円）"), validators=[MinValueValidator(0)])
    decided_amount = models.BigIntegerField(
        _("交付決定額（円）"), null=True, blank=True, validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = _("年度別の交付額")
        verbose_name_plural = _("年度別の交付額")
        ordering = ["project", "fiscal_year"]
        constraints = [
            models.UniqueConstraint(fields=["project", "fiscal_year"], name="grants_awardyear_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.project} FY{self.fiscal_year}"


class PlanVersion(models.Model):
    """The project's plan (実施計画: 様式2 and 様式3 content) as a numbered version; never edited."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="plan_versions", verbose_name=_("補助事業")
    )
    number = models.PositiveSmallIntegerField(_("版"))
    sections = models.JSONField(_("計画の内容"), default=_dict)
    reason = models.CharField(_("作成の理由"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("実施計画の版")
        verbose_name_plural = _("実施計画の版")
        ordering = ["project", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="grants_planversion_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.project} v{self.number}"


class ProcurementMethod(models.TextChoices):
    COMPETITIVE = "competitive", _("競争性のある手続（一般競争・指名競争・見積合わせ等）")
    NON_COMPETITIVE = "non_competitive", _("随意契約（競争によらない）")


class Contract(models.Model):
    """A contract or order of the project (契約・発注). One dated before the grant decision is ineligible."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="contracts", verbose_name=_("補助事業")
    )
    ordered_on = models.DateField(_("契約・発注日"))
    counterparty = models.CharField(_("契約の相手方"), max_length=200)
    subject = models.CharField(_("件名・内容"), max_length=300)
    amount = models.BigIntegerField(_("契約金額（円・税込）"), validators=[MinValueValidator(0)])
    method = models.CharField(_("相手方の決定方法"), max_length=20, choices=ProcurementMethod.choices)
    non_competitive_reason = models.TextField(_("競争によらない理由"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("契約・発注")
        verbose_name_plural = _("契約・発注")
        ordering = ["project", "ordered_on", "id"]

    def __str__(self) -> str:
        return f"{self.ordered_on} {self.counterparty}"


class PlanChangeStatus(models.TextChoices):
    REQUESTED = "requested", _("承認申請中")
    APPROVED = "approved", _("承認")
    REFUSED = "refused", _("不承認")
    WITHDRAWN = "withdrawn", _("取下げ")


class PlanChangeKind(models.TextChoices):
    CHANGE = "change", _("計画変更（交付規程第6条・第8条）")
    CONTINUATION = "continuation", _("継続年度の事業実施計画（継続の審査）")


class PlanChange(models.Model):
    """A requested change of the plan (計画変更) or the next year's plan for continuation review."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="plan_changes", verbose_name=_("補助事業")
    )
    kind = models.CharField(
        _("種類"), max_length=20, choices=PlanChangeKind.choices, default=PlanChangeKind.CHANGE
    )
    status = models.CharField(
        _("状態"), max_length=12, choices=PlanChangeStatus.choices, default=PlanChangeStatus.REQUESTED
    )
    base_version = models.ForeignKey(
        PlanVersion, on_delete=models.PROTECT, related_name="+", verbose_name=_("変更前の版")
    )
    after = models.JSONField(_("変更後の内容"), default=_dict)
    reason = models.TextField(_("変更の理由"))
    fiscal_year = models.PositiveSmallIntegerField(_("対象年度"), null=True, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("申請日時"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("承認・不承認日時"), null=True, blank=True)
    decision_note = models.TextField(_("事務局の所見"), blank=True)
    result_version = models.ForeignKey(
        PlanVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("変更後の版"),
    )

    class Meta:
        verbose_name = _("計画変更")
        verbose_name_plural = _("計画変更")
        ordering = ["project", "-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self.project} {self.get_kind_display()}"


class ReportStatus(models.TextChoices):
    PENDING = "pending", _("未提出")
    SUBMITTED = "submitted", _("提出済み")
    RETURNED = "returned", _("差戻し")
    ACCEPTED = "accepted", _("受理")


# The reports whose cost lines are the project's actual costs (完了実績報告書, or the FS調査書・事業化計画書
# of a call that has no completion report); submitting one completes the project.
COMPLETION_REPORT_KINDS = frozenset({ReportKind.COMPLETION, ReportKind.STUDY_REPORT})
# Statuses in which the grantee may still write the report.
EDITABLE_REPORT_STATUSES = frozenset({ReportStatus.PENDING, ReportStatus.RETURNED})


class Report(models.Model):
    """A report the project owes (完了実績報告書, FS調査書・事業化計画書, 事業報告書…), from the call's data.

    ``rule_code``, ``name``, ``contents`` and ``due_text`` are copied from the call's ``ReportRule`` when the
    report is scheduled, so that a later change of the call does not rewrite what was owed."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="reports", verbose_name=_("補助事業")
    )
    rule_code = models.CharField(_("報告のコード"), max_length=30)
    kind = models.CharField(_("種類"), max_length=20, choices=ReportKind.choices)
    name = models.CharField(_("名称"), max_length=200)
    contents = models.JSONField(_("記入事項"), default=_list)
    fiscal_year = models.PositiveSmallIntegerField(_("対象年度"), null=True, blank=True)
    period_start = models.DateField(_("対象期間の初日"), null=True, blank=True)
    period_end = models.DateField(_("対象期間の末日"), null=True, blank=True)
    due_on = models.DateField(_("提出期限"), null=True, blank=True, db_index=True)
    due_text = models.TextField(_("提出期限の定め"))
    status = models.CharField(
        _("状態"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.PENDING, db_index=True
    )
    answers = models.JSONField(_("記入内容"), default=_dict, blank=True)
    version = models.PositiveIntegerField(_("版"), default=0)
    co2_calculation = models.ForeignKey(
        "carbon.SavedCalculation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("CO2削減量の算定"),
    )
    actual_t_co2 = models.DecimalField(
        _("稼働実績によるCO2削減量（t-CO2/年）"), null=True, blank=True, **CO2_DIGITS
    )
    expected_t_co2 = models.DecimalField(
        _("導入前の設備の見込みCO2削減量（t-CO2/年）"), null=True, blank=True, **CO2_DIGITS
    )
    cause_analysis = models.TextField(_("削減量に達しなかった原因の分析"), blank=True)
    # Type ① of seed 002 (4.(3)① ※): the completion report's reduction split into direct and indirect effects.
    direct_t_co2 = models.DecimalField(
        _("うち直接的な削減効果（t-CO2/年）"), null=True, blank=True, **CO2_DIGITS
    )
    indirect_t_co2 = models.DecimalField(
        _("うち間接的な削減効果（t-CO2/年）"), null=True, blank=True, **CO2_DIGITS
    )
    # 事業採算性・光熱費等削減の評価 (seed 003 §9(2)(3)（ウ）; seed 002 d. 事業性評価), in yen.
    initial_investment = models.BigIntegerField(
        _("初期投資額（円）"), null=True, blank=True, validators=[MinValueValidator(0)]
    )
    annual_revenue = models.BigIntegerField(
        _("年間の収入（円/年）"), null=True, blank=True, validators=[MinValueValidator(0)]
    )
    annual_running_cost = models.BigIntegerField(
        _("年間の支出（円/年）"), null=True, blank=True, validators=[MinValueValidator(0)]
    )
    utility_savings = models.BigIntegerField(
        _("光熱費等削減額（円/年）"), null=True, blank=True, validators=[MinValueValidator(0)]
    )
    evaluation_years = models.PositiveSmallIntegerField(_("評価期間（年）"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("提出日時"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("受理・差戻し日時"), null=True, blank=True)
    return_reason = models.TextField(_("差戻しの理由"), blank=True)
    reminded_on = models.JSONField(_("督促・リマインダーの送信日"), default=_list, blank=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("報告")
        verbose_name_plural = _("報告")
        ordering = ["project", "due_on", "fiscal_year", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "rule_code", "fiscal_year"],
                name="grants_report_unique_per_year",
                nulls_distinct=False,
            ),
        ]

    def __str__(self) -> str:
        if self.fiscal_year is None:
            return self.name
        return f"{self.name}（{fiscal_year_label(self.fiscal_year)}）"

    def is_overdue(self, today: date) -> bool:
        """Not handed in and past its due date (as :func:`junkan.grants.engine.reminders.is_overdue` says)."""
        return (
            self.due_on is not None
            and self.status in EDITABLE_REPORT_STATUSES
            and reminders.is_overdue(self.due_on, today)
        )


class CostLine(models.Model):
    """An actual cost of the project (実績), reported with the completion report, with its receipt."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="cost_lines", verbose_name=_("報告")
    )
    fiscal_year = models.PositiveSmallIntegerField(_("年度"))
    expense = models.CharField(_("費目"), max_length=50)
    item = models.CharField(_("細目"), max_length=50, blank=True)
    description = models.CharField(_("内容"), max_length=300)
    amount = models.BigIntegerField(_("支出額（円・税込）"), validators=[MinValueValidator(0)])
    paid_on = models.DateField(_("支払日"))
    contract = models.ForeignKey(
        Contract,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cost_lines",
        verbose_name=_("契約"),
    )
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    class Meta:
        verbose_name = _("経費の実績")
        verbose_name_plural = _("経費の実績")
        ordering = ["report", "fiscal_year", "order", "id"]

    def __str__(self) -> str:
        return f"{self.expense} {self.description}"


class DocumentKind(models.TextChoices):
    RECEIPT = "receipt", _("領収書等")
    INVOICE = "invoice", _("請求書")
    UTILITY_DATA = "utility_data", _("光熱水量のデータ等（算定根拠）")
    REPORT_BODY = "report_body", _("報告書本体・成果物")
    ANSWER = "answer", _("回答資料")
    INSPECTION = "inspection", _("現地調査の資料")
    OTHER = "other", _("その他")


def grant_document_path(instance: GrantDocument, filename: str) -> str:
    """Storage names never come from the user's file name."""
    return f"grants/{instance.project.public_id}/{uuid.uuid4().hex}"


class GrantDocument(models.Model):
    """A file of the project (receipts, invoices, utility data, answers), checked by its content."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="documents", verbose_name=_("補助事業")
    )
    public_id = models.UUIDField(_("公開ID"), default=uuid.uuid4, unique=True, editable=False)
    report = models.ForeignKey(
        Report,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("報告"),
    )
    cost_line = models.ForeignKey(
        CostLine,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("経費の実績"),
    )
    info_request = models.ForeignKey(
        "InfoRequest",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("情報提供の要請"),
    )
    inspection = models.ForeignKey(
        "Inspection",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("現地調査"),
    )
    kind = models.CharField(_("書類の種類"), max_length=20, choices=DocumentKind.choices)
    file = models.FileField(_("ファイル"), upload_to=grant_document_path, max_length=200)
    original_name = models.CharField(_("ファイル名"), max_length=255)
    content_type = models.CharField(_("ファイル形式"), max_length=100)
    size = models.PositiveBigIntegerField(_("サイズ（バイト）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("登録者")
    )
    uploaded_at = models.DateTimeField(_("登録日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("補助事業の書類")
        verbose_name_plural = _("補助事業の書類")
        ordering = ["project", "kind", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class ReturnOrderStatus(models.TextChoices):
    ORDERED = "ordered", _("返還命令中")
    SETTLED = "settled", _("納付済み")


class ReturnOrder(models.Model):
    """返還命令: the subsidy (or part of it) to pay back, with 加算金 from the day it was received."""

    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="return_orders", verbose_name=_("補助事業")
    )
    number = models.CharField(_("文書番号"), max_length=60, blank=True)
    ordered_on = models.DateField(_("命令日"))
    reason = models.TextField(_("返還の理由"))
    principal = models.BigIntegerField(_("返還を命ずる補助金の額（円）"), validators=[MinValueValidator(1)])
    received_on = models.DateField(_("補助金の受領日"))
    pay_by = models.DateField(_("納期限"))
    status = models.CharField(
        _("状態"), max_length=10, choices=ReturnOrderStatus.choices, default=ReturnOrderStatus.ORDERED
    )
    additional_charge = models.BigIntegerField(_("加算金（円）"), null=True, blank=True)
    working = models.JSONField(_("加算金の計算過程"), default=_dict, blank=True)
    settled_on = models.DateField(_("完納日"), null=True, blank=True)
    ordered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("返還命令")
        verbose_name_plural = _("返還命令")
        ordering = ["project", "-ordered_on", "-id"]

    def __str__(self) -> str:
        return f"{self.project} {self.ordered_on}"


class ReturnPayment(models.Model):
    """A payment made against a return order (納付)."""

    order = models.ForeignKey(
        ReturnOrder, on_delete=models.CASCADE, related_name="payments", verbose_name=_("返還命令")
    )
    paid_on = models.DateField(_("納付日"))
    amount = models.BigIntegerField(_("納付額（円）"), validators=[MinValueValidator(1)])
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("記録日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("返還金の納付")
        verbose_name_plural = _("返還金の納付")
        ordering = ["order", "paid_on", "id"]

    def __str__(self) -> str:
        return f"{self.paid_on} {self.amount}"


class InfoRequestKind(models.TextChoices):
    INFORMATION = "information", _("情報提供の要請")
    HEARING = "hearing", _("ヒアリング")
    EXPERT_MEETING = "expert_meeting", _("有識者会議での報告")


class InfoRequestStatus(models.TextChoices):
    OPEN = "open", _("回答待ち")
    ANSWERED = "answered", _("回答済み")
    CLOSED = "closed", _("完了")


class InfoRequest(models.Model):
    """A request from the Ministry or its contractor (seed 002 4(4)): information, a hearing, a report."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="info_requests", verbose_name=_("補助事業")
    )
    kind = models.CharField(_("種類"), max_length=20, choices=InfoRequestKind.choices)
    subject = models.CharField(_("件名"), max_length=200)
    body = models.TextField(_("要請の内容"))
    requested_on = models.DateField(_("要請日"))
    answer_by = models.DateField(_("回答期限"), null=True, blank=True)
    meeting_at = models.DateTimeField(_("ヒアリング・会議の日時"), null=True, blank=True)
    place = models.CharField(_("場所"), max_length=200, blank=True)
    status = models.CharField(
        _("状態"), max_length=10, choices=InfoRequestStatus.choices, default=InfoRequestStatus.OPEN
    )
    answer = models.TextField(_("回答"), blank=True)
    answered_at = models.DateTimeField(_("回答日時"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("情報提供・ヒアリングの要請")
        verbose_name_plural = _("情報提供・ヒアリングの要請")
        ordering = ["project", "-requested_on", "-id"]

    def __str__(self) -> str:
        return self.subject


# --- Oversight of the grant: checks at the decision, conditions of adoption, site inspections, support ------


class DecisionCheckItem(models.TextChoices):
    """The points the association examines before the grant decision (seed 002 「採択後」2.(2) ア–ウ)."""

    PLAN_READY = (
        "plan_ready",
        _(
            "ア　申請に係る補助事業の全体計画（資金調達計画、実施計画等）が整っており、"
            "準備が確実に行われていること。"
        ),
    )
    NO_OTHER_SUBSIDY = (
        "no_other_subsidy",
        _(
            "イ　補助対象経費には、国からの他の補助金（負担金、利子補給金並びに"
            "適正化法第2条第4項第1号に掲げる給付金及び同項第2号に規定する資金を含む。）の対象経費を含まないこと。"
        ),
    )
    ELIGIBLE_ONLY = "eligible_only", _("ウ　補助対象経費以外の経費を含まないこと。")


class DecisionCheck(models.Model):
    """One point of the examination before the grant decision, confirmed for one fiscal year's application."""

    award_year = models.ForeignKey(
        AwardYear, on_delete=models.CASCADE, related_name="checks", verbose_name=_("年度別の交付額")
    )
    item = models.CharField(_("確認事項"), max_length=20, choices=DecisionCheckItem.choices)
    note = models.TextField(_("確認の記録（任意）"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("確認者")
    )
    checked_at = models.DateTimeField(_("確認日時"))

    class Meta:
        verbose_name = _("交付決定前の確認")
        verbose_name_plural = _("交付決定前の確認")
        ordering = ["award_year", "item"]
        constraints = [
            models.UniqueConstraint(fields=["award_year", "item"], name="grants_decisioncheck_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.award_year} {self.item}"


class ConditionStatus(models.TextChoices):
    OPEN = "open", _("未達成")
    MET = "met", _("達成")
    WAIVED = "waived", _("取りやめ")


class AdoptionCondition(models.Model):
    """A condition of adoption (採択の条件) set by the committee or the secretariat, followed until met."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="conditions", verbose_name=_("補助事業")
    )
    text = models.TextField(_("条件の内容"))
    due_on = models.DateField(_("達成の期限"), null=True, blank=True)
    status = models.CharField(
        _("状態"), max_length=10, choices=ConditionStatus.choices, default=ConditionStatus.OPEN, db_index=True
    )
    met_on = models.DateField(_("達成日"), null=True, blank=True)
    evidence = models.TextField(_("達成を確認した根拠"), blank=True)
    waive_reason = models.TextField(_("取りやめの理由"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("確認者"),
    )
    resolved_at = models.DateTimeField(_("確認日時"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("登録者")
    )
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("採択の条件")
        verbose_name_plural = _("採択の条件")
        ordering = ["project", "created_at", "id"]

    def __str__(self) -> str:
        return self.text[:40]


class InspectionStatus(models.TextChoices):
    PLANNED = "planned", _("予定")
    DONE = "done", _("実施済み")
    FOLLOW_UP = "follow_up", _("是正・対応の確認中")
    CLOSED = "closed", _("完了")
    CANCELLED = "cancelled", _("中止")


class Inspection(models.Model):
    """A site inspection (現地調査) during or after the project: planned, done with findings, followed up."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="inspections", verbose_name=_("補助事業")
    )
    status = models.CharField(
        _("状態"),
        max_length=10,
        choices=InspectionStatus.choices,
        default=InspectionStatus.PLANNED,
        db_index=True,
    )
    planned_on = models.DateField(_("実施予定日"))
    place = models.CharField(_("場所"), max_length=200)
    inspectors = models.CharField(_("調査員"), max_length=300)
    purpose = models.TextField(_("調査の目的・確認する事項"), blank=True)
    done_on = models.DateField(_("実施日"), null=True, blank=True)
    findings = models.TextField(_("調査の結果（所見）"), blank=True)
    follow_up = models.TextField(_("求める是正・対応"), blank=True)
    closing_note = models.TextField(_("完了の記録"), blank=True)
    cancel_reason = models.TextField(_("中止の理由"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("登録者")
    )
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("現地調査")
        verbose_name_plural = _("現地調査")
        ordering = ["project", "-planned_on", "-id"]

    def __str__(self) -> str:
        return f"{self.project} {self.planned_on}"


class SupportJudgement(models.Model):
    """After the continuation review: whether further support is needed (seed 002 「継続事業の審査」※),
    and, when it is, the platform's regional support case that gives it."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="support_judgements", verbose_name=_("補助事業")
    )
    fiscal_year = models.PositiveSmallIntegerField(_("継続審査の対象年度"))
    needed = models.BooleanField(_("更なる支援が必要"))
    reason = models.TextField(_("判断の理由"))
    case = models.ForeignKey(
        "regional.ConsortiumCase",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grant_judgements",
        verbose_name=_("支援する環境整備の支援案件"),
    )
    judged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("判断の記録者")
    )
    judged_at = models.DateTimeField(_("記録日時"))

    class Meta:
        verbose_name = _("更なる支援の要否")
        verbose_name_plural = _("更なる支援の要否")
        ordering = ["project", "-fiscal_year"]
        constraints = [
            models.UniqueConstraint(fields=["project", "fiscal_year"], name="grants_supportjudgement_unique"),
            models.CheckConstraint(
                condition=models.Q(needed=True) | models.Q(case__isnull=True),
                name="grants_supportjudgement_case_only_if_needed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.fiscal_year}"


class PostEvaluationRating(models.TextChoices):
    EXCEEDED = "exceeded", _("計画を上回る成果")
    ACHIEVED = "achieved", _("おおむね計画どおり")
    PARTLY = "partly", _("一部が計画に達していない")
    NOT_ACHIEVED = "not_achieved", _("計画に達していない")


class PostEvaluation(models.Model):
    """事後評価 (seed 003 §9(4)イ): made the fiscal year after the project ended, recorded by the secretariat.

    Its result is fed back to the region's plan (``feedback_to_plan``, linked to a regional business plan
    where one exists) and to the Ministry's analysis (``ministry_note``). The due date is not
    stored: it follows from the completion date (:mod:`junkan.grants.engine.post_evaluation`)."""

    project = models.OneToOneField(
        Project, on_delete=models.PROTECT, related_name="post_evaluation", verbose_name=_("補助事業")
    )
    evaluated_on = models.DateField(_("評価日"))
    rating = models.CharField(_("総合評価"), max_length=14, choices=PostEvaluationRating.choices)
    evaluation = models.TextField(_("評価の内容"))
    actual_t_co2 = models.DecimalField(
        _("評価時点のCO2削減量（t-CO2/年）"), null=True, blank=True, **CO2_DIGITS
    )
    achievement_percent = models.DecimalField(
        _("CO2削減量の達成率（%）"), max_digits=8, decimal_places=1, null=True, blank=True
    )
    feedback_to_plan = models.TextField(_("今後の計画への反映"), blank=True)
    business_plan = models.ForeignKey(
        "regional.BusinessPlan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("反映する地域の事業計画"),
    )
    ministry_note = models.TextField(_("環境省の分析への提供事項"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("記録日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("事後評価")
        verbose_name_plural = _("事後評価")
        ordering = ["-evaluated_on", "id"]

    def __str__(self) -> str:
        return f"{self.project}（{_('事後評価')}）"
