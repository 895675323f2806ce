"""The official master after `migrate`: every row of lg_codes.csv, linked, flagged, with office positions."""

from __future__ import annotations

import hashlib
import importlib
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Count, ProtectedError

from junkan.jp.codes import validate_lg_code
from junkan.municipalities.models import Municipality, MunicipalityKind

pytestmark = pytest.mark.django_db

SHARED = Path("/work/shared/data")
MIGRATION = importlib.import_module("junkan.municipalities.migrations.0002_load_official_codes")


def test_counts_per_kind():
    counts = dict(Municipality.objects.values_list("kind").annotate(n=Count("id")).order_by())
    assert counts == {
        "prefecture": 47,
        "designated_city": 20,
        "city": 772,
        "town": 743,
        "village": 189,
        "special_ward": 23,
        "designated_city_ward": 171,
    }
    municipalities = Municipality.objects.filter(
        kind__in=["designated_city", "city", "town", "village", "special_ward"]
    )
    assert municipalities.count() == 1747
    assert municipalities.filter(is_northern_territories=False).count() == 1741
    assert Municipality.objects.count() == 1965


def test_every_row_of_the_csv_is_in_the_table(code_rows):
    table = {
        m.code: m for m in Municipality.objects.select_related("prefecture", "parent").exclude(code=None)
    }
    assert len(table) == len(code_rows) == 1965
    for row in code_rows:
        m = table[row["code"]]
        assert (m.kind, m.name, m.kana, m.full_name) == (
            row["kind"],
            row["name"],
            row["kana"],
            row["full_name"],
        ), row
        if row["kind"] == "prefecture":
            assert m.prefecture is None
            assert row["pref_code"] == row["code"]
        else:
            assert m.prefecture.code == row["pref_code"]
            assert m.prefecture.kind == MunicipalityKind.PREFECTURE
        assert (m.parent.code if m.parent else "") == row["parent_code"]
        assert m.is_northern_territories is (row["northern_territories"] == "1")


def test_every_code_passes_the_check_digit():
    codes = list(Municipality.objects.exclude(code=None).values_list("code", flat=True))
    assert len(codes) == 1965
    assert [code for code in codes if validate_lg_code(code) != code] == []


def test_prefecture_links():
    # Every non-prefecture row's prefecture has the same two leading digits.
    mismatched = [
        m.code
        for m in Municipality.objects.select_related("prefecture").exclude(kind=MunicipalityKind.PREFECTURE)
        if m.prefecture.code[:2] != m.code[:2]
    ]
    assert mismatched == []
    assert Municipality.objects.get(code="130001").prefecture_code == "13"
    assert Municipality.objects.get(code="131016").prefecture.name == "東京都"


def test_wards_belong_to_designated_cities():
    wards = Municipality.objects.filter(kind=MunicipalityKind.DESIGNATED_CITY_WARD).select_related("parent")
    assert {w.parent.kind for w in wards} == {MunicipalityKind.DESIGNATED_CITY}
    assert Municipality.objects.filter(parent__isnull=False).count() == 171
    per_city = dict(
        Municipality.objects.filter(kind=MunicipalityKind.DESIGNATED_CITY)
        .annotate(n=Count("wards"))
        .values_list("name", "n")
    )
    assert len(per_city) == 20
    assert per_city["札幌市"] == 10
    assert per_city["横浜市"] == 18
    assert per_city["浜松市"] == 3  # since the 2024 reorganization
    assert min(per_city.values()) >= 2


def test_northern_territories_villages_are_flagged():
    flagged = Municipality.objects.filter(is_northern_territories=True)
    assert sorted(flagged.values_list("name", flat=True)) == sorted(
        ["色丹村", "泊村", "留夜別村", "留別村", "紗那村", "蘂取村"]
    )
    assert set(flagged.values_list("kind", flat=True)) == {MunicipalityKind.VILLAGE}
    assert set(flagged.values_list("prefecture__code", flat=True)) == {"010006"}
    # The other 泊村 (北海道古宇郡, 014036) is an ordinary village.
    assert Municipality.objects.get(code="014036").is_northern_territories is False


def test_offices_are_attached_by_lgcode(office_rows):
    by_code = {row["lgcode"]: row for row in office_rows}
    located = list(Municipality.objects.exclude(latitude=None))
    assert len(located) == 1909
    for m in located:
        row = by_code[m.code]
        assert abs(m.latitude - Decimal(row["lat"])) <= Decimal("0.00000005")
        assert abs(m.longitude - Decimal(row["lng"])) <= Decimal("0.00000005")
        assert m.website == row["url"]
    sapporo = Municipality.objects.get(code="011002")
    assert (sapporo.latitude, sapporo.longitude) == (Decimal("43.0620888"), Decimal("141.3543886"))
    assert sapporo.website == "https://www.city.sapporo.jp/"
    # No office for prefectures, the Northern Territories villages and 浜松市's wards since 2024.
    unlocated = set(Municipality.objects.filter(latitude=None).values_list("code", flat=True))
    assert {"130001", "016951", "221384", "221392", "221406"} <= unlocated
    assert len(unlocated) == 47 + 6 + 3


@pytest.mark.skipif(not SHARED.exists(), reason="the shared reference data is not on this machine")
@pytest.mark.parametrize("name", ["lg_codes.csv", "lg_offices.csv"])
def test_shipped_copies_are_byte_identical(name):
    def digest(path: Path) -> str:
        return hashlib.sha256(path.read_bytes()).hexdigest()

    assert digest(MIGRATION.DATA_DIR / name) == digest(SHARED / name)


def test_shipped_data_has_a_readme_with_attribution_and_edit_note():
    text = (MIGRATION.DATA_DIR / "README.md").read_text()
    assert "総務省" in text
    assert "政府標準利用規約" in text
    assert "加工して作成" in text
    assert "edited" in text


def _historical_apps():
    loader = MigrationExecutor(connection).loader
    return loader.project_state(("municipalities", "0002_load_official_codes")).apps


def test_migration_is_reversible_and_fast():
    apps = _historical_apps()
    editor = SimpleNamespace(connection=connection)
    # Reversing the master reverses first the data migrations that refer to its rows (the hubs' areas),
    # as Django's migration graph does; they are applied again after it.
    hubs_data = importlib.import_module("junkan.hubs.migrations.0002_load_hubs")
    hubs_apps = MigrationExecutor(connection).loader.project_state(("hubs", "0002_load_hubs")).apps
    hubs_data.unload(hubs_apps, editor)
    MIGRATION.unload(apps, editor)
    assert Municipality.objects.count() == 0
    started = time.perf_counter()
    MIGRATION.load(apps, editor)
    assert time.perf_counter() - started < 3
    assert Municipality.objects.count() == 1965
    assert Municipality.objects.get(code="011011").parent.code == "011002"
    # Loading again adds nothing.
    MIGRATION.load(apps, editor)
    assert Municipality.objects.count() == 1965
    hubs_data.load(hubs_apps, editor)


def test_reverse_refuses_while_a_union_refers_to_official_rows(union):
    with pytest.raises(ProtectedError):
        MIGRATION.unload(_historical_apps(), SimpleNamespace(connection=connection))


def test_municipality_counters_are_consistent(code_rows):
    assert Counter(row["kind"] for row in code_rows) == Counter(
        Municipality.objects.exclude(code=None).values_list("kind", flat=True)
    )
