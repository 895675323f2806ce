"""The CO2 reduction engine: pure Python, Decimal only, no Django. Views, forms, the API and PDFs call it.

factors = FactorSet(...)                  # or factor_set_from_snapshot(saved.factors)
result = calculate(parse_calculation(data), factors)
result.reduction_t_co2                    # exact Decimal, t-CO2/年
"""

from junkan.carbon.engine.activities import (
    KIND_LABELS,
    KINDS,
    Activity,
    Biomass,
    ElectricityUse,
    FuelUse,
    GasUse,
    Heat,
    Incineration,
    Other,
    Residue,
    Transport,
)
from junkan.carbon.engine.calculation import (
    BoundaryNote,
    Calculation,
    CalculationError,
    FactorsUsed,
    Part,
    Result,
    Side,
    TrailLine,
    calculate,
)
from junkan.carbon.engine.factors import ADJUSTED, BASIC, FactorError, FactorSet, FuelFactor, SupplierFactor
from junkan.carbon.engine.indicators import (
    CostEffectiveness,
    RegionalShare,
    RenewableInstallation,
    RenewableSummary,
    ResourceInput,
    ResourceProductivity,
    cost_effectiveness,
    regional_share,
    renewable_summary,
    resource_productivity,
)
from junkan.carbon.engine.numbers import NumberError, parse_decimal, plain, tonnes
from junkan.carbon.engine.parsing import (
    activity_to_dict,
    calculation_to_dict,
    parse_activity,
    parse_calculation,
)
from junkan.carbon.engine.report import (
    factor_set_from_snapshot,
    factors_used_to_dict,
    result_to_dict,
    stringify,
    to_json,
)

__all__ = [
    "ADJUSTED",
    "BASIC",
    "KINDS",
    "KIND_LABELS",
    "Activity",
    "Biomass",
    "BoundaryNote",
    "Calculation",
    "CalculationError",
    "CostEffectiveness",
    "ElectricityUse",
    "FactorError",
    "FactorSet",
    "FactorsUsed",
    "FuelFactor",
    "FuelUse",
    "GasUse",
    "Heat",
    "Incineration",
    "NumberError",
    "Other",
    "Part",
    "RegionalShare",
    "RenewableInstallation",
    "RenewableSummary",
    "Residue",
    "ResourceInput",
    "ResourceProductivity",
    "Result",
    "Side",
    "SupplierFactor",
    "TrailLine",
    "Transport",
    "activity_to_dict",
    "calculate",
    "calculation_to_dict",
    "cost_effectiveness",
    "factor_set_from_snapshot",
    "factors_used_to_dict",
    "parse_activity",
    "parse_calculation",
    "parse_decimal",
    "plain",
    "regional_share",
    "renewable_summary",
    "resource_productivity",
    "result_to_dict",
    "stringify",
    "to_json",
    "tonnes",
]
