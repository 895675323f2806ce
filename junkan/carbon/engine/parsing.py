"""From JSON-like input (API, forms, saved calculations) to a Calculation and back, with Japanese errors."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import MISSING, fields
from decimal import Decimal
from typing import Any, Final

from junkan.carbon.engine.activities import KINDS, Activity
from junkan.carbon.engine.calculation import BoundaryNote, Calculation, CalculationError, Part, Side
from junkan.carbon.engine.factors import ADJUSTED, BASIC
from junkan.carbon.engine.indicators import DEFAULT_TARGET_PERCENT, RenewableInstallation, ResourceInput
from junkan.carbon.engine.numbers import (
    NumberError,
    fraction_of_one,
    non_negative,
    parse_decimal,
    plain,
    positive,
)

MAX_ACTIVITIES_PER_PART: Final = 100
MAX_TEXT: Final = 500

# Field of an activity → (Japanese name, parser). Each parser takes (value, name) and returns the value.
FIELD_LABELS: Final[dict[str, str]] = {
    "fuel": "燃料",
    "amount": "数量",
    "kwh": "電力量（kWh）",
    "t_co2_per_kwh": "電力の排出係数（t-CO2/kWh）",
    "t_co2_per_unit": "排出係数（t-CO2/単位）",
    "t_co2_per_gj": "熱の排出係数（t-CO2/GJ）",
    "t_co2_per_tkm": "輸送の排出係数（t-CO2/t·km）",
    "t_co2_per_t": "排出係数（t-CO2/t）",
    "utility": "事業者",
    "menu": "メニュー",
    "year": "年度",
    "basis": "係数の種類",
    "gj": "熱量（GJ）",
    "unit": "単位",
    "heat_gj_per_unit": "発熱量（GJ/単位）",
    "heat_gj_per_unit_high": "発熱量の上限（GJ/単位）",
    "efficiency": "効率",
    "replaces": "代替される燃料",
    "replaced_efficiency": "代替される設備の効率",
    "tkm": "輸送量（t·km）",
    "source": "出典",
    "label": "項目名",
    "note": "備考",
}
DECIMAL_FIELDS: Final = frozenset(
    {
        "amount",
        "kwh",
        "t_co2_per_kwh",
        "t_co2_per_unit",
        "t_co2_per_gj",
        "t_co2_per_tkm",
        "t_co2_per_t",
        "gj",
        "heat_gj_per_unit",
        "heat_gj_per_unit_high",
        "tkm",
    }
)
EFFICIENCY_FIELDS: Final = frozenset({"efficiency", "replaced_efficiency"})
PART_KEYS: Final = {
    Part.BASELINE_PROCESS: ("baseline", "process"),
    Part.BASELINE_SUBSTITUTION: ("baseline", "substitution"),
    Part.PROJECT_PROCESS: ("project", "process"),
    Part.PROJECT_SUBSTITUTION: ("project", "substitution"),
}


def _text(value: object, name: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise NumberError(f"{name}は文字列で入力してください。")
    if len(value) > MAX_TEXT:
        raise NumberError(f"{name}は{MAX_TEXT}文字以内で入力してください。")
    return value.strip()


def _year(value: object, name: str) -> int | None:
    if value in (None, ""):
        return None
    number = parse_decimal(value, name)
    if number != number.to_integral_value() or not 1990 <= number <= 2100:
        raise NumberError(f"{name}は西暦の年度（例：2024）で入力してください。")
    return int(number)


def _basis(value: object, name: str) -> str:
    if value in (None, ""):
        return BASIC
    if value not in (BASIC, ADJUSTED):
        raise NumberError(f"{name}は basic（基礎排出係数）か adjusted（調整後排出係数）で指定してください。")
    return str(value)


def _field_parser(key: str) -> Callable[[object, str], Any]:
    if key in DECIMAL_FIELDS:
        return non_negative
    if key in EFFICIENCY_FIELDS:
        return fraction_of_one
    if key == "year":
        return _year
    if key == "basis":
        return _basis
    return _text


def parse_activity(data: object, part: Part, index: int) -> Activity:
    """One activity from a mapping with "kind"; CalculationError located at the line otherwise."""
    if not isinstance(data, Mapping):
        raise CalculationError('活動は {"kind": …} の形で指定してください。', part, index)
    kind = data.get("kind")
    cls = KINDS.get(kind) if isinstance(kind, str) else None
    if cls is None:
        known = "、".join(KINDS)
        raise CalculationError(
            f"活動の種類「{kind}」は指定できません。次のいずれかです：{known}", part, index, "kind"
        )
    values: dict[str, Any] = {}
    for spec in fields(cls):
        key = spec.name
        raw = data.get(key)
        name = FIELD_LABELS.get(key, key)
        required = spec.default is MISSING and spec.default_factory is MISSING
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if required:
                raise CalculationError(f"{name}を入力してください。", part, index, key)
            continue
        try:
            values[key] = _field_parser(key)(raw, name)
        except NumberError as error:
            raise CalculationError(error.message, part, index, key) from error
    if cls.KIND in ("other",) and not values.get("label"):
        raise CalculationError("項目名を入力してください。", part, index, "label")
    return cls(**values)


def _list(value: object, what: str) -> Sequence[object]:
    if value is None:
        return ()
    if not isinstance(value, list | tuple):
        raise CalculationError(f"{what}はリスト（[…]）で指定してください。")
    return value


def _side(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    side = data.get(key, {})
    if side is None:
        return {}
    if not isinstance(side, Mapping):
        raise CalculationError(
            f'「{key}」は {{"process": […], "substitution": […]}} の形で指定してください。'
        )
    return side


def _top(parse: Callable[[object, str], Any], value: object, name: str) -> Any:
    try:
        return parse(value, name)
    except NumberError as error:
        raise CalculationError(error.message, field=name) from error


def _whole(value: object, name: str) -> int:
    number = non_negative(value, name)
    if number != number.to_integral_value():
        raise NumberError(f"{name}は整数で入力してください。")
    return int(number)


def parse_calculation(data: object) -> Calculation:
    """The whole input; every problem raises CalculationError with a Japanese message."""
    if not isinstance(data, Mapping):
        raise CalculationError("入力は JSON のオブジェクト（{…}）で指定してください。")
    parts: dict[Part, tuple[Activity, ...]] = {}
    for part, (side_key, list_key) in PART_KEYS.items():
        items = _list(_side(data, side_key).get(list_key), part.label)
        if len(items) > MAX_ACTIVITIES_PER_PART:
            raise CalculationError(f"活動は1つの欄に{MAX_ACTIVITIES_PER_PART}行までです。", part)
        parts[part] = tuple(parse_activity(item, part, number) for number, item in enumerate(items, start=1))
    notes = []
    for number, item in enumerate(_list(data.get("boundary_notes"), "バウンダリの注記"), start=1):
        try:
            process = _text(item.get("process"), "プロセス") if isinstance(item, Mapping) else ""
            reason = _text(item.get("reason"), "理由") if isinstance(item, Mapping) else ""
        except NumberError as error:  # a number or an object where text belongs
            raise CalculationError(f"バウンダリの注記{number}行目：{error.message}") from None
        if not process or not reason:
            raise CalculationError(
                f"バウンダリの注記{number}行目：省略したプロセスとその理由を入力してください。"
            )
        notes.append(BoundaryNote(process, reason))
    revision = data.get("fuel_revision")
    if revision is not None and not isinstance(revision, str | int):
        raise CalculationError('fuel_revision は係数表の改定年（例："2010"）で指定してください。')
    subsidy = data.get("subsidy_yen")
    life = data.get("life_years")
    region = data.get("region_total_t_co2")
    target = data.get("target_percent")
    return Calculation(
        baseline=Side(parts[Part.BASELINE_PROCESS], parts[Part.BASELINE_SUBSTITUTION]),
        project=Side(parts[Part.PROJECT_PROCESS], parts[Part.PROJECT_SUBSTITUTION]),
        fuel_revision="" if revision is None else str(revision).strip(),
        boundary_notes=tuple(notes),
        subsidy_yen=None if subsidy in (None, "") else _top(_whole, subsidy, "補助金額（円）"),
        life_years=None if life in (None, "") else _top(_years, life, "事業期間（年）"),
        region_total_t_co2=None
        if region in (None, "")
        else _top(positive, region, "地域の排出量（t-CO2/年）"),
        target_percent=DEFAULT_TARGET_PERCENT
        if target in (None, "")
        else _top(positive, target, "削減目標（%）"),
        renewables=tuple(
            _renewable(item, number)
            for number, item in enumerate(_list(data.get("renewables"), "再エネ設備"), start=1)
        ),
        resource=_resource(data.get("resource_productivity")),
    )


def _years(value: object, name: str) -> int:
    years = _whole(value, name)
    if not 1 <= years <= 100:
        raise NumberError(f"{name}は1〜100年で入力してください。")
    return years


def _renewable(item: object, number: int) -> RenewableInstallation:
    if not isinstance(item, Mapping):
        raise CalculationError(
            f'再エネ設備{number}行目：{{"label", "capacity_kw", "annual_kwh"}} の形で指定してください。'
        )
    try:
        return RenewableInstallation(
            label=_text(item.get("label"), "設備名") or f"設備{number}",
            capacity_kw=non_negative(item.get("capacity_kw", 0) or 0, "設備容量（kW）"),
            annual_kwh=non_negative(item.get("annual_kwh", 0) or 0, "年間発電量（kWh/年）"),
            annual_heat_gj=non_negative(item.get("annual_heat_gj", 0) or 0, "年間熱利用量（GJ/年）"),
        )
    except NumberError as error:
        raise CalculationError(f"再エネ設備{number}行目：{error.message}") from error


def _resource(item: object) -> ResourceInput | None:
    if item in (None, {}):
        return None
    if not isinstance(item, Mapping):
        raise CalculationError("resource_productivity はオブジェクト（{…}）で指定してください。")
    try:
        return ResourceInput(
            unused_resource=_text(item.get("unused_resource"), "活用する未利用資源"),
            value_added_before_yen=_whole(item.get("value_added_before_yen"), "実施前の付加価値（円）"),
            resource_input_before_t=positive(
                item.get("resource_input_before_t"), "実施前の天然資源等投入量（t）"
            ),
            value_added_after_yen=_whole(item.get("value_added_after_yen"), "実施後の付加価値（円）"),
            resource_input_after_t=positive(
                item.get("resource_input_after_t"), "実施後の天然資源等投入量（t）"
            ),
        )
    except NumberError as error:
        raise CalculationError(f"資源生産性：{error.message}") from error


# --- back to JSON-ready values (Decimals as exact strings), the form saved calculations keep.


def _value(value: object) -> object:
    return plain(value) if isinstance(value, Decimal) else value


def activity_to_dict(activity: Activity) -> dict[str, Any]:
    """The activity with its kind; defaults left out so the stored input stays what was typed."""
    result: dict[str, Any] = {"kind": activity.KIND}
    for spec in fields(activity):
        value = getattr(activity, spec.name)
        if value in ("", None) or value == spec.default:
            continue
        result[spec.name] = _value(value)
    return result


def calculation_to_dict(calculation: Calculation) -> dict[str, Any]:
    """The input as parse_calculation reads it: parse_calculation(calculation_to_dict(c)) == c."""
    data: dict[str, Any] = {"fuel_revision": calculation.fuel_revision}
    for part, activities in calculation.parts():
        side, key = PART_KEYS[part]
        data.setdefault(side, {})[key] = [activity_to_dict(activity) for activity in activities]
    if calculation.boundary_notes:
        data["boundary_notes"] = [
            {"process": n.process, "reason": n.reason} for n in calculation.boundary_notes
        ]
    if calculation.subsidy_yen is not None:
        data["subsidy_yen"] = calculation.subsidy_yen
    if calculation.life_years is not None:
        data["life_years"] = calculation.life_years
    if calculation.region_total_t_co2 is not None:
        data["region_total_t_co2"] = plain(calculation.region_total_t_co2)
    if calculation.target_percent != DEFAULT_TARGET_PERCENT:
        data["target_percent"] = plain(calculation.target_percent)
    if calculation.renewables:
        data["renewables"] = [
            {
                "label": item.label,
                "capacity_kw": plain(item.capacity_kw),
                "annual_kwh": plain(item.annual_kwh),
                "annual_heat_gj": plain(item.annual_heat_gj),
            }
            for item in calculation.renewables
        ]
    if calculation.resource is not None:
        resource = calculation.resource
        data["resource_productivity"] = {
            "unused_resource": resource.unused_resource,
            "value_added_before_yen": resource.value_added_before_yen,
            "resource_input_before_t": plain(resource.resource_input_before_t),
            "value_added_after_yen": resource.value_added_after_yen,
            "resource_input_after_t": plain(resource.resource_input_after_t),
        }
    return data
