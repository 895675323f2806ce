"""The review of a call (審査): its committee, conflicts of interest, assignments, score sheets, hearings,
the budget of each type and the committee's decision on each application.

One committee per call (seed 002 3.(2)「審査委員による審査」; seed 003 8.「審査委員会による審査」). The
applications under review are the call's applications in the state 受理. Marks are typed columns (points,
適/否, 該当なし), one row per criterion, so that scores are summed by the engines and never kept as JSON.
Every change goes through ``junkan.review.services`` (checked, atomic, audited).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from junkan.review.engine.coi import ConflictKind


class CommitteeStatus(models.TextChoices):
    REVIEWING = "reviewing", _("審査中")
    DECIDED = "decided", _("採否決定・通知済み")
    PUBLISHED = "published", _("公表済み")


class RequiredRule(models.TextChoices):
    """When a required pass/fail criterion fails (mirrors ``engine.scoring.RequiredRule``)."""

    MAJORITY = "majority", _("過半数の委員が「否」としたとき")
    ANY = "any", _("1人でも「否」としたとき")


class Committee(models.Model):
    """The review committee (審査委員会) of one call, and the rules it scores by."""

    program = models.OneToOneField(
        "programs.Program", on_delete=models.PROTECT, related_name="review_committee", verbose_name=_("公募")
    )
    name = models.CharField(_("名称"), max_length=200, default="審査委員会")
    reviewers_per_application = models.PositiveSmallIntegerField(
        _("1件あたりの審査委員の人数"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    disagreement_threshold = models.DecimalField(
        _("評価の開きの目安（点）"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(20),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
        help_text=_(
            "委員の評点（100点満点）の最高と最低の差がこの値以上の申請に「評価に開きあり」と表示します。"
        ),
    )
    required_rule = models.CharField(
        _("必須の観点を「否」とする基準"),
        max_length=10,
        choices=RequiredRule.choices,
        default=RequiredRule.MAJORITY,
    )
    nested_workplaces = models.BooleanField(
        _("勤務先の区域を含む・含まれる団体の申請も利益相反とする"),
        default=True,
        help_text=_("例：県の職員である委員は、県内の市町村の申請を審査しません。"),
    )
    status = models.CharField(
        _("状態"), max_length=10, choices=CommitteeStatus.choices, default=CommitteeStatus.REVIEWING
    )
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="managed_review_committees",
        blank=True,
        verbose_name=_("担当する事務局職員"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("設置者")
    )
    created_at = models.DateTimeField(_("設置日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)
    decided_at = models.DateTimeField(_("採否の確定日時"), null=True, blank=True)
    published_at = models.DateTimeField(_("公表日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("審査委員会")
        verbose_name_plural = _("審査委員会")
        ordering = ["-program__fiscal_year", "program__slug"]

    def __str__(self) -> str:
        return f"{self.program}　{self.name}"

    @property
    def is_reviewing(self) -> bool:
        return self.status == CommitteeStatus.REVIEWING


class CommitteeMember(models.Model):
    """A member (審査委員): a person with the reviewer role, and what conflict detection compares."""

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="members", verbose_name=_("審査委員会")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="review_memberships",
        verbose_name=_("委員"),
    )
    affiliation = models.CharField(
        _("所属・役職"), max_length=200, blank=True, help_text=_("例：○○大学 教授（名簿・議事録に記載）")
    )
    organizations = models.ManyToManyField(
        "organizations.Organization",
        blank=True,
        related_name="+",
        verbose_name=_("所属する団体"),
        help_text=_("応募者・共同申請者のうち、委員が所属し、又は役員等を務める団体。"),
    )
    workplace = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("勤務先の地方公共団体"),
    )
    residence = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("居住地の地方公共団体"),
    )
    active = models.BooleanField(_("在任"), default=True)
    added_at = models.DateTimeField(_("就任日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("審査委員")
        verbose_name_plural = _("審査委員")
        ordering = ["committee", "id"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "user"], name="review_member_unique"),
        ]

    def __str__(self) -> str:
        return str(self.user)


class DeclarationKind(models.TextChoices):
    """What a member declares for an application: no relationship, or one of the conflict kinds."""

    NONE = "none", _("利害関係はありません")
    SAME_ORGANIZATION = (
        ConflictKind.SAME_ORGANIZATION.value,
        _("申請者・共同申請者と同一の組織に所属している"),
    )
    WORKPLACE = ConflictKind.WORKPLACE.value, _("申請者・共同申請者の地方公共団体に勤務している")
    RESIDENCE = ConflictKind.RESIDENCE.value, _("申請者・共同申請者の地方公共団体に居住している")
    ADVISORY = ConflictKind.ADVISORY.value, _("申請者・共同申請者に助言・顧問等の関係がある")
    FINANCIAL = ConflictKind.FINANCIAL.value, _("申請者・共同申請者と資金・取引等の経済的な関係がある")
    OTHER = ConflictKind.OTHER.value, _("その他、公正な審査を妨げるおそれのある関係がある")


class Declaration(models.Model):
    """A member's declaration for one application (利害関係の申告), required before scoring it."""

    member = models.ForeignKey(
        CommitteeMember, on_delete=models.CASCADE, related_name="declarations", verbose_name=_("委員")
    )
    application = models.ForeignKey(
        "applications.Application", on_delete=models.PROTECT, related_name="+", verbose_name=_("応募")
    )
    kind = models.CharField(_("申告の内容"), max_length=20, choices=DeclarationKind.choices)
    note = models.TextField(_("関係の内容"), blank=True)
    declared_at = models.DateTimeField(_("申告日時"), auto_now=True)

    class Meta:
        verbose_name = _("利害関係の申告")
        verbose_name_plural = _("利害関係の申告")
        ordering = ["member", "application"]
        constraints = [
            models.UniqueConstraint(fields=["member", "application"], name="review_declaration_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.member} / {self.application}: {self.get_kind_display()}"

    @property
    def is_conflict(self) -> bool:
        return self.kind != DeclarationKind.NONE


class Exclusion(models.Model):
    """A member excluded from an application by a declared or detected conflict, with the reasons."""

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="exclusions", verbose_name=_("審査委員会")
    )
    member = models.ForeignKey(
        CommitteeMember, on_delete=models.CASCADE, related_name="exclusions", verbose_name=_("委員")
    )
    application = models.ForeignKey(
        "applications.Application", on_delete=models.PROTECT, related_name="+", verbose_name=_("応募")
    )
    # [{"kind", "source", "label"}]: text for people, never summed.
    reasons = models.JSONField(_("理由"), default=list)
    created_at = models.DateTimeField(_("除外日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("利益相反による除外")
        verbose_name_plural = _("利益相反による除外")
        ordering = ["application", "member"]
        constraints = [
            models.UniqueConstraint(fields=["member", "application"], name="review_exclusion_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.member} × {self.application}"


class AssignmentSource(models.TextChoices):
    MANUAL = "manual", _("手動")
    AUTO = "auto", _("自動")


class AssignmentStatus(models.TextChoices):
    ACTIVE = "active", _("担当")
    WITHDRAWN = "withdrawn", _("解除")


class Assignment(models.Model):
    """A member assigned to review an application (審査の割当て)."""

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("審査委員会")
    )
    member = models.ForeignKey(
        CommitteeMember, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("委員")
    )
    application = models.ForeignKey(
        "applications.Application",
        on_delete=models.PROTECT,
        related_name="review_assignments",
        verbose_name=_("応募"),
    )
    source = models.CharField(_("割当ての方法"), max_length=10, choices=AssignmentSource.choices)
    status = models.CharField(
        _("状態"), max_length=10, choices=AssignmentStatus.choices, default=AssignmentStatus.ACTIVE
    )
    withdrawn_reason = models.CharField(_("解除の理由"), max_length=200, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("割当てた人"),
    )
    assigned_at = models.DateTimeField(_("割当て日時"))

    class Meta:
        verbose_name = _("審査の割当て")
        verbose_name_plural = _("審査の割当て")
        ordering = ["application", "member"]
        constraints = [
            models.UniqueConstraint(fields=["member", "application"], name="review_assignment_unique"),
        ]
        indexes = [models.Index(fields=["committee", "status"], name="review_assignment_status")]

    def __str__(self) -> str:
        return f"{self.member} → {self.application}"

    @property
    def is_active(self) -> bool:
        return self.status == AssignmentStatus.ACTIVE


class SheetStatus(models.TextChoices):
    DRAFT = "draft", _("作成中")
    SUBMITTED = "submitted", _("提出済み")


class ScoreSheet(models.Model):
    """One member's score sheet (採点票) for one assigned application."""

    assignment = models.OneToOneField(
        Assignment, on_delete=models.CASCADE, related_name="sheet", verbose_name=_("割当て")
    )
    status = models.CharField(
        _("状態"), max_length=10, choices=SheetStatus.choices, default=SheetStatus.DRAFT
    )
    overall_comment = models.TextField(_("総合所見"), blank=True)
    # The 0–100 score of the sheet, computed by the engine when submitted (10 places, as the engine gives).
    score = models.DecimalField(
        _("評点（100点満点）"), max_digits=13, decimal_places=10, null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("提出日時"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("採点票")
        verbose_name_plural = _("採点票")
        ordering = ["assignment"]

    def __str__(self) -> str:
        return str(self.assignment)

    @property
    def is_submitted(self) -> bool:
        return self.status == SheetStatus.SUBMITTED


class Mark(models.Model):
    """The mark on one criterion: points on its scale, 適 (True) / 否 (False), or 該当なし; and a comment."""

    sheet = models.ForeignKey(
        ScoreSheet, on_delete=models.CASCADE, related_name="marks", verbose_name=_("採点票")
    )
    criterion = models.ForeignKey(
        "programs.ReviewCriterion", on_delete=models.PROTECT, related_name="+", verbose_name=_("審査の観点")
    )
    points = models.SmallIntegerField(_("評点"), null=True, blank=True)
    passed = models.BooleanField(_("適否"), null=True, blank=True)
    not_applicable = models.BooleanField(_("該当なし"), default=False)
    comment = models.TextField(_("コメント"), blank=True)

    class Meta:
        verbose_name = _("観点ごとの評価")
        verbose_name_plural = _("観点ごとの評価")
        ordering = ["sheet", "criterion__order", "criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="review_mark_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.sheet}: {self.criterion_id}"


class HearingSlot(models.Model):
    """A hearing (ヒアリング) slot: when and where, the application heard, the invitation and the notes."""

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="hearings", verbose_name=_("審査委員会")
    )
    application = models.ForeignKey(
        "applications.Application",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("対象の応募"),
    )
    date = models.DateField(_("日付"))
    start_time = models.TimeField(_("開始時刻"))
    end_time = models.TimeField(_("終了時刻"))
    place = models.CharField(_("会場"), max_length=200, blank=True)
    online_url = models.URLField(_("オンライン会議のURL"), blank=True)
    invited_at = models.DateTimeField(_("案内の送信日時"), null=True, blank=True)
    notes = models.TextField(_("ヒアリングの記録"), blank=True)
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("ヒアリング")
        verbose_name_plural = _("ヒアリング")
        ordering = ["date", "start_time", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_time__lt=models.F("end_time")), name="review_hearing_time_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.start_time:%H:%M}"


class Budget(models.Model):
    """The budget of one project type, entered by the secretariat, within which the proposal adopts."""

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="budgets", verbose_name=_("審査委員会")
    )
    project_type = models.ForeignKey(
        "programs.ProjectType", on_delete=models.PROTECT, related_name="+", verbose_name=_("事業区分")
    )
    amount = models.BigIntegerField(_("予算額（円）"), validators=[MinValueValidator(0)])

    class Meta:
        verbose_name = _("事業区分ごとの予算")
        verbose_name_plural = _("事業区分ごとの予算")
        ordering = ["committee", "project_type__order", "project_type_id"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "project_type"], name="review_budget_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.project_type}: {self.amount}"


class Outcome(models.TextChoices):
    ADOPTED = "adopted", _("採択")
    ADOPTED_WITH_CONDITIONS = "conditional", _("条件付き採択")
    NOT_ADOPTED = "not_adopted", _("不採択")


ADOPTED_OUTCOMES = frozenset({Outcome.ADOPTED, Outcome.ADOPTED_WITH_CONDITIONS})


class Decision(models.Model):
    """The committee's decision on one application, with its reasons for the file (never sent out)."""

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("審査委員会")
    )
    application = models.OneToOneField(
        "applications.Application",
        on_delete=models.PROTECT,
        related_name="review_decision",
        verbose_name=_("応募"),
    )
    outcome = models.CharField(_("採否"), max_length=12, choices=Outcome.choices)
    conditions = models.TextField(_("採択の条件"), blank=True)
    reasons = models.TextField(_("理由（記録用）"))
    amount = models.BigIntegerField(_("採択額（円）"), default=0, validators=[MinValueValidator(0)])
    area = models.CharField(_("公表する地域"), max_length=200, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("記録した人")
    )
    decided_at = models.DateTimeField(_("記録日時"))
    notified_at = models.DateTimeField(_("通知日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("採否の決定")
        verbose_name_plural = _("採否の決定")
        ordering = ["committee", "application"]

    def __str__(self) -> str:
        return f"{self.application}: {self.get_outcome_display()}"

    @property
    def is_adopted(self) -> bool:
        return self.outcome in ADOPTED_OUTCOMES
