"""Industry structure: 特化係数, net exports and labour productivity, by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from junkan.economy.engine.industry import IndustryRow, structure
from junkan.economy.engine.problems import EconomyInputError

D = Decimal


def test_specialization_net_exports_and_productivity() -> None:
    rows = [
        IndustryRow("農業", D(30), national_value_added=D(10), exports=D(20), imports=D(5), employees=D(3)),
        IndustryRow("製造業", D(70), national_value_added=D(90), exports=D(40), imports=D(60)),
    ]
    agriculture, manufacturing = structure(rows)
    # Region: 30%, nation: 10% → 3.0; region 70%, nation 90% → 0.777…
    assert agriculture.specialization == D(3)
    assert manufacturing.specialization == D("0.7") / D("0.9")
    assert agriculture.net_exports == D(15) and manufacturing.net_exports == D(-20)
    assert agriculture.productivity == D(10) and manufacturing.productivity is None
    assert agriculture.share == D("0.3")


def test_negative_value_added_is_refused_with_the_row() -> None:
    with pytest.raises(EconomyInputError) as caught:
        structure([IndustryRow("農業", D(-1))])
    assert caught.value.problems[0].field == "industries[0].value_added"
    assert "1行目（農業）" in caught.value.problems[0].message
