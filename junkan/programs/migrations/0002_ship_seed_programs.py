"""Ship the two calls transcribed from the seeds (junkan/programs/data/*.yaml), each with its version 1.

The loader uses only ``apps.get_model``, so this runs against the historical models. Loading is
idempotent (rows are matched by slug and natural keys); reversing deletes the two programs.
"""

from pathlib import Path

import yaml
from django.db import migrations

from junkan.programs.loader import dump_program, load_program

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
SHIPPED = ("fy2019-decarbonised-region-model", "fy2015-ecotown-low-carbon")
REASON = "公募要領から転記した初期データ"


def load(apps, schema_editor):
    ProgramVersion = apps.get_model("programs", "ProgramVersion")
    db = schema_editor.connection.alias
    for slug in SHIPPED:
        data = yaml.safe_load((DATA_DIR / f"{slug}.yaml").read_text(encoding="utf-8"))
        program, _warnings = load_program(apps, data, using=db)
        if not ProgramVersion.objects.using(db).filter(program=program).exists():
            ProgramVersion.objects.using(db).create(
                program=program, number=1, snapshot=dump_program(program), reason=REASON
            )


def unload(apps, schema_editor):
    Program = apps.get_model("programs", "Program")
    Program.objects.using(schema_editor.connection.alias).filter(slug__in=SHIPPED).delete()


class Migration(migrations.Migration):
    dependencies = [("programs", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
