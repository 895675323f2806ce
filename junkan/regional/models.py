"""Regional support (seed 000 ①②): bodies that meet, consortium cases, the hearing, support teams,
coordinators, business plans with KPIs and PDCA. Money is int yen; KPI figures are Decimal."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from junkan.regional.engine.budget import CONSORTIUM_DEFAULT_CAP, COST_KIND_LABELS, CostKind
from junkan.regional.engine.hearing import CRITERIA, OUTCOME_LABELS, Outcome
from junkan.regional.engine.kpi import AREA_LABELS, Area


class Round(models.Model):
    """A yearly round of consortium support (募集回), announced by the secretariat with its cap per case."""

    fiscal_year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    name = models.CharField(_("名称"), max_length=200)
    budget_cap = models.PositiveBigIntegerField(
        _("1件当たりの上限額（円）"), default=CONSORTIUM_DEFAULT_CAP, validators=[MinValueValidator(1)]
    )
    announced_on = models.DateField(_("公表日"))
    closes_on = models.DateField(_("応募締切日"), null=True, blank=True)
    is_open = models.BooleanField(_("応募を受け付ける"), default=True)
    notes = models.TextField(_("募集の内容"), blank=True)

    class Meta:
        verbose_name = _("環境整備の募集回")
        verbose_name_plural = _("環境整備の募集回")
        ordering = ["-fiscal_year"]

    def __str__(self) -> str:
        return self.name


class BodyKind(models.TextChoices):
    CONSORTIUM = "consortium", _("地域コンソーシアム")
    COUNCIL = "council", _("協議会")
    TEAM = "team", _("支援チーム")


class Body(models.Model):
    """A regional body (会議体): a consortium, the council of a type ③ grant project, a support team."""

    kind = models.CharField(_("種類"), max_length=12, choices=BodyKind.choices)
    name = models.CharField(_("名称"), max_length=200)
    region = models.ForeignKey(
        "registry.RegionRegistration",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bodies",
        verbose_name=_("地域"),
    )
    grant_project = models.ForeignKey(
        "grants.Project",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="councils",
        verbose_name=_("補助事業"),
    )
    purpose = models.TextField(_("目的・役割"), blank=True)
    reuses_existing = models.BooleanField(
        _("既存の会議体を活用する"), default=False, help_text=_("既存の協議会・検討会などを活用する場合。")
    )
    is_published = models.BooleanField(
        _("公開する"),
        default=False,
        help_text=_("構成員と会議の開催状況を公開します（会議体の同意がある場合）。"),
    )
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("会議体")
        verbose_name_plural = _("会議体")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Sector(models.TextChoices):
    RESIDENTS = "residents", _("住民")
    BUSINESS = "business", _("企業")
    FINANCE = "finance", _("金融")
    GOVERNMENT = "government", _("行政")
    EXPERTS = "experts", _("専門家")
    NPO = "npo", _("NPO/NGO")
    EDUCATION = "education", _("教育")
    OTHER = "other", _("その他")


class MemberKind(models.TextChoices):
    PERSON = "person", _("個人")
    ORGANIZATION = "organization", _("団体")


class BodyMember(models.Model):
    """A member of a body: a person or an organization, its sector and role, from/to; planned members too."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="members", verbose_name=_("会議体"))
    kind = models.CharField(
        _("個人・団体"), max_length=12, choices=MemberKind.choices, default=MemberKind.ORGANIZATION
    )
    name = models.CharField(_("名称・氏名"), max_length=200)
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("登録団体"),
    )
    sector = models.CharField(_("分野"), max_length=12, choices=Sector.choices)
    role = models.CharField(_("役割"), max_length=200, blank=True)
    joined_on = models.DateField(_("参加日"), null=True, blank=True)
    left_on = models.DateField(_("退任日"), null=True, blank=True)
    planned = models.BooleanField(_("参加予定"), default=False)

    class Meta:
        verbose_name = _("構成員")
        verbose_name_plural = _("構成員")
        ordering = ["sector", "name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True)
                | models.Q(joined_on__isnull=True)
                | models.Q(left_on__gte=models.F("joined_on")),
                name="regional_member_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Meeting(models.Model):
    """A meeting of a body: when, where, agenda, attendance, minutes with decisions and action items."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("会議体")
    )
    held_on = models.DateField(_("開催日"))
    place = models.CharField(_("場所"), max_length=200, blank=True)
    online = models.BooleanField(_("オンライン"), default=False)
    agenda = models.TextField(_("議題"))
    attendance = models.PositiveIntegerField(_("出席者数"), default=0)
    attendees = models.TextField(_("出席者"), blank=True)
    minutes = models.TextField(_("議事録"), blank=True)
    decisions = models.TextField(_("決定事項"), blank=True)
    action_items = models.TextField(_("今後の対応（担当・期限）"), blank=True)
    minutes_published = models.BooleanField(_("議事録を公開する"), default=False)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("会議")
        verbose_name_plural = _("会議")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.body} {self.held_on}"


def regional_file_path(instance: models.Model, filename: str) -> str:
    """Storage names never come from the user's file name."""
    return f"regional/{uuid.uuid4().hex}"


class StoredFile(models.Model):
    """What every checked upload keeps: the file, its name, kind, size and SHA-256."""

    public_id = models.UUIDField(_("公開ID"), default=uuid.uuid4, unique=True, editable=False)
    file = models.FileField(_("ファイル"), upload_to=regional_file_path, max_length=200)
    original_name = models.CharField(_("ファイル名"), max_length=255)
    content_type = models.CharField(_("ファイル形式"), max_length=100)
    size = models.PositiveBigIntegerField(_("サイズ（バイト）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("登録者")
    )
    uploaded_at = models.DateTimeField(_("登録日時"), auto_now_add=True)

    class Meta:
        abstract = True


class MeetingFile(StoredFile):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="files", verbose_name=_("会議")
    )

    class Meta:
        verbose_name = _("会議資料")
        verbose_name_plural = _("会議資料")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class CaseStatus(models.TextChoices):
    DRAFT = "draft", _("作成中")
    SUBMITTED = "submitted", _("選定中")
    SELECTED = "selected", _("支援中")
    NOT_SELECTED = "not_selected", _("不選定")
    HEARING = "hearing", _("移行ヒアリング")
    CLOSED = "closed", _("終了")


class CaseKind(models.TextChoices):
    NEW = "new", _("新規")
    CONTINUING = "continuing", _("継続")


class Route(models.TextChoices):
    APPLIED = "applied", _("地域からの応募")
    RECOMMENDED = "recommended", _("推薦")


class ConsortiumCase(models.Model):
    """A consortium support case (環境整備): one region, one round (fiscal year), new or continuing."""

    region = models.ForeignKey(
        "registry.RegionRegistration",
        on_delete=models.PROTECT,
        related_name="consortium_cases",
        verbose_name=_("地域"),
    )
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="cases", verbose_name=_("募集回"))
    kind = models.CharField(_("新規・継続"), max_length=12, choices=CaseKind.choices, default=CaseKind.NEW)
    route = models.CharField(_("経緯"), max_length=12, choices=Route.choices, default=Route.APPLIED)
    recommended_by = models.CharField(_("推薦者"), max_length=200, blank=True)
    status = models.CharField(
        _("状態"), max_length=14, choices=CaseStatus.choices, default=CaseStatus.DRAFT, db_index=True
    )
    selection_reason = models.TextField(_("選定の理由"), blank=True)
    budget_cap = models.PositiveBigIntegerField(_("上限額（円）"), default=CONSORTIUM_DEFAULT_CAP)
    # A continuing case keeps the consortium of its first year.
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="consortium_cases", verbose_name=_("コンソーシアム")
    )
    desired_future = models.TextField(_("ありたい未来"), blank=True)
    backcasting = models.TextField(_("ありたい未来への道筋（バックキャスティング）"), blank=True)
    resources = models.TextField(_("活用する地域資源"), blank=True)
    challenges = models.TextField(_("地域の課題"), blank=True)
    partners = models.TextField(_("連携するパートナー"), blank=True)
    # The 地域経済循環分析 kept on the platform (junkan/economy); an uploaded analysis serves as well.
    economy_account = models.ForeignKey(
        "economy.RegionalAccount",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("地域経済循環分析（プラットフォームのデータ）"),
    )
    is_published = models.BooleanField(_("公開する"), default=False)
    submitted_at = models.DateTimeField(_("応募日時"), null=True, blank=True)
    decided_at = models.DateTimeField(_("選定日時"), null=True, blank=True)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("環境整備の支援案件")
        verbose_name_plural = _("環境整備の支援案件")
        ordering = ["-round__fiscal_year", "region__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["region", "round"], name="regional_case_one_per_round"),
        ]

    def __str__(self) -> str:
        return f"{self.region}（{self.round.fiscal_year}年度）"


class AnalysisFile(StoredFile):
    """The region's economic analysis (地域経済循環分析), uploaded until the economy app's can be linked."""

    case = models.ForeignKey(
        ConsortiumCase, on_delete=models.CASCADE, related_name="analyses", verbose_name=_("支援案件")
    )

    class Meta:
        verbose_name = _("地域経済循環分析")
        verbose_name_plural = _("地域経済循環分析")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class CostLine(models.Model):
    """Planned and actual amounts of one cost kind of a case, executed by the secretariat."""

    case = models.ForeignKey(ConsortiumCase, on_delete=models.CASCADE, related_name="cost_lines")
    kind = models.CharField(
        _("経費の区分"), max_length=14, choices=[(k.value, v) for k, v in COST_KIND_LABELS.items()]
    )
    planned = models.PositiveBigIntegerField(_("予定額（円）"), default=0)
    actual = models.PositiveBigIntegerField(_("執行額（円）"), default=0)
    reason = models.CharField(_("内容・理由"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("経費")
        verbose_name_plural = _("経費")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["case", "kind"], name="regional_cost_kind_once")]

    def __str__(self) -> str:
        return str(COST_KIND_LABELS[CostKind(self.kind)])


class HearingStatus(models.TextChoices):
    OPEN = "open", _("判定中")
    DECIDED = "decided", _("決定済み")


class Hearing(models.Model):
    """The transition hearing (移行ヒアリング) of a case: six judgements, a decision with reasons."""

    case = models.OneToOneField(
        ConsortiumCase, on_delete=models.PROTECT, related_name="hearing", verbose_name=_("支援案件")
    )
    status = models.CharField(
        _("状態"), max_length=10, choices=HearingStatus.choices, default=HearingStatus.OPEN, db_index=True
    )
    held_on = models.DateField(_("実施日"), null=True, blank=True)
    panel = models.TextField(_("ヒアリングの担当者"), blank=True)
    outcome = models.CharField(
        _("決定"), max_length=10, choices=[(o.value, v) for o, v in OUTCOME_LABELS.items()], blank=True
    )
    reasons = models.TextField(_("決定の理由"), blank=True)
    decided_at = models.DateTimeField(_("決定日時"), null=True, blank=True)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("移行ヒアリング")
        verbose_name_plural = _("移行ヒアリング")

    def __str__(self) -> str:
        return str(self.case)

    @property
    def outcome_value(self) -> Outcome | None:
        return Outcome(self.outcome) if self.outcome else None


class Judgement(models.Model):
    """The panel's judgement of one criterion: met or not, the evidence seen, the comment."""

    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="judgements")
    key = models.CharField(_("観点"), max_length=20, choices=[(c.key, c.name) for c in CRITERIA])
    met = models.BooleanField(_("満たしている"), null=True)
    evidence = models.TextField(_("根拠"), blank=True)
    comment = models.TextField(_("コメント"), blank=True)

    class Meta:
        verbose_name = _("観点の判定")
        verbose_name_plural = _("観点の判定")
        constraints = [models.UniqueConstraint(fields=["hearing", "key"], name="regional_judgement_once")]

    def __str__(self) -> str:
        return self.get_key_display()  # type: ignore[attr-defined,no-any-return]


class TeamStatus(models.TextChoices):
    DRAFT = "draft", _("作成中")
    REQUESTED = "requested", _("依頼中")
    FORMED = "formed", _("支援中")
    REFUSED = "refused", _("見送り")
    COMPLETED = "completed", _("支援終了")


class SupportTeam(models.Model):
    """A support team (支援チーム) formed on the region's request: 3–5 experts, 1–2 years, ≤ 10,000千円."""

    region = models.ForeignKey(
        "registry.RegionRegistration",
        on_delete=models.PROTECT,
        related_name="support_teams",
        verbose_name=_("地域"),
    )
    case = models.ForeignKey(
        ConsortiumCase,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="teams",
        verbose_name=_("環境整備の支援案件"),
    )
    status = models.CharField(
        _("状態"), max_length=10, choices=TeamStatus.choices, default=TeamStatus.DRAFT, db_index=True
    )
    fields = models.ManyToManyField(
        "support.SupportField", blank=True, related_name="+", verbose_name=_("求める専門分野")
    )
    request_note = models.TextField(_("依頼の内容"), blank=True)
    starts_on = models.DateField(_("支援期間（開始）"), null=True, blank=True)
    ends_on = models.DateField(_("支援期間（終了）"), null=True, blank=True)
    consulting_fee = models.PositiveBigIntegerField(_("コンサルティング料（円）"), default=0)
    other_costs = models.PositiveBigIntegerField(_("旅費・謝金等（円）"), default=0)
    body = models.OneToOneField(
        Body, on_delete=models.PROTECT, related_name="support_team", verbose_name=_("会議体")
    )
    is_published = models.BooleanField(_("公開する"), default=False)
    refusal_reason = models.TextField(_("見送りの理由"), blank=True)
    requested_at = models.DateTimeField(_("依頼日時"), null=True, blank=True)
    formed_at = models.DateTimeField(_("編成日時"), null=True, blank=True)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("支援チーム")
        verbose_name_plural = _("支援チーム")
        ordering = ["-created_at", "id"]

    def __str__(self) -> str:
        return str(self.body)

    @property
    def cost(self) -> int:
        return int(self.consulting_fee) + int(self.other_costs)


class TeamExpert(models.Model):
    """An expert of the directory on a team, with what conflict detection compares."""

    team = models.ForeignKey(SupportTeam, on_delete=models.CASCADE, related_name="experts")
    expert = models.ForeignKey(
        "support.Expert", on_delete=models.PROTECT, related_name="+", verbose_name=_("専門家")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="regional_team_seats",
        verbose_name=_("ログインするアカウント"),
    )
    role = models.CharField(_("担当"), max_length=200, blank=True)
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("所属する団体"),
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
    declared_conflict = models.TextField(_("申告された関係"), blank=True)

    class Meta:
        verbose_name = _("支援チームの専門家")
        verbose_name_plural = _("支援チームの専門家")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["team", "expert"], name="regional_expert_once")]

    def __str__(self) -> str:
        return str(self.expert)


class Visit(models.Model):
    """A visit of the team (about three a year): who went, whom they heard, the advice of four kinds."""

    team = models.ForeignKey(SupportTeam, on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField(_("訪問日"))
    experts = models.ManyToManyField(TeamExpert, related_name="visits", verbose_name=_("訪問した専門家"))
    heard = models.TextField(_("ヒアリングした相手"), blank=True)
    advice_resources = models.TextField(_("地域資源の活用方策についての助言"), blank=True)
    advice_stakeholders = models.TextField(_("ステークホルダーとの連携の方向性についての助言"), blank=True)
    advice_consortium = models.TextField(_("地域コンソーシアムでの助言"), blank=True)
    advice_plan = models.TextField(_("事業計画案への助言"), blank=True)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("現地訪問")
        verbose_name_plural = _("現地訪問")
        ordering = ["-visited_on", "-id"]

    def __str__(self) -> str:
        return f"{self.team} {self.visited_on}"


class Coordinator(models.Model):
    """A regional coordinator (地域コーディネーター): a key person living in the region."""

    region = models.ForeignKey(
        "registry.RegionRegistration",
        on_delete=models.PROTECT,
        related_name="coordinators",
        verbose_name=_("地域"),
    )
    team = models.ForeignKey(
        SupportTeam, on_delete=models.SET_NULL, null=True, blank=True, related_name="coordinators"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="regional_coordinations",
        verbose_name=_("ログインするアカウント"),
    )
    name = models.CharField(_("氏名"), max_length=100)
    profile = models.TextField(_("経歴・地域での役割"), blank=True)
    appointed_on = models.DateField(_("選任日"))
    ended_on = models.DateField(_("退任日"), null=True, blank=True)

    class Meta:
        verbose_name = _("地域コーディネーター")
        verbose_name_plural = _("地域コーディネーター")
        ordering = ["-appointed_on", "id"]

    def __str__(self) -> str:
        return self.name


class ActivityKind(models.TextChoices):
    COORDINATION = "coordination", _("地域・部局間の横断的な調整")
    STAKEHOLDERS = "stakeholders", _("ステークホルダーとの協働づくり")
    PLANNING = "planning", _("事業計画の企画・立案")
    FUNDING = "funding", _("事業化に向けた資金調達")


class Activity(models.Model):
    """One entry of a coordinator's activity log."""

    coordinator = models.ForeignKey(Coordinator, on_delete=models.CASCADE, related_name="activities")
    done_on = models.DateField(_("日付"))
    kind = models.CharField(_("活動の種類"), max_length=14, choices=ActivityKind.choices)
    note = models.TextField(_("内容"))
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("コーディネーターの活動")
        verbose_name_plural = _("コーディネーターの活動")
        ordering = ["-done_on", "-id"]

    def __str__(self) -> str:
        return f"{self.coordinator} {self.done_on}"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("策定中")
    ADOPTED = "adopted", _("策定済み")
    BUSINESS = "business", _("事業化")


class BusinessPlan(models.Model):
    """The region's business plan (事業計画): its projects, KPIs, PDCA cycles and related programs."""

    region = models.ForeignKey(
        "registry.RegionRegistration",
        on_delete=models.PROTECT,
        related_name="business_plans",
        verbose_name=_("地域"),
    )
    team = models.ForeignKey(
        SupportTeam,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plans",
        verbose_name=_("支援チーム"),
    )
    title = models.CharField(_("事業計画の名称"), max_length=200)
    summary = models.TextField(_("概要"), blank=True)
    projects = models.TextField(_("計画に含む事業"), blank=True)
    status = models.CharField(
        _("状態"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT, db_index=True
    )
    is_published = models.BooleanField(_("KPIを公開する"), default=False)
    programs = models.ManyToManyField(
        "programs.Program", blank=True, related_name="+", verbose_name=_("関連する予算事業")
    )
    applications = models.ManyToManyField(
        "applications.Application", blank=True, related_name="+", verbose_name=_("関連する応募")
    )
    adopted_at = models.DateTimeField(_("策定日時"), null=True, blank=True)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("事業計画")
        verbose_name_plural = _("事業計画")
        ordering = ["-created_at", "id"]

    def __str__(self) -> str:
        return self.title


class Kpi(models.Model):
    """A KPI of a plan in one of three areas, with its baseline."""

    plan = models.ForeignKey(BusinessPlan, on_delete=models.CASCADE, related_name="kpis")
    area = models.CharField(_("分野"), max_length=12, choices=[(a.value, v) for a, v in AREA_LABELS.items()])
    name = models.CharField(_("指標"), max_length=200)
    unit = models.CharField(_("単位"), max_length=30)
    baseline = models.DecimalField(_("基準値"), max_digits=18, decimal_places=3)
    baseline_year = models.PositiveSmallIntegerField(_("基準年度"))

    class Meta:
        verbose_name = _("KPI")
        verbose_name_plural = _("KPI")
        ordering = ["area", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def area_value(self) -> Area:
        return Area(self.area)


class KpiYear(models.Model):
    """A KPI's target and actual for one fiscal year."""

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="years")
    fiscal_year = models.PositiveSmallIntegerField(_("年度"))
    target = models.DecimalField(_("目標値"), max_digits=18, decimal_places=3, null=True, blank=True)
    actual = models.DecimalField(_("実績値"), max_digits=18, decimal_places=3, null=True, blank=True)

    class Meta:
        verbose_name = _("KPIの年度値")
        verbose_name_plural = _("KPIの年度値")
        ordering = ["fiscal_year"]
        constraints = [models.UniqueConstraint(fields=["kpi", "fiscal_year"], name="regional_kpi_year_once")]

    def __str__(self) -> str:
        return f"{self.kpi} {self.fiscal_year}"


class PdcaCycle(models.Model):
    """One PDCA cycle of a plan: what was planned and done, the check against the KPIs, the act."""

    plan = models.ForeignKey(BusinessPlan, on_delete=models.CASCADE, related_name="cycles")
    fiscal_year = models.PositiveSmallIntegerField(_("年度"))
    plan_note = models.TextField(_("計画（Plan）"), blank=True)
    do_note = models.TextField(_("実行（Do）"), blank=True)
    check_note = models.TextField(_("評価（Check）"))
    act_note = models.TextField(_("改善（Act）"))
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("PDCAサイクル")
        verbose_name_plural = _("PDCAサイクル")
        ordering = ["-fiscal_year", "-id"]

    def __str__(self) -> str:
        return f"{self.plan} {self.fiscal_year}"
