"""One company registration per organization (a second one was possible through the form).

If duplicates exist, the migration stops and names them: which one to keep (the approved one, the one with
the solutions) is the secretariat's decision, not the migration's.
"""

from django.db import migrations, models
from django.db.models import Count


def refuse_duplicates(apps, schema_editor):
    CompanyRegistration = apps.get_model("registry", "CompanyRegistration")
    duplicated = (
        CompanyRegistration.objects.values("organization_id")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values_list("organization_id", flat=True)
    )
    if duplicated:
        rows = CompanyRegistration.objects.filter(organization_id__in=list(duplicated)).order_by("organization_id", "id")
        listing = ", ".join(f"organization {r.organization_id}: registration {r.pk} ({r.status})" for r in rows)
        raise RuntimeError(
            "Several company registrations per organization; keep one each (admin) and migrate again: " + listing
        )


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0002_membership_acts_for_applications"),
        ("registry", "0002_load_vocabularies"),
    ]

    operations = [
        migrations.RunPython(refuse_duplicates, migrations.RunPython.noop, elidable=True),
        migrations.AddConstraint(
            model_name="companyregistration",
            constraint=models.UniqueConstraint(
                fields=("organization",),
                name="registry_company_one_per_organization",
                violation_error_message="この組織の企業等登録はすでにあります。登録済みの内容を編集してください。",
            ),
        ),
    ]
