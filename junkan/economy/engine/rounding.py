"""How figures are rounded for display (the computation itself never rounds).

The rule, written once here and stated on the result pages:

- Rounding is half up (四捨五入) on the decimal form of the computed value, done only when shown.
- Money (production, income, value added, demand) in the unit of the table, to 1 decimal place
  (e.g. 百万円 → 0.1百万円); the published 地域経済循環分析 shows 億円 to whole numbers, so circulation
  money figures are shown as entered.
- Rates in percent (地域経済循環率, energy share) to 1 decimal place, as the Ministry's tool publishes them.
- Coefficients (投入係数, 自給率, 逆行列係数, 影響力係数, 感応度係数, 特化係数) to 4 decimal places
  (prefectures publish 4–6; 4 keeps tables readable; the xlsx export carries the full figures).
- The multiplier (波及倍率) to 2 decimal places; employment (人) to 1 decimal place.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Final

MONEY_PLACES: Final = 1
PERCENT_PLACES: Final = 1
COEFFICIENT_PLACES: Final = 4
MULTIPLIER_PLACES: Final = 2
PEOPLE_PLACES: Final = 1


def rounded(value: float | Decimal | int, places: int) -> Decimal:
    """``value`` rounded half up to ``places`` decimal places (floats through their shortest repr)."""
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("not a finite number")
        value = Decimal(repr(float(value)))  # float(): numpy floats repr as np.float64(…)
    quantum = Decimal(1).scaleb(-places)
    with localcontext() as context:
        # Enough digits for any figure the engines accept (quantize fails beyond the precision).
        context.prec = 500
        result = Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)
        return result + 0 if result else abs(result)  # no "-0.0"


def shown(value: float | Decimal | int, places: int) -> str:
    """The rounded value with thousands separators (1,234.5)."""
    return f"{rounded(value, places):,.{places}f}"
