"""Regional economy analysis as pure Python (numpy for the linear algebra): no Django here.

- :mod:`.circulation`: the three sides (生産・分配・支出), 地域経済循環率, consistency gaps, energy payments.
- :mod:`.industry`: value added by industry, 特化係数, net exports, labour productivity.
- :mod:`.io`: 投入係数, 自給率, the open-type inverse, 影響力係数・感応度係数, the ripple effect of a demand.
- :mod:`.rounding`: how figures are rounded for display (computations never round).
- :mod:`.problems`: input problems with Japanese messages naming the field.
"""

from __future__ import annotations
