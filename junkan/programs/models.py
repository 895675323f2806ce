"""Calls for proposals (公募) as data: programs, their project types and every rule staff edit.

A program is one call (seed 002 and 003 are two). Its project types carry the amount rule, who may
apply, the eligible cost categories of 別表第2 with their own rules, the review criteria and the report
rules. Rules are named functions of ``junkan.programs.engine``; the data lists them with parameters.
Every change goes through ``junkan.programs.services`` (audited; versioned in ``ProgramVersion``).
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from fractions import Fraction
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from junkan.organizations.models import OrganizationKind
from junkan.programs.engine.deadlines import DUE_RULES, check_due_rule_data
from junkan.programs.engine.eligibility import check_rule_data
from junkan.programs.engine.finder import check_fits
from junkan.programs.engine.subsidy import AmountRule, rate_label
from junkan.programs.schema import RESERVED_SLUGS


def validate_program_slug(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(_("「%(slug)s」は予約された語のため使えません。") % {"slug": value})


class BudgetAccount(models.TextChoices):
    ENERGY_SPECIAL_ACCOUNT = "energy_special_account", _("エネルギー対策特別会計")
    GENERAL_ACCOUNT = "general_account", _("一般会計")


class BaseAmountKind(models.TextChoices):
    FIXED = "fixed", _("金額を定める")
    PER_CASE = "per_case", _("個別に定める")


class ProgramStatus(models.TextChoices):
    """Where a call stands at a moment (Asia/Tokyo); computed from its period, never stored."""

    OPEN = "open", _("受付中")
    UPCOMING = "upcoming", _("受付予定")
    CLOSED = "closed", _("受付終了")


class ProjectNature(models.TextChoices):
    """The natures of a project the finder asks about (the rows of seed 003 §12)."""

    MODEL_PROJECT = "model_project", _("モデル事業的性格を有する")
    HIGH_CO2_REDUCTION = "high_co2_reduction", _("CO2削減効果が高い")
    LEADS_TO_FACILITIES = "leads_to_facilities", _("将来的に施設整備に繋がる")
    STUDY_OR_PLAN = "study_or_plan", _("FS調査や事業化計画の策定を直接の目的としている")


class ReportKind(models.TextChoices):
    COMPLETION = "completion", _("完了実績報告書")
    STUDY_REPORT = "study_report", _("成果報告書（FS調査書・事業化計画書）")
    INTERIM = "interim", _("中間報告書")
    ANNUAL = "annual", _("事業報告書")
    CONTINUATION_PLAN = "continuation_plan", _("継続年度の事業実施計画書")


class DueFrom(models.TextChoices):
    """The date a report's due-date rule counts from."""

    COMPLETION = "completion", _("補助事業の完了日")
    PLAN_MADE = "plan_made", _("FS調査書・事業化計画の策定日")
    NONE = "none", _("なし（日付が定められている）")


CIRCLED_NUMBERS = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _json_list() -> list[Any]:
    return []


def _json_dict() -> dict[str, Any]:
    return {}


class Theme(models.Model):
    """A theme calls are filed under (脱炭素, 資源循環, ...), for the public filter."""

    slug = models.SlugField(_("識別子"), max_length=50, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    class Meta:
        verbose_name = _("テーマ")
        verbose_name_plural = _("テーマ")
        ordering = ["order", "slug"]

    def __str__(self) -> str:
        return self.name


class ProgramQuerySet(models.QuerySet["Program"]):
    def published(self) -> ProgramQuerySet:
        return self.filter(published=True)

    def with_status(self, status: str, now: datetime | None = None) -> ProgramQuerySet:
        now = now or timezone.now()
        if status == ProgramStatus.OPEN:
            return self.filter(opens_at__lte=now, closes_at__gte=now)
        if status == ProgramStatus.UPCOMING:
            return self.filter(opens_at__gt=now)
        if status == ProgramStatus.CLOSED:
            return self.filter(closes_at__lt=now)
        return self


class Program(models.Model):
    """A call for proposals: who runs it, when it is open, how to apply, and its project types."""

    slug = models.SlugField(
        _("識別子（URL）"),
        max_length=80,
        unique=True,
        validators=[validate_program_slug],
        help_text=_("URLに使う半角英数字とハイフン。例：fy2019-decarbonised-region-model"),
    )
    name = models.CharField(_("事業名"), max_length=300)
    short_name = models.CharField(_("略称"), max_length=120, blank=True)
    fiscal_year = models.PositiveSmallIntegerField(
        _("年度"), validators=[MinValueValidator(1989), MaxValueValidator(2200)], db_index=True
    )
    executing_body = models.CharField(
        _("執行団体"), max_length=200, help_text=_("例：環境省、指定法人の名称")
    )
    budget_account = models.CharField(_("会計"), max_length=30, choices=BudgetAccount.choices)
    summary = models.TextField(_("事業の概要"), blank=True)
    opens_at = models.DateTimeField(_("公募開始日時"))
    closes_at = models.DateTimeField(_("締切日時（必着）"), db_index=True)
    how_to_apply = models.TextField(_("応募方法"), blank=True)
    application_forms = models.SlugField(
        _("オンライン応募の様式"),
        max_length=80,
        blank=True,
        help_text=_(
            "junkan/applications/data/forms/ にある様式の定義の名前。"
            "空欄の公募はオンライン応募を受け付けません。"
        ),
    )
    contact = models.TextField(_("問い合わせ先"), blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="programs", verbose_name=_("テーマ"))
    ineligible_cost_examples = models.JSONField(
        _("補助対象外経費の例"), default=_json_list, blank=True, help_text=_("文の一覧（JSONの配列）")
    )
    published = models.BooleanField(_("公開"), default=False)
    published_at = models.DateTimeField(_("公開日時"), null=True, blank=True)
    version = models.PositiveIntegerField(_("版"), default=1, editable=False)
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    objects = ProgramQuerySet.as_manager()

    class Meta:
        verbose_name = _("公募")
        verbose_name_plural = _("公募")
        ordering = ["-closes_at", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")), name="program_period_order"
            )
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    def clean(self) -> None:
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("締切日時は公募開始日時より後にしてください。")})

    def status(self, now: datetime | None = None) -> ProgramStatus:
        """Open, upcoming or closed at ``now`` (the deadline minute itself still counts as open)."""
        now = now or timezone.now()
        if now < self.opens_at:
            return ProgramStatus.UPCOMING
        if now <= self.closes_at:
            return ProgramStatus.OPEN
        return ProgramStatus.CLOSED

    def has_applications(self) -> bool:
        """Whether any application refers to this call (then its rules may no longer change)."""
        return bool(self.pk and self.applications.exists())


def attachment_path(instance: ProgramAttachment, filename: str) -> str:
    return f"programs/{instance.program.slug}/{filename}"


class ProgramAttachment(models.Model):
    """A call document (公募要領, 様式) published with the call."""

    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("公募")
    )
    title = models.CharField(_("表題"), max_length=200)
    file = models.FileField(_("ファイル"), upload_to=attachment_path, max_length=300)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, editable=False)
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)
    uploaded_at = models.DateTimeField(_("登録日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("公募資料")
        verbose_name_plural = _("公募資料")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Save, then fingerprint the stored file when it is new or replaced (read back, then closed)."""
        super().save(*args, **kwargs)
        stored = getattr(self, "_stored_name", None)
        if self.file and (not self.sha256 or (stored is not None and stored != self.file.name)):
            digest = hashlib.sha256()
            with self.file.open("rb") as handle:
                for chunk in handle.chunks():
                    digest.update(chunk)
            self.sha256 = digest.hexdigest()
            type(self).objects.filter(pk=self.pk).update(sha256=self.sha256)
        self._stored_name = self.file.name

    @classmethod
    def from_db(cls, db: Any, field_names: Any, values: Any) -> ProgramAttachment:
        instance = super().from_db(db, field_names, values)
        instance._stored_name = instance.file.name  # type: ignore[attr-defined]
        return instance


def _check_kinds(kinds: object, field: str) -> None:
    if not isinstance(kinds, list) or any(kind not in OrganizationKind.values for kind in kinds):
        raise ValidationError(
            {
                field: _("組織の種別の識別子の配列で指定してください：%(kinds)s")
                % {"kinds": ", ".join(OrganizationKind.values)}
            }
        )


def _check_rule_list(rules: object, scope: str, field: str) -> None:
    if not isinstance(rules, list):
        raise ValidationError({field: _('規則の配列（[{"code": …, "params": {…}}]）で指定してください。')})
    problems: list[str] = []
    for rule in rules:
        if not isinstance(rule, dict) or not isinstance(rule.get("code"), str):
            problems.append(str(_("規則は code と params を持つオブジェクトで指定してください。")))
            continue
        params = rule.get("params", {})
        if not isinstance(params, dict):
            problems.append(str(_("params はオブジェクトで指定してください。")))
            continue
        problems.extend(check_rule_data(rule["code"], params, scope))  # type: ignore[arg-type]
    if problems:
        raise ValidationError({field: problems})


# ProjectType's long texts and rule lists: lists that show a type's code and name next to each of hundreds
# of rows leave them out (``.defer(*project_type_wide("project_type__"))``); reading them is most of a row.
PROJECT_TYPE_WIDE_FIELDS = (
    "description",
    "requirements",
    "allowed_kinds",
    "conditional_kinds",
    "applicant_note",
    "representative_kinds",
    "joint_note",
    "multi_year_note",
    "period_note",
    "required_documents",
    "rules",
)


def project_type_wide(prefix: str = "") -> list[str]:
    """The wide fields of ProjectType under ``prefix`` (``"project_type__"`` from a related model)."""
    return [prefix + name for name in PROJECT_TYPE_WIDE_FIELDS]


class ProjectType(models.Model):
    """One kind of project a call funds (①②③, F/S or 事業化計画), with all its rules."""

    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="project_types", verbose_name=_("公募")
    )
    code = models.CharField(
        _("区分コード"),
        max_length=20,
        validators=[RegexValidator(r"^[A-Za-z0-9_-]+$", _("半角英数字・ハイフン・下線で入力してください。"))],
        help_text=_("例：1、fs"),
    )
    name = models.CharField(_("事業区分の名称"), max_length=300)
    description = models.TextField(_("対象となる事業"), blank=True)
    requirements = models.JSONField(_("対象事業の要件"), default=_json_list, blank=True)
    allowed_kinds = models.JSONField(_("応募できる者の種別"), default=_json_list)
    conditional_kinds = models.JSONField(
        _("認められた場合に応募できる者の種別"), default=_json_list, blank=True
    )
    conditional_note = models.CharField(
        _("認められる条件"), max_length=200, blank=True, help_text=_("例：その他環境大臣が適当と認める者")
    )
    applicant_note = models.TextField(_("応募者についての注記"), blank=True)
    joint_allowed = models.BooleanField(_("共同申請できる"), default=True)
    representative_kinds = models.JSONField(
        _("代表申請者になれる種別"), default=_json_list, blank=True, help_text=_("空欄なら応募できる者と同じ")
    )
    joint_note = models.TextField(_("共同申請についての注記"), blank=True)
    rate_numerator = models.PositiveSmallIntegerField(_("補助率（分子）"), default=1)
    rate_denominator = models.PositiveSmallIntegerField(
        _("補助率（分母）"), default=1, help_text=_("定額は 1/1、2分の1は 1/2")
    )
    base_amount_kind = models.CharField(
        _("基準額の定め方"), max_length=10, choices=BaseAmountKind.choices, default=BaseAmountKind.FIXED
    )
    base_amount = models.BigIntegerField(_("基準額（円）"), null=True, blank=True)
    base_amount_text = models.CharField(
        _("基準額の記載"), max_length=200, blank=True, help_text=_("例：環境大臣が必要と認めた額")
    )
    cap = models.BigIntegerField(_("上限額（円）"), null=True, blank=True)
    multi_year = models.BooleanField(_("複数年度の計画で応募できる"), default=False)
    multi_year_note = models.TextField(_("複数年度についての注記"), blank=True)
    period_end = models.DateField(_("補助事業期間の終了日"), null=True, blank=True)
    period_note = models.TextField(_("補助事業期間"), blank=True)
    required_documents = models.JSONField(_("応募書類"), default=_json_list, blank=True)
    rules = models.JSONField(_("応募要件の規則"), default=_json_list, blank=True)
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    class Meta:
        verbose_name = _("事業区分")
        verbose_name_plural = _("事業区分")
        ordering = ["program", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["program", "code"], name="programs_projecttype_code_unique"),
            models.CheckConstraint(
                condition=models.Q(rate_numerator__gte=1, rate_numerator__lte=models.F("rate_denominator")),
                name="programs_projecttype_rate_in_range",
            ),
            models.CheckConstraint(
                condition=~models.Q(base_amount_kind="fixed", base_amount__isnull=True),
                name="programs_projecttype_fixed_base_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program} {self.code}. {self.name}"

    @property
    def label(self) -> str:
        """The name as the call lists it: 「①地域資源を…」 for numbered types, the name alone otherwise."""
        if self.code.isdigit() and 1 <= int(self.code) <= len(CIRCLED_NUMBERS):
            return f"{CIRCLED_NUMBERS[int(self.code) - 1]}{self.name}"
        return self.name

    @property
    def rate(self) -> Fraction:
        return Fraction(self.rate_numerator, self.rate_denominator)

    @property
    def rate_label(self) -> str:
        return rate_label(self.rate)

    @property
    def is_fixed_amount(self) -> bool:
        """定額: the rate is 1."""
        return self.rate_numerator == self.rate_denominator

    def amount_rule(self) -> AmountRule:
        base = self.base_amount if self.base_amount_kind == BaseAmountKind.FIXED else None
        return AmountRule(rate=self.rate, cap=self.cap, base_amount=base)

    def effective_representative_kinds(self) -> list[str]:
        return list(self.representative_kinds or self.allowed_kinds)

    def clean(self) -> None:
        _check_kinds(self.allowed_kinds, "allowed_kinds")
        _check_kinds(self.conditional_kinds, "conditional_kinds")
        _check_kinds(self.representative_kinds, "representative_kinds")
        _check_rule_list(self.rules, "type", "rules")
        errors: dict[str, str] = {}
        if self.rate_denominator and not 1 <= self.rate_numerator <= self.rate_denominator:
            errors["rate_numerator"] = _("補助率は0より大きく1以下にしてください（定額は1/1）。")
        if self.base_amount_kind == BaseAmountKind.FIXED and self.base_amount is None:
            errors["base_amount"] = _("基準額を金額で定める場合は、基準額を入力してください。")
        if self.base_amount is not None and self.base_amount < 0:
            errors["base_amount"] = _("基準額にマイナスの金額は入力できません。")
        if self.cap is not None and (self.cap <= 0 or self.cap % 1000):
            errors["cap"] = _("上限額は1,000円単位の正の金額にしてください。")
        if not isinstance(self.required_documents, list) or any(
            not isinstance(doc, dict) or not isinstance(doc.get("name"), str)
            for doc in self.required_documents
        ):
            errors["required_documents"] = _(
                "応募書類は name（と note）を持つオブジェクトの配列で指定してください。"
            )
        if not isinstance(self.requirements, list) or any(
            not isinstance(text, str) for text in self.requirements
        ):
            errors["requirements"] = _("要件は文の配列で指定してください。")
        if errors:
            raise ValidationError(errors)


class CostCategory(models.Model):
    """A 費目/細目 of 別表第2 with its description and its own rules (e.g. 消耗品費: 5万円以上は不可)."""

    project_type = models.ForeignKey(
        ProjectType, on_delete=models.CASCADE, related_name="cost_categories", verbose_name=_("事業区分")
    )
    expense = models.CharField(_("費目"), max_length=50)
    item = models.CharField(_("細目"), max_length=50, blank=True)
    description = models.TextField(_("内容"), blank=True)
    rules = models.JSONField(_("この経費の規則"), default=_json_list, blank=True)
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    class Meta:
        verbose_name = _("補助対象経費の区分")
        verbose_name_plural = _("補助対象経費の区分")
        ordering = ["project_type", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project_type", "expense", "item"], name="programs_costcategory_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.expense}／{self.item}" if self.item else self.expense

    @property
    def name(self) -> str:
        """What a cost line names: the 細目, or the 費目 where it has none (人件費)."""
        return self.item or self.expense

    def clean(self) -> None:
        _check_rule_list(self.rules, "category", "rules")


class ReviewCriterion(models.Model):
    """A review criterion (審査の観点) of a project type; the review issue scores against these."""

    project_type = models.ForeignKey(
        ProjectType, on_delete=models.CASCADE, related_name="review_criteria", verbose_name=_("事業区分")
    )
    code = models.CharField(_("コード"), max_length=20)
    text = models.TextField(_("審査の観点"))
    weight = models.PositiveSmallIntegerField(_("配点の重み"), default=1)
    pass_fail = models.BooleanField(
        _("適否のみを判定する"), default=False, help_text=_("要件を満たすかどうかだけを見る項目")
    )
    scale_min = models.PositiveSmallIntegerField(_("評点の最小値"), default=0)
    scale_max = models.PositiveSmallIntegerField(_("評点の最大値"), default=5)
    required = models.BooleanField(
        _("必須の要件"),
        default=False,
        help_text=_("適否の項目で「否」となった応募は採択の対象にしない"),
    )
    not_applicable_allowed = models.BooleanField(
        _("「該当なし」を認める"),
        default=False,
        help_text=_("例：「情報発信を行う場合は」のように、応募によっては評価しない項目"),
    )
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    class Meta:
        verbose_name = _("審査の観点")
        verbose_name_plural = _("審査の観点")
        ordering = ["project_type", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project_type", "code"], name="programs_reviewcriterion_code_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(scale_min__lt=models.F("scale_max")),
                name="programs_reviewcriterion_scale_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class ReportRule(models.Model):
    """A report the grantee owes: its contents and due date (rule code, params and the words of the call)."""

    project_type = models.ForeignKey(
        ProjectType, on_delete=models.CASCADE, related_name="report_rules", verbose_name=_("事業区分")
    )
    code = models.CharField(_("コード"), max_length=30)
    kind = models.CharField(_("種類"), max_length=20, choices=ReportKind.choices)
    name = models.CharField(_("名称"), max_length=200)
    condition = models.TextField(_("提出が必要な場合"), blank=True)
    contents = models.JSONField(_("記入事項"), default=_json_list, blank=True)
    due_from = models.CharField(
        _("起算日"), max_length=20, choices=DueFrom.choices, default=DueFrom.COMPLETION
    )
    due_rule = models.CharField(
        _("提出期限の規則"), max_length=40, choices=[(code, spec.title) for code, spec in DUE_RULES.items()]
    )
    due_params = models.JSONField(_("提出期限の規則のパラメータ"), default=_json_dict, blank=True)
    due_text = models.TextField(_("提出時期（公募要領の記載）"))
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    class Meta:
        verbose_name = _("報告")
        verbose_name_plural = _("報告")
        ordering = ["project_type", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["project_type", "code"], name="programs_reportrule_code_unique")
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if not isinstance(self.due_params, dict):
            raise ValidationError({"due_params": _("オブジェクトで指定してください。")})
        problems = check_due_rule_data(self.due_rule, self.due_params)
        if problems:
            raise ValidationError({"due_params": problems})


class FinderEntry(models.Model):
    """A column of a call's program-choice table (seed 003 §12): a program and its ◎○△ per nature."""

    source_program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="finder_entries", verbose_name=_("記載している公募")
    )
    name = models.CharField(_("事業名"), max_length=200)
    program_slug = models.CharField(
        _("この事業の公募の識別子"),
        max_length=80,
        blank=True,
        help_text=_("本システムに登録されている公募の識別子（URL）。登録されていなければ空欄"),
    )
    budget_account = models.CharField(_("会計"), max_length=30, choices=BudgetAccount.choices, blank=True)
    planned_awards = models.CharField(_("採択予定件数"), max_length=50, blank=True)
    fits = models.JSONField(_("事業の性質に対する適合性"), default=_json_dict)
    note = models.TextField(_("注記"), blank=True)
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    class Meta:
        verbose_name = _("事業の区分けの考え方")
        verbose_name_plural = _("事業の区分けの考え方")
        ordering = ["source_program", "order", "id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if not isinstance(self.fits, dict):
            raise ValidationError({"fits": _("オブジェクトで指定してください。")})
        problems = check_fits(self.fits, ProjectNature.values)
        if problems:
            raise ValidationError({"fits": problems})


class ProgramVersion(models.Model):
    """A snapshot of a program's data (the YAML export form) after each change; never edited."""

    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="versions", verbose_name=_("公募")
    )
    number = models.PositiveIntegerField(_("版"))
    snapshot = models.JSONField(_("内容"), encoder=DjangoJSONEncoder)
    reason = models.TextField(_("変更理由"), blank=True)
    had_applications = models.BooleanField(_("応募がある状態での変更"), default=False)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("変更者"),
    )

    class Meta:
        verbose_name = _("公募の版")
        verbose_name_plural = _("公募の版")
        ordering = ["program", "-number"]
        constraints = [models.UniqueConstraint(fields=["program", "number"], name="programs_version_unique")]

    def __str__(self) -> str:
        return f"{self.program} 第{self.number}版"
