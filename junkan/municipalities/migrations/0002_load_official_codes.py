"""Load the official master: 全国地方公共団体コード (R6.1.1) with office positions.

Self-contained on purpose (it reads the CSVs shipped in ``junkan/municipalities/data`` and uses
the historical model only), so later changes to the app cannot change what it does. Three
bulk inserts: prefectures, then municipalities and special wards, then the wards of designated
cities, each level linked to the one before by primary key. Reversing deletes the official rows
(code not null); it stops with ProtectedError if unions or organizations still refer to them.
"""

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django.db import migrations

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
CODES_CSV = DATA_DIR / "lg_codes.csv"
OFFICES_CSV = DATA_DIR / "lg_offices.csv"
SEVEN_PLACES = Decimal("0.0000001")
LEVELS = (
    {"prefecture"},
    {"designated_city", "city", "town", "village", "special_ward"},
    {"designated_city_ward"},
)


def _read(path):
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _decimal(text):
    return Decimal(text).quantize(SEVEN_PLACES, rounding=ROUND_HALF_UP) if text.strip() else None


def load(apps, schema_editor):
    Municipality = apps.get_model("municipalities", "Municipality")
    db = schema_editor.connection.alias
    rows = _read(CODES_CSV)
    offices = {row["lgcode"]: row for row in _read(OFFICES_CSV)}
    pks = dict(Municipality.objects.using(db).exclude(code=None).values_list("code", "pk"))
    existing = set(pks)
    for kinds in LEVELS:
        objs = []
        for row in rows:
            if row["kind"] not in kinds or row["code"] in existing:
                continue
            office = offices.get(row["code"], {})
            is_prefecture = row["kind"] == "prefecture"
            objs.append(
                Municipality(
                    code=row["code"],
                    kind=row["kind"],
                    name=row["name"],
                    kana=row["kana"],
                    full_name=row["full_name"],
                    prefecture_id=None if is_prefecture else pks[row["pref_code"]],
                    parent_id=pks[row["parent_code"]] if row["parent_code"] else None,
                    is_northern_territories=row["northern_territories"] == "1",
                    latitude=_decimal(office.get("lat", "")),
                    longitude=_decimal(office.get("lng", "")),
                    website=office.get("url", "").strip(),
                )
            )
        Municipality.objects.using(db).bulk_create(objs, batch_size=500)
        # Primary keys of this level for the next one (SQLite and PostgreSQL alike, without relying
        # on bulk_create returning them).
        loaded = Municipality.objects.using(db).filter(kind__in=kinds).exclude(code=None)
        pks.update(loaded.values_list("code", "pk"))


def unload(apps, schema_editor):
    Municipality = apps.get_model("municipalities", "Municipality")
    db = schema_editor.connection.alias
    for kinds in reversed(LEVELS):
        Municipality.objects.using(db).filter(kind__in=kinds).exclude(code=None).delete()


class Migration(migrations.Migration):
    dependencies = [("municipalities", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
