"""Grant calculations over the API, mounted at /api/v1/calc (public, stateless).

- ``POST /api/v1/calc/additional-charge``: the 加算金 on a returned subsidy, with the working.

As in the programs API, the body is read and checked here rather than by django-ninja, so that every
bad input answers 400 ``{"detail": "<Japanese naming the field>", "errors": [{"field", "message"}]}``.
The arithmetic is ``junkan.grants.engine.additional_charge``; nothing is computed here.
"""

from __future__ import annotations

from datetime import date
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
from junkan.grants.engine import additional_charge as engine

router = Router(tags=["calc"])

_DATE = {"type": "string", "format": "date", "description": "YYYY-MM-DD"}


class RepaymentIn(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", title="RepaymentIn")

    date: str = PydanticField(description="返還（納付）した日", json_schema_extra=_DATE)
    amount: int = PydanticField(description="返還した額（円）", json_schema_extra={"minimum": 1})


class AdditionalChargeIn(BaseModel):
    """One amount received on one day, the repayments made, and optionally when the rest is paid."""

    model_config = ConfigDict(strict=True, extra="ignore", title="AdditionalChargeIn")

    amount: int = PydanticField(
        description="返還を命じられた補助金の額（円）。受領した額のうち返還の対象となる額",
        json_schema_extra={"minimum": 1},
    )
    received_on: str = PydanticField(description="補助金を受領した日", json_schema_extra=_DATE)
    repayments: list[RepaymentIn] = PydanticField(
        default_factory=list, description="返還（納付）の記録。順不同。同じ日の返還は合算します"
    )
    until: str | None = PydanticField(
        None,
        description="残額を完済する（した）日。残額があるときに指定すると、その日までの加算金を含めます",
        json_schema_extra=_DATE,
    )


class PeriodOut(Schema):
    start: date = Field(..., description="期間の初日（この日を含む）")
    end: date = Field(..., description="期間の末日（この日を含む）")
    days: int = Field(..., description="日数（初日と末日を含む）")
    principal: int = Field(..., description="この期間の元金（既に返還した額を控除した額、円）")
    rate: str = Field(..., description="年利率（0.1095 = 10.95%）")
    amount: str = Field(..., description="元金 × 年利率 × 日数 ÷ 365 の正確な値（切捨て前、円）")
    yen: int = Field(..., description="1円未満を切り捨てた額（円）")
    formula: str = Field(..., description="計算式（手計算で確かめるための表記）")
    start_note: str = Field(..., description="期間の始まりの事由（受領・前日の返還）")
    end_note: str = Field(..., description="期間の終わりの事由（返還・完済日）")


class AdditionalChargeOut(Schema):
    additional_charge: int = Field(..., description="加算金の額（円）= working の yen の合計")
    working: list[PeriodOut]
    exact_total: str = Field(..., description="切捨て前の額の合計（参考）")
    rate: str
    days_in_year: int = Field(..., description="1年の日数。閏年を含む期間も365")
    truncation: str
    received: int = Field(..., description="返還の対象となる額（円）")
    repaid: int = Field(..., description="返還済みの額の合計（円）")
    outstanding: int = Field(..., description="未返還の額（円）")
    outstanding_from: date | None = Field(
        ..., description="この日以後の未返還額の加算金は含まれていない（until 未指定で残額がある場合）"
    )
    per_day_on_outstanding: str = Field(..., description="未返還額に1日あたり加わる加算金（円、切捨て前）")
    until: date | None = Field(..., description="残額の完済日（指定され、残額がある場合）")
    notes: list[str]


FIELD_LABELS = {
    "amount": "返還を命じられた補助金の額",
    "received_on": "受領日",
    "repayments": "返還",
    "until": "完済日",
    "date": "返還日",
}


# Inside a repayment, "amount" is the amount repaid.
REPAYMENT_LABELS = {**FIELD_LABELS, "amount": "金額"}
_ORDINALS = {"repayments": "返還の{n}行目"}


def _label(loc: Location) -> str:
    """A location in Japanese with its JSON path: 返還の1行目の返還日（repayments[0].date）."""
    labels = REPAYMENT_LABELS if loc[:1] == ("repayments",) else FIELD_LABELS
    return field_label(loc, labels, _ORDINALS)


def _message(kind: str, loc: Location) -> str | None:
    """Every text field of the body is a date."""
    if kind.startswith("string"):
        return _("%(field)sは日付（例：2020-04-01）の文字列で指定してください。")
    return None


def _date(text: str, loc: Location, errors: list[FieldError]) -> date | None:
    parsed = parse_iso_date(text)
    if parsed is None:
        errors.append(
            FieldError(
                field=json_path(loc),
                message=_("%(field)sは「2020-04-01」の形式で、実在する日付を指定してください。")
                % {"field": _label(loc)},
            )
        )
    return parsed


# The engine names the receipt of a single amount receipts[0]; the API calls it amount / received_on.
_ENGINE_FIELDS = {
    "receipts[0].amount": "amount",
    "receipts[0].received_on": "received_on",
    "receipts": "amount",
}


EXAMPLE = {
    "amount": 10000000,
    "received_on": "2020-04-01",
    "repayments": [{"date": "2020-06-30", "amount": 4000000}],
}


def charge_payload(result: engine.AdditionalCharge) -> dict[str, Any]:
    """The result as the API (and the calculator page) shows it."""
    notes = []
    if result.outstanding_from is not None:
        notes.append(
            _(
                "未返還の%(amount)s円については、%(day)s以後の加算金（1日あたり%(per_day)s円）を含めていません。"
                "完済日（until）を指定すると含めて計算します。"
            )
            % {
                "amount": f"{result.outstanding:,}",
                "day": result.outstanding_from.isoformat(),
                "per_day": engine.decimal_text(result.per_day_on_outstanding, grouped=True),
            }
        )
    return {
        "additional_charge": result.total,
        "working": [
            {
                "start": p.start,
                "end": p.end,
                "days": p.days,
                "principal": p.principal,
                "rate": str(p.rate),
                "amount": engine.decimal_text(p.amount),
                "yen": p.yen,
                "formula": p.formula,
                "start_note": p.start_note,
                "end_note": p.end_note,
            }
            for p in result.periods
        ],
        "exact_total": engine.decimal_text(result.exact_total),
        "rate": str(engine.RATE),
        "days_in_year": engine.DAYS_IN_YEAR,
        "truncation": _("期間ごとに1円未満を切り捨て、その合計を加算金の額とします。"),
        "received": result.received,
        "repaid": result.repaid,
        "outstanding": result.outstanding,
        "outstanding_from": result.outstanding_from,
        "per_day_on_outstanding": engine.decimal_text(result.per_day_on_outstanding),
        "until": result.until,
        "notes": notes,
    }


@router.post(
    "/additional-charge",
    response={200: AdditionalChargeOut, 400: ErrorOut},
    summary="加算金の計算（年10.95%）",
    description=(
        "返還を命じられた補助金の額に、受領の日から返還（納付）の日までの日数に応じて年10.95%の割合で計算した"
        "加算金を計算します。日数は初日と末日を含めて数え、閏年を含む期間も365日当たりの割合です。"
        "一部を返還した場合は、返還した日の翌日以後の期間について既に返還した額を控除します。"
        "元金が同じ期間ごとに計算して1円未満を切り捨て、その合計を加算金とします"
        "（`working` に各期間の計算）。"
        "残額があるときは `until`（残額の完済日）を指定すると、その日までの加算金を含めます。"
        "指定しない場合は最後の返還日までを計算し、未返還額と1日あたりの額を返します。"
        "入力の誤りは400で、項目名を示した日本語のメッセージを返します。"
    ),
    openapi_extra=request_body(AdditionalChargeIn, EXAMPLE),
)
def additional_charge(request: HttpRequest) -> Status[Any]:
    """The 加算金 with the working; 400 with Japanese messages for bad input."""
    try:
        data = AdditionalChargeIn.model_validate_json(request.body or b"")
    except PydanticValidationError as error:
        return bad_request([pydantic_error(e, _label, _message) for e in error.errors()])
    errors: list[FieldError] = []
    received_on = _date(data.received_on, ("received_on",), errors)
    repayments = []
    for index, line in enumerate(data.repayments):
        paid_on = _date(line.date, ("repayments", index, "date"), errors)
        if paid_on is not None:
            repayments.append(engine.Repayment(paid_on, line.amount))
    until = _date(data.until, ("until",), errors) if data.until is not None else None
    if errors or received_on is None:
        return bad_request(errors)
    try:
        result = engine.additional_charge(data.amount, received_on, repayments, until)
    except engine.AdditionalChargeError as error:
        return bad_request(
            [
                FieldError(field=_ENGINE_FIELDS.get(p.field, p.field), message=p.message)
                for p in error.problems
            ]
        )
    return Status(200, charge_payload(result))
