"""Input–output analysis of a region: coefficients, the open-type inverse and the ripple effect of a demand.

The method prefectures publish (富山県, 青森県 2015 template, 熊本市; ``economy_method.md``):

- 投入係数 a_ij = inputs of i into j ÷ the regional output of j (column j: inputs per unit of j's output).
- 自給率 s_i = 1 − 移輸入 ÷ 域内需要 (M̂ is the diagonal of the import shares, so I − M̂ = diag(s)).
- The open-type inverse B = [I − (I − M̂)A]⁻¹.
- 影響力係数 = column sum of B ÷ the mean of the column sums; 感応度係数 = row sum ÷ the mean of the row sums.
- The ripple effect of a final-demand change ΔY (producer prices):
  direct = (I − M̂)ΔY (what the region itself supplies); direct + first round = B(I − M̂)ΔY;
  employee income = 雇用者所得率 × (direct + first); second round = B(I − M̂)(c × income × pattern)
  with c the 消費転換率 and the pattern the shares of private consumption; value added and employment
  through their ratios per unit of output. Totals = direct + first + second; multiplier = total ÷ ΣΔY.

The textbook assumptions hold (stated on the result page): coefficients and self-sufficiency constant,
no capacity limits or inventory use, consumption propensity and pattern constant, timing not specified.
Floating point throughout (numpy); rounding only for display (:mod:`junkan.economy.engine.rounding`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from junkan.economy.engine.problems import EconomyInputError, InputProblem

Vector = npt.NDArray[np.float64]
Matrix = npt.NDArray[np.float64]

MAX_SECTORS: Final = 200
MAX_AMOUNT: Final = 1e16
SHARE_TOLERANCE: Final = 0.001
# I − SA is column diagonally dominant whenever every column sum of A is below 1, so a condition number
# this large only comes from nearly singular input.
MAX_CONDITION: Final = 1e12

LABELS: Final = {
    "sectors": "部門",
    "input_coefficients": "投入係数",
    "self_sufficiency": "自給率",
    "demand": "最終需要の増加額",
    "employee_income_ratio": "雇用者所得率",
    "value_added_ratio": "粗付加価値率",
    "consumption_conversion": "消費転換率",
    "consumption_pattern": "民間消費支出の構成",
    "employment_per_unit": "就業係数",
}


@dataclass(frozen=True)
class IOModel:
    """A region's table as the ripple computation uses it (validated by :func:`model`)."""

    sectors: tuple[str, ...]
    coefficients: Matrix
    self_sufficiency: Vector
    employee_income_ratio: Vector
    value_added_ratio: Vector | None = None
    consumption_conversion: float | None = None
    consumption_pattern: Vector | None = None
    employment_per_unit: Vector | None = None

    @property
    def size(self) -> int:
        """The number of sectors."""
        return len(self.sectors)


@dataclass(frozen=True)
class Ripple:
    """The ripple effect of one demand change, per sector in the order of the model's sectors."""

    sectors: tuple[str, ...]
    demand: Vector
    direct: Vector
    first: Vector
    second: Vector
    total: Vector
    income_first: Vector
    income_second: Vector
    consumption: Vector | None
    value_added: Vector | None
    employment: Vector | None
    influence: Vector
    sensitivity: Vector
    multiplier: float | None

    def totals(self) -> dict[str, float]:
        """Direct, first, second and total summed over the sectors."""
        return {
            "direct": float(self.direct.sum()),
            "first": float(self.first.sum()),
            "second": float(self.second.sum()),
            "total": float(self.total.sum()),
        }

    def through(self, ratio: Vector) -> dict[str, float]:
        """A per-unit ratio (value added, employment) applied to each round and summed over the sectors."""
        return {
            "direct": float(ratio @ self.direct),
            "first": float(ratio @ self.first),
            "second": float(ratio @ self.second),
            "total": float(ratio @ self.total),
        }


def field_label(field: str) -> str:
    """A JSON path in Japanese with the path: 投入係数の1行2列目（input_coefficients[0][1]）."""
    base = field.split("[", 1)[0]
    where = ""
    indexes = [int(part.rstrip("]")) for part in field.split("[")[1:]]
    if len(indexes) == 2:
        where = f"の{indexes[0] + 1}行{indexes[1] + 1}列目"
    elif len(indexes) == 1:
        where = f"の{indexes[0] + 1}番目"
    return f"{LABELS.get(base, base)}{where}（{field}）"


def _finite(values: Sequence[float]) -> bool:
    return all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in values)


def _vector(
    values: Sequence[float] | None,
    field: str,
    size: int,
    problems: list[InputProblem],
    *,
    upper: float | None = 1.0,
    lower: float | None = 0.0,
) -> Vector | None:
    """The values as a vector of ``size``, or None with a problem for each fault."""
    if values is None:
        return None
    if len(values) != size:
        problems.append(
            InputProblem(
                field,
                "length",
                f"{field_label(field)}の個数（{len(values)}）が部門の数（{size}）と一致しません。",
            )
        )
        return None
    ok = True
    for index, value in enumerate(values):
        where = f"{field}[{index}]"
        if not _finite([value]):
            problems.append(
                InputProblem(where, "not_number", f"{field_label(where)}は数値で指定してください。")
            )
            ok = False
        elif lower is not None and value < lower:
            problems.append(
                InputProblem(
                    where,
                    "negative",
                    f"{field_label(where)}は{lower:g}以上の値を指定してください（{value:g}）。",
                )
            )
            ok = False
        elif upper is not None and value > upper:
            problems.append(
                InputProblem(
                    where,
                    "above_one",
                    f"{field_label(where)}は{upper:g}以下の値を指定してください（{value:g}）。",
                )
            )
            ok = False
        elif abs(value) >= MAX_AMOUNT:
            problems.append(InputProblem(where, "too_large", f"{field_label(where)}が大きすぎます。"))
            ok = False
    return np.asarray(values, dtype=np.float64) if ok else None


def _matrix(
    rows: Sequence[Sequence[float]], names: Sequence[str], problems: list[InputProblem]
) -> Matrix | None:
    field = "input_coefficients"
    size = len(names)
    if len(rows) != size:
        problems.append(
            InputProblem(
                field,
                "length",
                f"{field_label(field)}の行数（{len(rows)}）が部門の数（{size}）と一致しません。",
            )
        )
        return None
    ok = True
    for i, row in enumerate(rows):
        if len(row) != size:
            where = f"{field}[{i}]"
            problems.append(
                InputProblem(
                    where,
                    "length",
                    f"{LABELS[field]}の{i + 1}行目（{where}）の列数（{len(row)}）が"
                    f"部門の数（{size}）と一致しません。",
                )
            )
            ok = False
            continue
        for j, value in enumerate(row):
            where = f"{field}[{i}][{j}]"
            if not _finite([value]):
                problems.append(
                    InputProblem(where, "not_number", f"{field_label(where)}は数値で指定してください。")
                )
                ok = False
            elif not 0 <= value <= 1:
                problems.append(
                    InputProblem(
                        where,
                        "out_of_range",
                        f"{field_label(where)}は0以上1以下の値を指定してください（{value:g}）。",
                    )
                )
                ok = False
    if not ok:
        return None
    matrix = np.asarray(rows, dtype=np.float64).reshape(size, size)
    for j, column_sum in enumerate(matrix.sum(axis=0)):
        if column_sum >= 1:
            problems.append(
                InputProblem(
                    field,
                    "column_sum",
                    f"{LABELS[field]}の{j + 1}列目（{names[j]}）の合計が{column_sum:.6g}です。"
                    f"各列の合計は1未満でなければなりません（{field}）。",
                )
            )
    return matrix


def model(
    sectors: Sequence[str],
    input_coefficients: Sequence[Sequence[float]],
    self_sufficiency: Sequence[float],
    employee_income_ratio: Sequence[float],
    *,
    value_added_ratio: Sequence[float] | None = None,
    consumption_conversion: float | None = None,
    consumption_pattern: Sequence[float] | None = None,
    employment_per_unit: Sequence[float] | None = None,
) -> IOModel:
    """A validated model; raises EconomyInputError listing every problem with its field."""
    problems: list[InputProblem] = []
    size = len(sectors)
    names = [str(name).strip() for name in sectors]
    if size == 0:
        problems.append(
            InputProblem("sectors", "empty", f"{field_label('sectors')}を1つ以上指定してください。")
        )
    elif size > MAX_SECTORS:
        problems.append(
            InputProblem(
                "sectors", "too_many", f"{field_label('sectors')}は{MAX_SECTORS}部門までです（{size}部門）。"
            )
        )
    else:
        for index, name in enumerate(names):
            if not name:
                where = f"sectors[{index}]"
                problems.append(
                    InputProblem(where, "blank", f"{field_label(where)}の名称を指定してください。")
                )
        seen: set[str] = set()
        for index, name in enumerate(names):
            if name and name in seen:
                where = f"sectors[{index}]"
                problems.append(
                    InputProblem(where, "duplicate", f"{field_label(where)}「{name}」が重複しています。")
                )
            seen.add(name)
    if problems:
        raise EconomyInputError(problems)
    matrix = _matrix(input_coefficients, names, problems)
    shares = _vector(self_sufficiency, "self_sufficiency", size, problems)
    income = _vector(employee_income_ratio, "employee_income_ratio", size, problems)
    value_added = _vector(value_added_ratio, "value_added_ratio", size, problems)
    employment = _vector(employment_per_unit, "employment_per_unit", size, problems, upper=None)
    pattern = _vector(consumption_pattern, "consumption_pattern", size, problems)
    if consumption_conversion is not None:
        if not _finite([consumption_conversion]) or not 0 <= consumption_conversion <= 1:
            problems.append(
                InputProblem(
                    "consumption_conversion",
                    "out_of_range",
                    f"{field_label('consumption_conversion')}は0以上1以下の値を指定してください。",
                )
            )
        elif consumption_pattern is None:
            problems.append(
                InputProblem(
                    "consumption_pattern",
                    "missing",
                    f"消費転換率を指定するときは{field_label('consumption_pattern')}も指定してください。",
                )
            )
    if pattern is not None and abs(float(pattern.sum()) - 1) > SHARE_TOLERANCE:
        problems.append(
            InputProblem(
                "consumption_pattern",
                "sum",
                f"{field_label('consumption_pattern')}の合計が{float(pattern.sum()):.6g}です。"
                f"構成比の合計は1（±{SHARE_TOLERANCE:g}）にしてください。",
            )
        )
    if matrix is not None and shares is not None and not _invertible(matrix, shares):
        problems.append(
            InputProblem(
                "input_coefficients",
                "singular",
                "投入係数と自給率から作る行列 I −（I − M̂）A が特異で、"
                "逆行列を計算できません（input_coefficients）。",
            )
        )
    if problems:
        raise EconomyInputError(problems)
    assert matrix is not None and shares is not None and income is not None
    return IOModel(
        sectors=tuple(names),
        coefficients=matrix,
        self_sufficiency=shares,
        employee_income_ratio=income,
        value_added_ratio=value_added,
        consumption_conversion=consumption_conversion,
        consumption_pattern=pattern,
        employment_per_unit=employment,
    )


def _leontief(matrix: Matrix, shares: Vector) -> Matrix:
    return np.eye(len(shares)) - shares[:, np.newaxis] * matrix


def _invertible(matrix: Matrix, shares: Vector) -> bool:
    leontief = _leontief(matrix, shares)
    condition = float(np.linalg.cond(leontief))
    return math.isfinite(condition) and condition < MAX_CONDITION


def inverse(table: IOModel) -> Matrix:
    """The open-type inverse [I − (I − M̂)A]⁻¹."""
    return np.asarray(np.linalg.inv(_leontief(table.coefficients, table.self_sufficiency)), dtype=np.float64)


def influence_and_sensitivity(inverse_matrix: Matrix) -> tuple[Vector, Vector]:
    """影響力係数 (column sums ÷ their mean) and 感応度係数 (row sums ÷ their mean)."""
    columns = inverse_matrix.sum(axis=0)
    rows = inverse_matrix.sum(axis=1)
    return columns / columns.mean(), rows / rows.mean()


def ripple(table: IOModel, demand: Sequence[float]) -> Ripple:
    """The ripple effect of ``demand`` (one figure per sector, producer prices, any money unit)."""
    return ripple_with_inverse(table, inverse(table), demand)


def ripple_with_inverse(table: IOModel, inverse_matrix: Matrix, demand: Sequence[float]) -> Ripple:
    """The ripple effect with the inverse given (computed once when a table is used many times)."""
    problems: list[InputProblem] = []
    change = _vector(demand, "demand", table.size, problems, upper=None, lower=None)
    if problems or change is None:
        raise EconomyInputError(problems)
    shares = table.self_sufficiency
    direct = shares * change
    induced = inverse_matrix @ direct
    first = induced - direct
    income_first = table.employee_income_ratio * induced
    second = np.zeros(table.size)
    consumption = None
    if table.consumption_conversion is not None and table.consumption_pattern is not None:
        consumption = table.consumption_conversion * float(income_first.sum()) * table.consumption_pattern
        second = inverse_matrix @ (shares * consumption)
    income_second = table.employee_income_ratio * second
    total = direct + first + second
    value_added = table.value_added_ratio * total if table.value_added_ratio is not None else None
    employment = table.employment_per_unit * total if table.employment_per_unit is not None else None
    influence, sensitivity = influence_and_sensitivity(inverse_matrix)
    demand_sum = float(change.sum())
    multiplier = float(total.sum()) / demand_sum if demand_sum != 0 else None
    result = Ripple(
        sectors=table.sectors,
        demand=change,
        direct=direct,
        first=first,
        second=second,
        total=total,
        income_first=income_first,
        income_second=income_second,
        consumption=consumption,
        value_added=value_added,
        employment=employment,
        influence=influence,
        sensitivity=sensitivity,
        multiplier=multiplier,
    )
    if not all(math.isfinite(v) for v in result.totals().values()):
        raise EconomyInputError(
            [InputProblem("demand", "too_large", f"{field_label('demand')}が大きすぎて計算できません。")]
        )
    return result


def ratios_by_output(amounts: Sequence[float], output: Sequence[float], field: str) -> list[float]:
    """Per-unit ratios (雇用者所得率, 粗付加価値率, 就業係数) from amounts and regional output."""
    problems = []
    result = []
    for index, (amount, produced) in enumerate(zip(amounts, output, strict=True)):
        if produced <= 0:
            where = f"{field}[{index}]"
            problems.append(
                InputProblem(
                    where, "no_output", f"{field_label(where)}：域内生産額が0のため率を計算できません。"
                )
            )
            result.append(0.0)
        else:
            result.append(amount / produced)
    if problems:
        raise EconomyInputError(problems)
    return result


def input_coefficients(transactions: Sequence[Sequence[float]], output: Sequence[float]) -> list[list[float]]:
    """投入係数 from the transactions table (row i, column j: inputs of i into j) and each sector's output."""
    size = len(output)
    problems = []
    for j, produced in enumerate(output):
        if produced <= 0:
            problems.append(
                InputProblem(
                    f"output[{j}]",
                    "no_output",
                    f"{j + 1}列目の域内生産額が0以下のため投入係数を計算できません。",
                )
            )
    if problems:
        raise EconomyInputError(problems)
    return [[transactions[i][j] / output[j] for j in range(size)] for i in range(size)]


def self_sufficiency(imports: float, regional_demand: float) -> float:
    """自給率 = 1 − 移輸入 ÷ 域内需要 (域内需要 = 総需要 − 移輸出); 0 when there is no regional demand."""
    if regional_demand <= 0:
        return 0.0
    return 1 - imports / regional_demand
