"""Load the SDG goals, the industry classification (JSIC major + medium) and local resources.

Reads the CSV copies in ``junkan/registry/data`` (see its README for attribution). Uses only
``apps.get_model`` and bulk inserts; rows are matched by natural key, so it is idempotent.
"""

import csv
from pathlib import Path

from django.db import migrations

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def _rows(name):
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load(apps, schema_editor):
    db = schema_editor.connection.alias
    SdgGoal = apps.get_model("registry", "SdgGoal")
    Industry = apps.get_model("registry", "Industry")
    LocalResource = apps.get_model("registry", "LocalResource")

    existing = set(SdgGoal.objects.using(db).values_list("number", flat=True))
    SdgGoal.objects.using(db).bulk_create(
        [
            SdgGoal(number=int(r["goal"]), short_name=r["short_name_ja"], title=r["title_ja"], color_hex=r["color_hex"])
            for r in _rows("sdgs_goals_ja.csv")
            if int(r["goal"]) not in existing
        ]
    )

    existing = set(Industry.objects.using(db).values_list("code", flat=True))
    Industry.objects.using(db).bulk_create(
        [
            Industry(code=r["major_code"], name=r["major_name"])
            for r in _rows("jsic_major.csv")
            if r["major_code"] not in existing
        ]
    )
    majors = dict(Industry.objects.using(db).filter(parent__isnull=True).values_list("code", "pk"))
    Industry.objects.using(db).bulk_create(
        [
            Industry(code=r["medium_code"], name=r["medium_name"], parent_id=majors[r["major_code"]])
            for r in _rows("jsic_major_medium.csv")
            if r["medium_code"] not in existing
        ]
    )

    existing = set(LocalResource.objects.using(db).values_list("code", flat=True))
    LocalResource.objects.using(db).bulk_create(
        [
            LocalResource(code=r["code"], name=r["name"], order=int(r["order"]))
            for r in _rows("local_resources.csv")
            if r["code"] not in existing
        ]
    )


def unload(apps, schema_editor):
    db = schema_editor.connection.alias
    for model in ("LocalResource", "SdgGoal"):
        apps.get_model("registry", model).objects.using(db).all().delete()
    Industry = apps.get_model("registry", "Industry")
    Industry.objects.using(db).filter(parent__isnull=False).delete()
    Industry.objects.using(db).all().delete()


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
