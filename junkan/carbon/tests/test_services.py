"""Factor sets: shipped by migration, locked by submission, never changed in place; demo data."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from junkan.audit.models import AuditEntry
from junkan.carbon import engine, services
from junkan.carbon.models import FactorSet, SavedCalculation
from junkan.carbon.tests.conftest import API_EXAMPLE

pytestmark = pytest.mark.django_db


def test_shipped_sets_are_present_after_migrate():
    counts = {(s.kind, s.revision): s.fuels.count() + s.suppliers.count() for s in FactorSet.objects.all()}
    assert counts == {
        ("fuel", "2006"): 7,
        ("fuel", "2010"): 8,
        ("fuel", "2023"): 9,
        ("fuel", "2025"): 35,
        ("electricity", "2024"): 35,
        ("gas", "2025"): 113,
    }
    per_unit = FactorSet.objects.get(kind="fuel", revision="2025")
    assert "公共データ利用規約" in per_unit.source and "加工" in per_unit.source
    assert per_unit.fuels.get(key="diesel").t_co2_per_unit == Decimal("2.62")
    assert services.default_fuel_revision() == "2023"


def test_engine_factors_of_a_revision():
    factors = services.engine_factors("2010")
    assert factors.fuel("heavy_oil_a").t_co2_per_unit == Decimal("2.70963")
    assert factors.electricity_factor("代替値", None, None).basic == Decimal("0.000416")
    assert factors.gas_factor("出雲ガス株式会社", None, None).year == 2025
    with pytest.raises(engine.CalculationError, match="登録されていません"):
        services.engine_factors("1999")


def test_submitting_locks_only_the_sets_used_and_is_audited(owner):
    data = {
        **API_EXAMPLE,
        "project": {"process": [{"kind": "electricity", "kwh": 10, "utility": "代替値"}]},
    }
    saved = services.save_calculation(owner, data, title="x")
    services.submit_calculation(owner, saved)
    locked = set(FactorSet.objects.exclude(locked_at=None).values_list("kind", "revision"))
    assert locked == {("fuel", "2010"), ("electricity", "2024")}
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions == [
        "carbon.calculation.created",
        "carbon.calculation.submitted",
        "carbon.factorset.locked",
        "carbon.factorset.locked",
    ]


def test_a_locked_set_cannot_be_changed_or_deleted(owner, staff):
    saved = services.save_calculation(owner, API_EXAMPLE, title="x")
    fuel = FactorSet.objects.get(kind="fuel", revision="2010")
    with pytest.raises(PermissionDenied, match="保存された算定で使われている"):
        services.delete_factor_set(staff, fuel)
    services.update_factor_set(staff, fuel, {"note": "メモ"})  # unlocked: metadata may change (audited)
    assert AuditEntry.objects.filter(action="carbon.factorset.updated").exists()
    services.submit_calculation(owner, saved)
    fuel.refresh_from_db()
    with pytest.raises(PermissionDenied, match="変更できません"):
        services.update_factor_set(staff, fuel, {"name": "別名"})
    fuel.refresh_from_db()
    assert fuel.note == "メモ" and fuel.name != "別名"


def test_only_staff_manage_sets(owner):
    fuel = FactorSet.objects.get(kind="fuel", revision="2006")
    with pytest.raises(PermissionDenied, match="事務局のみ"):
        services.update_factor_set(owner, fuel, {"name": "x"})
    with pytest.raises(PermissionDenied):
        services.create_factor_sets(owner, services.Upload(layout="gas", data=b"", revision="2026"))


def test_unused_set_is_deleted_with_an_audit_entry(staff):
    fuel = FactorSet.objects.get(kind="fuel", revision="2006")
    services.delete_factor_set(staff, fuel)
    assert not FactorSet.objects.filter(pk=fuel.pk).exists()
    assert AuditEntry.objects.get(action="carbon.factorset.deleted").data["name"].startswith("算定省令")


def test_save_refuses_bad_input_and_saves_nothing(owner):
    with pytest.raises(engine.CalculationError):
        services.save_calculation(owner, {"baseline": {"process": [{"kind": "fuel"}]}}, title="x")
    with pytest.raises(ValidationError):
        services.save_calculation(owner, API_EXAMPLE, title=" ")
    assert SavedCalculation.objects.count() == 0


def test_demo_is_idempotent(settings):
    from junkan.accounts import demo as accounts_demo
    from junkan.carbon import demo
    from junkan.organizations import demo as organizations_demo

    accounts_demo.load(print)
    organizations_demo.load(print)
    demo.load(print)
    demo.load(print)
    saved = SavedCalculation.objects.get()
    assert saved.owner.email == "officer@example.jp"
    assert saved.organization.name == "長野県飯田市"
    assert saved.reduction_t_co2 > 0
    kinds = {line["kind"] for line in saved.result["trail"]}
    assert {"fuel", "electricity", "biomass", "heat", "transport"} <= kinds
