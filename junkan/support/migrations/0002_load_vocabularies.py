"""The fields of expertise and the ministries the secretariat starts with; both stay editable in the admin.

The fields follow the kinds of experts in the platform's support teams (地域経営・地域ブランディング・
官民連携、環境、農林水産業・観光業等の各業種、情報技術(AI, IoT等)) and the themes of local SDGs.
"""

from django.db import migrations

FIELDS = [
    "地域経営・事業計画",
    "地域ブランディング・観光",
    "官民連携・合意形成",
    "再生可能エネルギー",
    "省エネルギー・脱炭素",
    "資源循環・廃棄物",
    "自然環境・生物多様性",
    "農林水産業",
    "交通・まちづくり",
    "防災・減災",
    "金融・資金調達",
    "情報技術（AI・IoT等）",
    "人材育成・環境教育",
    "福祉・健康",
]

MINISTRIES = [
    "内閣官房",
    "内閣府",
    "デジタル庁",
    "復興庁",
    "総務省",
    "財務省",
    "文部科学省",
    "文化庁",
    "厚生労働省",
    "農林水産省",
    "林野庁",
    "水産庁",
    "経済産業省",
    "資源エネルギー庁",
    "中小企業庁",
    "国土交通省",
    "観光庁",
    "環境省",
    "金融庁",
    "消費者庁",
    "こども家庭庁",
]


def load(apps, schema_editor):
    SupportField = apps.get_model("support", "SupportField")
    Ministry = apps.get_model("support", "Ministry")
    for order, name in enumerate(FIELDS, start=1):
        SupportField.objects.update_or_create(name=name, defaults={"order": order * 10})
    for order, name in enumerate(MINISTRIES, start=1):
        Ministry.objects.update_or_create(name=name, defaults={"order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("support", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
