"""Load the shipped emission factors: fuel tables 2006/2010/2023 and the 2025 per-unit list, R6 electricity, R7 gas.

Self-contained on purpose (it reads the files in ``junkan/carbon/data`` and uses the historical models only),
so that later changes to the app cannot change what it loads. See ``junkan/carbon/data/README.md`` for the
sources and for the two edits made while loading (fuel key names of the per-unit list, menu of the
transmission companies' rows).
"""

import csv
import io
from decimal import Decimal
from pathlib import Path

from django.db import migrations

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
FUEL_CSV = DATA_DIR / "ghg_fuel_heat_carbon_factors.csv"
FUEL_TSV = DATA_DIR / "ghg_fuel_co2_factors_2025.tsv"
ELECTRICITY_CSV = DATA_DIR / "ghg_electricity_factors_R6_major.csv"
GAS_TSV = DATA_DIR / "ghg_gas_utility_factors_R7.tsv"
KEY_ALIASES = {"diesel_oil": "diesel", "coal_steam_imported": "coal_imported", "coal_steam_domestic": "coal_domestic"}
TSO_MENU = "最終保障供給・離島供給用"

FUEL_SOURCE = (
    "特定排出者の事業活動に伴う温室効果ガスの排出量の算定に関する省令（算定省令）別表第1（単位発熱量）・"
    "別表第2（炭素排出係数）の{revision}年の表。公表表から本プラットフォームが編集"
    "（ghg_fuel_heat_carbon_factors.csv、確度の列を参照）。t-CO2/単位 = 単位発熱量 × 炭素排出係数 × 44/12。"
)
FUEL_NAMES = {
    "2006": "算定省令 別表第1・第2（2006年の表）",
    "2010": "算定省令 別表第1・第2（2010年改定）",
    "2023": "算定省令 別表第1・第2（2023年改定）",
}
FUEL_NOTES = {
    "2006": "制度開始時の表。",
    "2010": "2023年改定まで報告に用いられた表。B・C重油、都市ガス、一般炭は公表値と整合するが原表未確認（確度 secondary）。",
    "2023": "現行の表（2024年度の排出量の算定から適用）。",
}


def _comments_and_rows(path, delimiter):
    comments, rows = [], []
    text = path.read_text(encoding="utf-8-sig")
    for line in text.splitlines():
        if line.startswith("#"):
            comments.append(line.lstrip("# ").rstrip())
        elif line.strip():
            rows.append([cell.strip() for cell in next(csv.reader(io.StringIO(line), delimiter=delimiter))])
    return "\n".join(comments), rows


def _decimal(text):
    return Decimal(text) if text else None


def load(apps, schema_editor):
    FactorSet = apps.get_model("carbon", "FactorSet")
    FuelFactor = apps.get_model("carbon", "FuelFactor")
    SupplierFactor = apps.get_model("carbon", "SupplierFactor")
    db = schema_editor.connection.alias
    sets = FactorSet.objects.using(db)

    _comments, rows = _comments_and_rows(FUEL_CSV, ",")
    header, rows = rows[0], rows[1:]
    assert header[:6] == ["fuel_key", "fuel_ja", "unit", "revision", "heat_gj_per_unit", "carbon_tc_per_gj"], header
    for revision in ("2006", "2010", "2023"):
        if sets.filter(kind="fuel", revision=revision).exists():
            continue
        factor_set = sets.create(
            kind="fuel",
            revision=revision,
            name=FUEL_NAMES[revision],
            source=FUEL_SOURCE.format(revision=revision),
            note=FUEL_NOTES[revision],
        )
        FuelFactor.objects.using(db).bulk_create(
            FuelFactor(
                factor_set=factor_set,
                key=key,
                name=name,
                unit=unit,
                heat_gj_per_unit=Decimal(heat),
                carbon_tc_per_gj=Decimal(carbon),
                confidence=confidence,
            )
            for key, name, unit, row_revision, heat, carbon, confidence in rows
            if row_revision == revision
        )

    if not sets.filter(kind="fuel", revision="2025").exists():
        comments, rows = _comments_and_rows(FUEL_TSV, "\t")
        factor_set = sets.create(
            kind="fuel",
            revision="2025",
            name="算定方法・排出係数一覧（2025年公表）燃料の使用",
            source=comments,
            note=(
                "t-CO2/単位の公表値のみ（単位発熱量なし。熱量での比較には2023年改定の表を使ってください）。"
                "読み込み時に燃料キー diesel_oil・coal_steam_imported・coal_steam_domestic を"
                "熱量表のキー diesel・coal_imported・coal_domestic に合わせました。"
            ),
        )
        FuelFactor.objects.using(db).bulk_create(
            FuelFactor(
                factor_set=factor_set,
                key=KEY_ALIASES.get(key, key),
                name=name,
                unit=unit.replace("tCO2/", ""),
                t_co2_per_unit=Decimal(value),
            )
            for key, name, _energy_type, unit, value in rows
        )

    if not sets.filter(kind="electricity", revision="2024").exists():
        comments, rows = _comments_and_rows(ELECTRICITY_CSV, ",")
        factor_set = sets.create(
            kind="electricity",
            revision="2024",
            name="電気事業者別排出係数（令和6年度実績・令和7年度の排出量算定用）",
            source=comments,
            note=(
                "主要事業者の抜粋。一般送配電事業者の行はメニュー名を「最終保障供給・離島供給用」としました。"
                "代替値 0.000416、全国平均係数 0.000423 t-CO2/kWh。"
            ),
        )
        SupplierFactor.objects.using(db).bulk_create(
            SupplierFactor(
                factor_set=factor_set,
                reg_no=reg_no,
                utility=utility,
                menu=menu or (TSO_MENU if kind == "tso" else ""),
                kind=kind,
                basic=Decimal(basic),
                adjusted=_decimal(adjusted),
            )
            for reg_no, utility, menu, kind, basic, adjusted in rows[1:]
        )

    if not sets.filter(kind="gas", revision="2025").exists():
        comments, rows = _comments_and_rows(GAS_TSV, "\t")
        factor_set = sets.create(
            kind="gas",
            revision="2025",
            name="ガス事業者別排出係数（令和7年度供給実績）",
            source=comments,
            note="単位 t-CO2/千m3。",
        )
        SupplierFactor.objects.using(db).bulk_create(
            SupplierFactor(
                factor_set=factor_set,
                reg_no=reg_no,
                utility=utility,
                menu=menu,
                kind="gas",
                basic=Decimal(basic),
                adjusted=_decimal(adjusted),
            )
            for reg_no, utility, menu, basic, adjusted in rows
        )


def unload(apps, schema_editor):
    FactorSet = apps.get_model("carbon", "FactorSet")
    shipped = [("fuel", "2006"), ("fuel", "2010"), ("fuel", "2023"), ("fuel", "2025"), ("electricity", "2024"), ("gas", "2025")]
    for kind, revision in shipped:
        FactorSet.objects.using(schema_editor.connection.alias).filter(
            kind=kind, revision=revision, locked_at__isnull=True, calculations__isnull=True
        ).delete()


class Migration(migrations.Migration):
    dependencies = [("carbon", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
