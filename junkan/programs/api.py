"""Public API of calls, mounted at /api/v1/programs (also used by the application form).

- ``POST /api/v1/programs/{slug}/subsidy-estimate``: the 様式3 arithmetic for one fiscal year.
- ``POST /api/v1/programs/{slug}/eligibility-check``: the eligibility rules of a project type.
- ``GET /api/v1/programs/{slug}/due-dates``: the reports a project of a type owes and their due dates.

The body is read and checked here rather than by django-ninja, so that every bad input answers 400
``{"detail": "<Japanese naming the field>", "errors": [{"field": "...", "message": "..."}]}`` (the
request schemas in the OpenAPI document are generated from the same pydantic models). Unknown and
unpublished calls answer 404.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from pydantic import BaseModel, ConfigDict
from pydantic import Field as PydanticField
from pydantic import ValidationError as PydanticValidationError

from junkan.common.api import (
    ErrorOut,
    FieldError,
    Location,
    bad_request,
    field_label,
    json_path,
    parse_iso_date,
    pydantic_error,
    request_body,
)
from junkan.jp.codes import CodeError, validate_lg_code
from junkan.municipalities.models import Municipality
from junkan.organizations.models import LOCAL_GOVERNMENT_KINDS, OrganizationKind
from junkan.programs import evaluation, permissions
from junkan.programs.engine import deadlines, eligibility, subsidy
from junkan.programs.models import Program, ProjectType, ReportRule

router = Router(tags=["programs"])

_AMOUNT = {"type": "integer", "minimum": 0, "description": "円（整数）"}


class EstimateIn(BaseModel):
    """What 様式3 asks for one fiscal year."""

    model_config = ConfigDict(strict=True, extra="ignore", title="SubsidyEstimateIn")

    project_type: str = PydanticField(description='事業区分のコード（例："1"、"fs"）')
    total_cost: int = PydanticField(description="(1)総事業費", json_schema_extra=_AMOUNT)
    other_income: int = PydanticField(0, description="(2)寄付金その他の収入", json_schema_extra=_AMOUNT)
    eligible_cost: int = PydanticField(description="(4)補助対象経費支出予定額", json_schema_extra=_AMOUNT)
    base_amount: int | None = PydanticField(
        None,
        description="(5)基準額。個別に定める事業区分で定まっている場合のみ。金額が定められた区分では省略",
    )
    consumption_tax_equivalent: int | None = PydanticField(
        None, description="消費税等相当額（仕入控除税額×補助率）。明らかでなければ null"
    )


class PartyIn(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", title="PartyIn")

    kind: str = PydanticField(description="組織の種別: " + ", ".join(OrganizationKind.values))
    lg_code: str | None = PydanticField(None, description="地方公共団体の団体コード（6桁）")


class CostLineIn(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", title="CostLineIn")

    category: str = PydanticField(description="別表第2の細目（細目のない費目は費目）。例：消耗品費、人件費")
    description: str = ""
    unit_price: int | None = PydanticField(None, description="単価（円）")
    quantity: int = PydanticField(1, description="数量", json_schema_extra={"minimum": 1})
    amount: int = PydanticField(description="金額（円）", json_schema_extra=_AMOUNT)
    for_local_government_staff: bool = PydanticField(
        False, description="地方公共団体の職員の経費（旅費など）"
    )
    regular_staff: bool = PydanticField(False, description="常勤職員の人件費")


class EligibilityIn(BaseModel):
    """The facts the stateless rules need; optional facts unknown are skipped."""

    model_config = ConfigDict(strict=True, extra="ignore", title="EligibilityCheckIn")

    project_type: str = PydanticField(description="事業区分のコード")
    applicant: PartyIn = PydanticField(description="申請者（共同申請では代表申請者）")
    co_applicants: list[PartyIn] = PydanticField(default_factory=list, description="共同申請者")
    cost_lines: list[CostLineIn] = PydanticField(default_factory=list, description="経費の内訳")
    submitted_at: datetime | None = PydanticField(
        None, description="提出（到着）日時。時差付き。指定すると公募期間内かを確認します"
    )
    other_national_subsidy: bool | None = PydanticField(
        None, description="この事業について国の他の補助金等を受けるか。指定すると確認します"
    )


class StepOut(Schema):
    key: str
    number: str = Field(..., description="様式3の番号（(1)〜(8)）。様式3にない途中計算は空")
    label: str
    value: int | None
    note: str


class EstimateOut(Schema):
    program: str
    project_type: str
    total_cost: int
    other_income: int
    net_cost: int = Field(..., description="(3)差引額")
    eligible_cost: int
    base_amount: int | None = Field(..., description="(5)基準額。個別に定める額が未定なら null")
    selected_amount: int = Field(..., description="(6)選定額")
    basic_amount: int = Field(..., description="(7)補助基本額")
    rate_numerator: int
    rate_denominator: int
    rate_label: str = Field(..., description="「定額」「2分の1」など")
    amount_at_rate: int = Field(..., description="(7)×補助率")
    consumption_tax_equivalent: int | None
    amount_after_tax: int
    truncated_amount: int = Field(..., description="千円未満切捨て後")
    cap: int | None
    capped: bool
    subsidy: int = Field(..., description="補助金所要額（交付を受けられる額の上限）")
    steps: list[StepOut]


class ViolationOut(Schema):
    code: str
    message: str
    reference: str = Field(..., description="公募要領の該当箇所")
    lines: list[int] = Field(..., description="該当する cost_lines の位置（0から）")
    severity: str = Field(..., description="error（応募できない）または notice（確認が必要）")


class EligibilityOut(Schema):
    program: str
    project_type: str
    eligible: bool
    violations: list[ViolationOut]
    notices: list[ViolationOut]
    checked_rules: list[str]
    skipped_rules: list[str] = Field(
        ..., description="必要な事実が不明なため確認しなかった規則（応募の際に確認）"
    )


FIELD_LABELS = {
    "project_type": "事業区分",
    "total_cost": "(1)総事業費",
    "other_income": "(2)寄付金その他の収入",
    "eligible_cost": "(4)補助対象経費支出予定額",
    "base_amount": "(5)基準額",
    "consumption_tax_equivalent": "消費税等相当額",
    "applicant": "申請者",
    "co_applicants": "共同申請者",
    "cost_lines": "経費の内訳",
    "submitted_at": "提出日時",
    "other_national_subsidy": "国の他の補助金の有無",
    "kind": "種別",
    "lg_code": "団体コード",
    "category": "経費の区分",
    "description": "内容",
    "unit_price": "単価",
    "quantity": "数量",
    "amount": "金額",
    "for_local_government_staff": "地方公共団体の職員の経費か",
    "regular_staff": "常勤職員の人件費か",
}
_ORDINALS = {"co_applicants": "共同申請者の{n}番目", "cost_lines": "経費の内訳の{n}行目"}


def _label(loc: Location) -> str:
    """A pydantic location in Japanese with its JSON path: 経費の内訳の1行目の金額（cost_lines[0].amount）."""
    return field_label(loc, FIELD_LABELS, _ORDINALS)


def _message(kind: str, loc: Location) -> str | None:
    """A quantity is a count, not yen."""
    if kind.startswith("int") and loc[-1] in {"quantity"}:
        return _("%(field)sは整数で指定してください。")
    return None


def _program(request: HttpRequest, slug: str) -> Program | None:
    """The call, or None when it does not exist or is not published (outsiders cannot tell which)."""
    program = Program.objects.filter(slug=slug).first()
    if program is None or not permissions.can_view_program(request.user, program):
        return None
    return program


def _not_found(slug: str) -> Status[dict[str, Any]]:
    return Status(404, {"detail": _("公募「%(slug)s」は見つかりません。") % {"slug": slug}, "errors": []})


def _project_type(program: Program, code: str) -> ProjectType | FieldError:
    types = list(program.project_types.prefetch_related("cost_categories").order_by("order", "id"))
    for project_type in types:
        if project_type.code == code:
            project_type.program = program
            return project_type
    return FieldError(
        field="project_type",
        message=_(
            "事業区分（project_type）「%(code)s」はこの公募にありません。次のいずれかを指定してください：%(codes)s"
        )
        % {"code": code, "codes": "、".join(t.code for t in types)},
    )


@router.post(
    "/{slug}/subsidy-estimate",
    response={200: EstimateOut, 400: ErrorOut, 404: ErrorOut},
    summary="補助金額の試算（様式3）",
    description=(
        "経費内訳書（様式3）の計算を1年度分行います。(3)=(1)−(2)、(6)=min((4),(5))、(7)=min((3),(6))、"
        "(7)×補助率から消費税等相当額（明らかな場合）を減じ、千円未満を切り捨て、上限額を超える場合は上限額とします。"
        "基準額を個別に定める事業区分で基準額が未定（null）の場合は(6)=(4)です。"
        "`steps` に各段階の額と説明が入ります。"
        "金額はすべて円単位の整数です。入力の誤りは400で、項目名を示した日本語のメッセージを返します。"
    ),
    openapi_extra=request_body(
        EstimateIn,
        {
            "project_type": "1",
            "total_cost": 12000000,
            "other_income": 0,
            "eligible_cost": 11500000,
            "base_amount": None,
            "consumption_tax_equivalent": 0,
        },
    ),
)
def subsidy_estimate(request: HttpRequest, slug: str) -> Status[Any]:
    """One fiscal year's 様式3 with every step."""
    program = _program(request, slug)
    if program is None:
        return _not_found(slug)
    try:
        data = EstimateIn.model_validate_json(request.body or b"")
    except PydanticValidationError as error:
        return bad_request([pydantic_error(e, _label, _message) for e in error.errors()])
    project_type = _project_type(program, data.project_type)
    if isinstance(project_type, FieldError):
        return bad_request([project_type])
    inputs = subsidy.CostInputs(
        total_cost=data.total_cost,
        other_income=data.other_income,
        eligible_cost=data.eligible_cost,
        base_amount=data.base_amount,
        consumption_tax_equivalent=data.consumption_tax_equivalent,
    )
    try:
        result = evaluation.estimate(project_type, inputs)
    except subsidy.AmountInputError as error:
        return bad_request([FieldError(field=p.field, message=p.message) for p in error.problems])
    return Status(200, estimate_payload(program, project_type, result))


def estimate_payload(program: Program, project_type: ProjectType, result: subsidy.Estimate) -> dict[str, Any]:
    """The estimate as the API (and the estimate page) shows it."""
    return {
        "program": program.slug,
        "project_type": project_type.code,
        "total_cost": result.total_cost,
        "other_income": result.other_income,
        "net_cost": result.net_cost,
        "eligible_cost": result.eligible_cost,
        "base_amount": result.base_amount,
        "selected_amount": result.selected_amount,
        "basic_amount": result.basic_amount,
        "rate_numerator": result.rate.numerator,
        "rate_denominator": result.rate.denominator,
        "rate_label": subsidy.rate_label(result.rate),
        "amount_at_rate": result.amount_at_rate,
        "consumption_tax_equivalent": result.consumption_tax_equivalent,
        "amount_after_tax": result.amount_after_tax,
        "truncated_amount": result.truncated_amount,
        "cap": result.cap,
        "capped": result.capped,
        "subsidy": result.subsidy,
        "steps": [
            {"key": s.key, "number": s.number, "label": s.label, "value": s.value, "note": s.note}
            for s in result.steps
        ],
    }


def _party(party: PartyIn, loc: Location, errors: list[FieldError]) -> eligibility.Party:
    """A party with its kind known and its 団体コード checked against the master."""
    if party.kind not in OrganizationKind.values:
        errors.append(
            FieldError(
                field=json_path((*loc, "kind")),
                message=_("%(field)s「%(kind)s」はありません。次のいずれかを指定してください：%(kinds)s")
                % {
                    "field": _label((*loc, "kind")),
                    "kind": party.kind,
                    "kinds": ", ".join(OrganizationKind.values),
                },
            )
        )
        return eligibility.Party(party.kind)
    if party.lg_code is None or not party.lg_code.strip():
        return eligibility.Party(party.kind)
    field = json_path((*loc, "lg_code"))
    label = _label((*loc, "lg_code"))
    allowed = LOCAL_GOVERNMENT_KINDS.get(party.kind)
    if allowed is None:
        errors.append(
            FieldError(
                field=field,
                message=_("%(field)s：地方公共団体以外には団体コードを指定できません。") % {"field": label},
            )
        )
        return eligibility.Party(party.kind)
    try:
        code = validate_lg_code(party.lg_code)
    except CodeError as error:
        errors.append(FieldError(field=field, message=f"{label}：{error.message}"))
        return eligibility.Party(party.kind)
    municipality = Municipality.objects.filter(code=code).only("kind", "full_name").first()
    if municipality is None:
        errors.append(
            FieldError(
                field=field,
                message=_("%(field)s：団体コード「%(code)s」の団体は見つかりません。")
                % {"field": label, "code": code},
            )
        )
    elif municipality.kind not in allowed:
        errors.append(
            FieldError(
                field=field,
                message=_("%(field)s：「%(name)s」は%(kind)sではありません。")
                % {
                    "field": label,
                    "name": municipality.full_name,
                    "kind": OrganizationKind(party.kind).label,
                },
            )
        )
    return eligibility.Party(party.kind, code)


def _cost_line(line: CostLineIn, index: int, errors: list[FieldError]) -> eligibility.CostLine:
    for name in ("unit_price", "amount"):
        value = getattr(line, name)
        if value is not None and value < 0:
            loc = ("cost_lines", index, name)
            errors.append(
                FieldError(
                    field=json_path(loc),
                    message=_("%(field)sにマイナスの金額は指定できません。") % {"field": _label(loc)},
                )
            )
    if line.quantity < 1:
        loc = ("cost_lines", index, "quantity")
        errors.append(
            FieldError(
                field=json_path(loc),
                message=_("%(field)sは1以上で指定してください。") % {"field": _label(loc)},
            )
        )
    return eligibility.CostLine(
        category=line.category,
        amount=line.amount,
        description=line.description,
        unit_price=line.unit_price,
        quantity=line.quantity,
        for_local_government_staff=line.for_local_government_staff,
        regular_staff=line.regular_staff,
    )


@router.post(
    "/{slug}/eligibility-check",
    response={200: EligibilityOut, 400: ErrorOut, 404: ErrorOut},
    summary="応募要件の確認",
    description=(
        "事業区分の応募要件（応募できる者の種別、代表申請者、共同申請、補助対象経費の区分と各区分の規則、公募期間、"
        "国の他の補助金）を確認します。違反は `violations`（応募できない）、確認が必要な事項は `notices` に、"
        "公募要領の該当箇所（`reference`）とともに入ります。"
        "`submitted_at` と `other_national_subsidy` は省略でき、省略した規則は `skipped_rules` に入ります。"
        "他の応募の情報が必要な規則（同一の地方公共団体の代表申請は1件まで）は"
        "応募の際に確認します。組織の種別は " + ", ".join(OrganizationKind.values) + " です。"
    ),
    openapi_extra=request_body(
        EligibilityIn,
        {
            "project_type": "3",
            "applicant": {"kind": "prefecture", "lg_code": "130001"},
            "co_applicants": [{"kind": "municipality", "lg_code": "132012"}],
            "cost_lines": [
                {
                    "category": "消耗品費",
                    "description": "会議用資料ファイル",
                    "unit_price": 60000,
                    "quantity": 1,
                    "amount": 60000,
                    "for_local_government_staff": False,
                    "regular_staff": False,
                }
            ],
            "submitted_at": "2019-06-21T16:59:59+09:00",
            "other_national_subsidy": False,
        },
    ),
)
def eligibility_check(request: HttpRequest, slug: str) -> Status[Any]:
    """Run the project type's rules on the facts given."""
    program = _program(request, slug)
    if program is None:
        return _not_found(slug)
    try:
        data = EligibilityIn.model_validate_json(request.body or b"")
    except PydanticValidationError as error:
        return bad_request([pydantic_error(e, _label, _message) for e in error.errors()])
    errors: list[FieldError] = []
    project_type = _project_type(program, data.project_type)
    if isinstance(project_type, FieldError):
        errors.append(project_type)
    applicant = _party(data.applicant, ("applicant",), errors)
    co_applicants = tuple(_party(p, ("co_applicants", i), errors) for i, p in enumerate(data.co_applicants))
    lines = tuple(_cost_line(line, i, errors) for i, line in enumerate(data.cost_lines))
    if data.submitted_at is not None and data.submitted_at.utcoffset() is None:
        errors.append(
            FieldError(
                field="submitted_at",
                message=_("%(field)sは時差付き（例：2019-06-21T16:59:59+09:00）で指定してください。")
                % {"field": _label(("submitted_at",))},
            )
        )
    if errors or isinstance(project_type, FieldError):
        return bad_request(errors)
    facts = eligibility.Facts(
        applicant=applicant,
        co_applicants=co_applicants,
        cost_lines=lines,
        submitted_at=data.submitted_at,
        other_national_subsidy=data.other_national_subsidy,
    )
    result = evaluation.check_eligibility(project_type, facts)
    return Status(200, eligibility_payload(program, project_type, result))


def _violation(violation: eligibility.Violation) -> dict[str, Any]:
    return {
        "code": violation.code,
        "message": violation.message,
        "reference": violation.reference,
        "lines": list(violation.lines),
        "severity": violation.severity,
    }


def eligibility_payload(
    program: Program, project_type: ProjectType, result: eligibility.Result
) -> dict[str, Any]:
    return {
        "program": program.slug,
        "project_type": project_type.code,
        "eligible": result.eligible,
        "violations": [_violation(v) for v in result.violations],
        "notices": [_violation(v) for v in result.notices],
        "checked_rules": list(result.checked),
        "skipped_rules": list(result.skipped),
    }


class DueDateOut(Schema):
    report: str = Field(..., description="報告のコード（completion、fs_report、annual など）")
    name: str = Field(..., description="報告の名称")
    kind: str = Field(
        ..., description="報告の種類: completion, study_report, interim, annual, continuation_plan"
    )
    fiscal_year: int | None = Field(
        ..., description="報告の対象の年度（完了した年度、事業報告書は対象年度）。定められた日付の報告は null"
    )
    due_on: date | None = Field(..., description="提出期限。環境省が別途指定する場合は null")
    period_start: date | None = Field(..., description="事業報告書の対象期間の初日")
    period_end: date | None = Field(..., description="事業報告書の対象期間の末日")
    rule: str = Field(..., description="提出時期（公募要領の記載）")


class DueDatesOut(Schema):
    program: str
    project_type: str
    completed_on: date
    plan_made_on: date = Field(..., description="FS調査書・事業化計画の策定日（省略時は完了日）")
    continuing: bool
    due_dates: list[DueDateOut]


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
DUE_DATE_LABELS = {
    "project_type": "事業区分（project_type）",
    "completed_on": "補助事業の完了日（completed_on）",
    "plan_made_on": "策定日（plan_made_on）",
    "continuing": "翌年度も継続するか（continuing）",
}


def _query_date(request: HttpRequest, name: str, errors: list[FieldError], *, required: bool) -> date | None:
    """A YYYY-MM-DD query parameter that exists as a date, or None with a Japanese error."""
    text = request.GET.get(name, "").strip()
    if not text:
        if required:
            errors.append(
                FieldError(
                    field=name,
                    message=_("%(field)sを「2020-02-20」の形式で指定してください。")
                    % {"field": DUE_DATE_LABELS[name]},
                )
            )
        return None
    parsed = parse_iso_date(text)
    if parsed is None:
        errors.append(
            FieldError(
                field=name,
                message=_(
                    "%(field)s「%(value)s」は日付として読み取れません。「2020-02-20」の形式で、実在する日付を指定してください。"
                )
                % {"field": DUE_DATE_LABELS[name], "value": text},
            )
        )
    return parsed


def report_specs(rules: list[ReportRule]) -> list[deadlines.ReportSpec]:
    """The report rules of a type as the deadlines engine takes them."""
    return [
        deadlines.ReportSpec(
            code=rule.code,
            kind=rule.kind,
            due_from=rule.due_from,
            due_rule=rule.due_rule,
            due_params=rule.due_params,
            due_text=rule.due_text,
            name=rule.name,
        )
        for rule in rules
    ]


def due_dates_payload(scheduled: tuple[deadlines.ScheduledReport, ...]) -> list[dict[str, Any]]:
    """One entry per report owed (annual reports: one per fiscal year), in the order of the call's data."""
    return [
        {
            "report": item.report.code,
            "name": item.report.name,
            "kind": item.report.kind,
            "fiscal_year": item.due.fiscal_year,
            "due_on": item.due.due,
            "period_start": item.due.period_start,
            "period_end": item.due.period_end,
            "rule": item.report.due_text,
        }
        for item in scheduled
    ]


@router.get(
    "/{slug}/due-dates",
    response={200: DueDatesOut, 400: ErrorOut, 404: ErrorOut},
    summary="報告の提出期限",
    description=(
        "事業区分（`project_type`）の補助事業が提出する報告と、その提出期限を、公募要領の規則（報告ごとの"
        "提出時期）から計算します。`completed_on` は補助事業の完了日（YYYY-MM-DD）です。"
        "FS調査書・事業化計画の策定日から数える事業報告書は `plan_made_on`（省略時は完了日）から数え、"
        "策定日の年度とその後の3年度の分を年度ごとに返します。"
        "翌年度も継続する事業（`continuing=true`）は、継続年度の事業実施計画書・中間報告書も返します。"
        "環境省が別途指定する日が期限の報告は `due_on` が null です。"
        "公募・事業区分が見つからない場合は404、日付などの誤りは400で日本語のメッセージを返します。"
    ),
)
def due_dates(request: HttpRequest, slug: str) -> Status[Any]:
    """The reports a project owes and when, each with the words of the call."""
    program = _program(request, slug)
    if program is None:
        return _not_found(slug)
    errors: list[FieldError] = []
    code = request.GET.get("project_type", "").strip()
    if not code:
        errors.append(
            FieldError(
                field="project_type",
                message=_("%(field)sを指定してください。") % {"field": DUE_DATE_LABELS["project_type"]},
            )
        )
    completed_on = _query_date(request, "completed_on", errors, required=True)
    plan_made_on = _query_date(request, "plan_made_on", errors, required=False)
    continuing_text = request.GET.get("continuing", "").strip().lower()
    if continuing_text not in _TRUE | _FALSE:
        errors.append(
            FieldError(
                field="continuing",
                message=_("%(field)sは true か false で指定してください。")
                % {"field": DUE_DATE_LABELS["continuing"]},
            )
        )
    continuing = continuing_text in _TRUE
    if errors or completed_on is None:
        return bad_request(errors)
    project_type = program.project_types.filter(code=code).prefetch_related("report_rules").first()
    if project_type is None:
        codes = "、".join(program.project_types.order_by("order", "id").values_list("code", flat=True))
        return Status(
            404,
            {
                "detail": _(
                    "公募「%(slug)s」に事業区分「%(code)s」はありません。次のいずれかを指定してください：%(codes)s"
                )
                % {"slug": slug, "code": code, "codes": codes},
                "errors": [],
            },
        )
    if continuing and not project_type.multi_year:
        return bad_request(
            [
                FieldError(
                    field="continuing",
                    message=_(
                        "事業区分「%(code)s」は単年度事業のみのため、翌年度の継続（continuing）は指定できません。"
                    )
                    % {"code": code},
                )
            ]
        )
    scheduled = deadlines.schedule(
        report_specs(list(project_type.report_rules.all())),
        completed_on=completed_on,
        plan_made_on=plan_made_on,
        continuing=continuing,
    )
    return Status(
        200,
        {
            "program": program.slug,
            "project_type": project_type.code,
            "completed_on": completed_on,
            "plan_made_on": plan_made_on or completed_on,
            "continuing": continuing,
            "due_dates": due_dates_payload(scheduled),
        },
    )
