"""Load the case-study themes from ``junkan/cases/data/themes.csv``; rows are matched by code, so it is idempotent."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "themes.csv"


def load(apps, schema_editor):
    db = schema_editor.connection.alias
    CaseTheme = apps.get_model("cases", "CaseTheme")
    with DATA.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    existing = set(CaseTheme.objects.using(db).values_list("code", flat=True))
    CaseTheme.objects.using(db).bulk_create(
        [CaseTheme(code=r["code"], name=r["name"], order=int(r["order"])) for r in rows if r["code"] not in existing]
    )


def unload(apps, schema_editor):
    apps.get_model("cases", "CaseTheme").objects.using(schema_editor.connection.alias).all().delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
