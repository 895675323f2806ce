"""加算金 (additional charge) on a subsidy that must be returned, with the working a person can check by hand.

The rule (seed 002 「補助金の応募をされる皆様へ」4; 補助金等に係る予算の執行の適正化に関する法律
第19条第1項 and the 交付規程 of both seed calls): 「その命令に係る補助金の受領の日から納付の日までの
日数に応じ、当該補助金の額（その一部を納付した場合におけるその後の期間については、既納付額を控除した
額）につき年10.95パーセントの割合で計算した加算金」.

How this module reads it:

- **Days, both ends included.** A period from its first to its last day counts ``(last - first) + 1``
  days: received on April 1 and paid back on June 30 is 91 days; received and paid back on the same day
  is 1 day (so the charge is not zero).
- **365-day year, also in leap years** (「閏年の日を含む期間についても、365日当たりの割合」): the charge
  per day is 10.95% ÷ 365 = 0.03% of the principal, exactly. Every amount therefore has at most four
  decimal places and is computed exactly (Decimal, no rounding); a leap day is simply one more day.
- **Partial repayments.** The day of a repayment still bears the principal before it; the amount paid
  is deducted from the next day on (「その後の期間については、既納付額を控除した額」). Money paid goes to
  the principal first, not to the charge (施行令: 納付金額は、まず返還を命ぜられた補助金の額に充てる).
  Repayments may be given in any order; several on one day count as one.
- **Several receipts.** Each amount bears the charge from the day it was received. When a subsidy was
  paid in instalments and only part of it is ordered back, :func:`deemed_receipts` takes the part from
  the last instalment first and goes back (施行令: 最後の受領の日に受領したものとし…順次さかのぼり).
- **Truncation: per period.** The timeline is cut into periods with a constant principal; each period's
  charge is computed exactly and truncated to whole yen (1円未満切捨て, 国等の債権債務等の金額の端数計算
  に関する法律第2条), and the 加算金 is the sum of the truncated period amounts. This is how a 加算金計算書
  is written (each line in whole yen, the total their sum), so every line of ``periods`` can be checked
  with a pocket calculator and the total by adding them up. It never charges more than truncating the
  exact total once would, and at most one yen less per period after the first. A consequence, tested as
  a property: moving a partial repayment earlier never increases the exact charge, but may increase the
  truncated one by at most one yen (per-period truncation, not a larger charge in substance).
- **When the charge stops.** On the day each amount is paid back. If principal is still unpaid, the
  charge on it runs until it is paid: give ``until`` (the day the rest is or will be paid) to include
  it. Without ``until`` the result covers the days up to the last repayment only and says how much is
  still outstanding, from which day, and its charge per day (``outstanding``, ``outstanding_from``,
  ``per_day_on_outstanding``). With everything repaid, ``until`` adds nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_FLOOR, Decimal, Inexact, localcontext
from typing import Final

from junkan.jp.money import MAX_YEN

RATE: Final = Decimal("0.1095")
RATE_LABEL: Final = "10.95%"
DAYS_IN_YEAR: Final = 365

_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Receipt:
    """An amount of subsidy received (or the part of it ordered back) and the day it was received."""

    received_on: date
    amount: int


@dataclass(frozen=True)
class Repayment:
    """An amount paid back and the day it was paid."""

    paid_on: date
    amount: int


@dataclass(frozen=True)
class InputProblem:
    """One thing wrong with the inputs: the field (JSON path), a reason code and a Japanese message."""

    field: str
    code: str
    message: str


class AdditionalChargeError(ValueError):
    """The inputs cannot be computed; ``problems`` lists every one, each with a Japanese message."""

    def __init__(self, problems: Sequence[InputProblem]) -> None:
        """Keep the problems; the message joins theirs."""
        self.problems = tuple(problems)
        super().__init__(" ".join(problem.message for problem in self.problems))


@dataclass(frozen=True)
class Period:
    """Days with the same principal: from ``start`` to ``end`` (both included)."""

    start: date
    end: date
    days: int
    principal: int
    rate: Decimal
    amount: Decimal
    yen: int
    start_note: str
    end_note: str

    @property
    def amount_text(self) -> str:
        """The exact amount as written: 3,703.701."""
        return decimal_text(self.amount, grouped=True)

    @property
    def formula(self) -> str:
        """The line as written on a 加算金計算書, e.g. 10,000,000円 × 10.95% × 91日 ÷ 365日 = 273,000円."""
        return (
            f"{self.principal:,}円 × {RATE_LABEL} × {self.days}日 ÷ {DAYS_IN_YEAR}日 = "
            f"{decimal_text(self.amount, grouped=True)}円 → {self.yen:,}円"
        )


@dataclass(frozen=True)
class AdditionalCharge:
    """The 加算金 and how it was found."""

    total: int
    exact_total: Decimal
    periods: tuple[Period, ...]
    received: int
    repaid: int
    outstanding: int
    outstanding_from: date | None
    per_day_on_outstanding: Decimal
    until: date | None


def decimal_text(value: Decimal, *, grouped: bool = False) -> str:
    """An exact Decimal in plain notation without trailing zeros: 273000, 1234.5 (1,234.5 when grouped)."""
    return format(value.normalize(), ",f" if grouped else "f")


def exact_charge(principal: int, days: int) -> Decimal:
    """principal × 10.95% × days ÷ 365, exactly (0.03% a day: never more than four decimal places)."""
    with localcontext() as ctx:
        ctx.prec = 60
        ctx.traps[Inexact] = True
        return Decimal(principal * days) * RATE / DAYS_IN_YEAR


def truncate_yen(amount: Decimal) -> int:
    """1円未満切捨て of a non-negative amount."""
    return int(amount.to_integral_value(rounding=ROUND_FLOOR))


def _is_amount(value: object) -> bool:
    """Whether ``value`` is an int yen amount (bools and floats are not)."""
    return isinstance(value, int) and not isinstance(value, bool)


def _is_date(value: object) -> bool:
    """Whether ``value`` is a plain date (not a datetime)."""
    return isinstance(value, date) and not isinstance(value, datetime)


def _receipt_labels(index: int, count: int) -> tuple[str, str]:
    """How a receipt's amount and day are named: 「補助金の額」「受領日」, or per receipt when several."""
    if count == 1:
        return "補助金の額", "受領日"
    return f"受領の{index + 1}件目の額", f"受領の{index + 1}件目の受領日"


def _check_amount(value: object, field: str, label: str, problems: list[InputProblem]) -> bool:
    """Append a problem unless ``value`` is a positive int below 1兆円; True when it is usable."""
    if not _is_amount(value):
        problems.append(InputProblem(field, "not_int", f"{label}は円単位の整数で入力してください。"))
        return False
    assert isinstance(value, int)
    if value <= 0:
        problems.append(InputProblem(field, "not_positive", f"{label}は1円以上で入力してください。"))
        return False
    if value >= MAX_YEN:
        problems.append(
            InputProblem(field, "too_large", f"{label}が大きすぎます。1兆円未満で入力してください。")
        )
        return False
    return True


def _check_date(value: object, field: str, label: str, problems: list[InputProblem]) -> bool:
    """Append a problem unless ``value`` is a date; True when it is usable."""
    if not _is_date(value):
        problems.append(InputProblem(field, "not_date", f"{label}を日付で入力してください。"))
        return False
    return True


def _validate(
    receipts: Sequence[Receipt], repayments: Sequence[Repayment], until: date | None
) -> list[InputProblem]:
    """Every problem with the inputs, in the order a person reads the form."""
    problems: list[InputProblem] = []
    if not receipts:
        problems.append(
            InputProblem("receipts", "no_receipts", "受領した補助金の額と受領日を入力してください。")
        )
        return problems
    count = len(receipts)
    usable = True
    for index, receipt in enumerate(receipts):
        amount_label, day_label = _receipt_labels(index, count)
        usable &= _check_amount(receipt.amount, f"receipts[{index}].amount", amount_label, problems)
        usable &= _check_date(receipt.received_on, f"receipts[{index}].received_on", day_label, problems)
    for index, repayment in enumerate(repayments):
        label = f"返還の{index + 1}行目"
        usable &= _check_amount(repayment.amount, f"repayments[{index}].amount", f"{label}の金額", problems)
        usable &= _check_date(repayment.paid_on, f"repayments[{index}].date", f"{label}の返還日", problems)
    if until is not None:
        usable &= _check_date(until, "until", "完済日", problems)
    if not usable:
        return problems

    first = min(r.received_on for r in receipts)
    for index, repayment in enumerate(repayments):
        if repayment.paid_on < first:
            problems.append(
                InputProblem(
                    f"repayments[{index}].date",
                    "before_receipt",
                    f"返還の{index + 1}行目の返還日（{repayment.paid_on.isoformat()}）が"
                    f"受領日（{first.isoformat()}）より前です。",
                )
            )
    if problems:
        return problems

    received = sum(r.amount for r in receipts)
    repaid = sum(r.amount for r in repayments)
    if repaid > received:
        problems.append(
            InputProblem(
                "repayments",
                "exceeds_received",
                f"返還額の合計（{repaid:,}円）が受領した額（{received:,}円）を超えています。",
            )
        )
        return problems
    # With several receipts, no day may have more paid back than received by then.
    for day in sorted({r.paid_on for r in repayments}):
        received_by = sum(r.amount for r in receipts if r.received_on <= day)
        repaid_by = sum(r.amount for r in repayments if r.paid_on <= day)
        if repaid_by > received_by:
            problems.append(
                InputProblem(
                    "repayments",
                    "exceeds_received",
                    f"{day.isoformat()}までの返還額の合計（{repaid_by:,}円）が、"
                    f"その日までに受領した額（{received_by:,}円）を超えています。",
                )
            )
            return problems

    if until is not None:
        last_receipt = max(r.received_on for r in receipts)
        last_repayment = max((r.paid_on for r in repayments), default=None)
        if until < last_receipt:
            problems.append(
                InputProblem(
                    "until",
                    "until_before_receipt",
                    f"完済日（{until.isoformat()}）が受領日（{last_receipt.isoformat()}）より前です。",
                )
            )
        elif last_repayment is not None and until < last_repayment:
            problems.append(
                InputProblem(
                    "until",
                    "until_before_repayment",
                    f"完済日（{until.isoformat()}）が最後の返還日（{last_repayment.isoformat()}）より前です。",
                )
            )
    return problems


def deemed_receipts(receipts: Sequence[Receipt], ordered: int) -> tuple[Receipt, ...]:
    """The part ordered back of a subsidy paid in instalments: taken from the last receipt, going back."""
    problems = _validate(receipts, (), None)
    if not problems:
        _check_amount(ordered, "ordered", "返還を命じられた額", problems)
    received = sum(r.amount for r in receipts) if not problems else 0
    if not problems and ordered > received:
        problems.append(
            InputProblem(
                "ordered",
                "exceeds_received",
                f"返還を命じられた額（{ordered:,}円）が受領した額の合計（{received:,}円）を超えています。",
            )
        )
    if problems:
        raise AdditionalChargeError(problems)
    deemed: list[Receipt] = []
    left = ordered
    for receipt in sorted(receipts, key=lambda r: r.received_on, reverse=True):
        if left == 0:
            break
        part = min(left, receipt.amount)
        deemed.append(Receipt(receipt.received_on, part))
        left -= part
    return tuple(sorted(deemed, key=lambda r: r.received_on))


def _notes(
    receipts: Sequence[Receipt], repayments: Sequence[Repayment], until: date | None
) -> tuple[dict[date, list[str]], dict[date, list[str]]]:
    """What happens at the start and at the end of a day: receipts start, repayments and ``until`` end."""
    starts: dict[date, list[str]] = {}
    ends: dict[date, list[str]] = {}
    for receipt in receipts:
        starts.setdefault(receipt.received_on, []).append(f"受領 {receipt.amount:,}円")
    paid: dict[date, int] = {}
    for repayment in repayments:
        paid[repayment.paid_on] = paid.get(repayment.paid_on, 0) + repayment.amount
    for day, amount in paid.items():
        ends.setdefault(day, []).append(f"返還 {amount:,}円")
        starts.setdefault(day + _ONE_DAY, []).append(f"前日に返還 {amount:,}円を控除")
    if until is not None:
        ends.setdefault(until, []).append("残額の完済日")
    return starts, ends


def compute(
    receipts: Sequence[Receipt], repayments: Sequence[Repayment] = (), until: date | None = None
) -> AdditionalCharge:
    """The 加算金 on ``receipts`` paid back by ``repayments`` (and the rest on ``until``), per period."""
    problems = _validate(receipts, repayments, until)
    if problems:
        raise AdditionalChargeError(problems)

    received = sum(r.amount for r in receipts)
    repaid = sum(r.amount for r in repayments)
    outstanding = received - repaid
    first = min(r.received_on for r in receipts)
    last_repayment = max((r.paid_on for r in repayments), default=None)

    # The last day counted: the day the rest is paid, else the last repayment (else nothing yet).
    if outstanding > 0 and until is not None:
        end: date | None = until
    else:
        end = last_repayment
    until_used = until if outstanding > 0 else None

    # Changes of the principal, effective from the day given: a receipt from its own day, a repayment
    # from the day after it (the repayment day still bears the principal before it).
    changes: dict[date, int] = {}
    for receipt in receipts:
        changes[receipt.received_on] = changes.get(receipt.received_on, 0) + receipt.amount
    for repayment in repayments:
        day = repayment.paid_on + _ONE_DAY
        changes[day] = changes.get(day, 0) - repayment.amount

    periods: list[Period] = []
    if end is not None:
        starts, ends = _notes(receipts, repayments, until_used)
        boundaries = sorted(day for day in changes if day <= end)
        principal = 0
        spans: list[tuple[date, date, int]] = []
        for index, day in enumerate(boundaries):
            principal += changes[day]
            span_end = boundaries[index + 1] - _ONE_DAY if index + 1 < len(boundaries) else end
            if principal <= 0 or span_end < day:
                continue
            if spans and spans[-1][2] == principal and spans[-1][1] + _ONE_DAY == day:
                spans[-1] = (spans[-1][0], span_end, principal)
            else:
                spans.append((day, span_end, principal))
        for start, stop, amount in spans:
            days = (stop - start).days + 1
            exact = exact_charge(amount, days)
            periods.append(
                Period(
                    start=start,
                    end=stop,
                    days=days,
                    principal=amount,
                    rate=RATE,
                    amount=exact,
                    yen=truncate_yen(exact),
                    start_note="、".join(starts.get(start, [])),
                    end_note="、".join(ends.get(stop, [])),
                )
            )

    if outstanding > 0 and until_used is None:
        outstanding_from: date | None = last_repayment + _ONE_DAY if last_repayment is not None else first
    else:
        outstanding_from = None
    with localcontext() as ctx:
        ctx.prec = 60
        exact_total = sum((p.amount for p in periods), Decimal(0))
    return AdditionalCharge(
        total=sum(p.yen for p in periods),
        exact_total=exact_total,
        periods=tuple(periods),
        received=received,
        repaid=repaid,
        outstanding=outstanding,
        outstanding_from=outstanding_from,
        per_day_on_outstanding=exact_charge(outstanding, 1) if outstanding_from is not None else Decimal(0),
        until=until_used,
    )


def additional_charge(
    amount: int, received_on: date, repayments: Sequence[Repayment] = (), until: date | None = None
) -> AdditionalCharge:
    """The 加算金 on one amount received on one day (the API's and the calculator's case)."""
    return compute((Receipt(received_on, amount),), repayments, until)
