"""The Ministry of the Environment's regional hubs and their areas, as the secretariat starts with them.

Sources (public facts): the Ministry's list of 地方環境事務所 (env.go.jp/region/) and each EPO's own page
(EPO中部「中部7県」, 関東EPO「1都9県」, EPOちゅうごく, 四国EPO, EPO九州 …).

Simplifications, kept on purpose:
- Areas are whole prefectures. National parks that one office manages across a border (e.g. 日光国立公園 in
  福島県, managed by 関東) are not areas of the platform's support work and are left out.
- 福島県 is in the area of 東北地方環境事務所. The 福島地方環境事務所 handles the radioactive-contamination work
  (除染・中間貯蔵) only, so it is not a hub of the Local SDGs platform.
- 中国四国地方環境事務所 covers both 中国 and 四国 (its 四国事務所 in 高松 is part of it).
- Each EPO's area is the area of the regional office it is run with; EPOちゅうごく and 四国EPO split
  中国四国. EPO九州's area includes 沖縄県 as the 九州地方環境事務所's does.
Everything stays editable in the admin.
"""

from django.db import migrations

TOHOKU = ["青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県"]
KANTO = ["茨城県", "栃木県", "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "山梨県", "静岡県"]
CHUBU = ["富山県", "石川県", "福井県", "長野県", "岐阜県", "愛知県", "三重県"]
KINKI = ["滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県"]
CHUGOKU = ["鳥取県", "島根県", "岡山県", "広島県", "山口県"]
SHIKOKU = ["徳島県", "香川県", "愛媛県", "高知県"]
KYUSHU = ["福岡県", "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県"]

# slug, kind, name, location, website, prefectures
HUBS = [
    ("hokkaido-office", "regional_office", "北海道地方環境事務所", "北海道札幌市", "https://hokkaido.env.go.jp/", ["北海道"]),
    ("tohoku-office", "regional_office", "東北地方環境事務所", "宮城県仙台市", "https://tohoku.env.go.jp/", TOHOKU),
    ("kanto-office", "regional_office", "関東地方環境事務所", "埼玉県さいたま市", "https://kanto.env.go.jp/", KANTO),
    ("chubu-office", "regional_office", "中部地方環境事務所", "愛知県名古屋市", "https://chubu.env.go.jp/", CHUBU),
    ("kinki-office", "regional_office", "近畿地方環境事務所", "大阪府大阪市", "https://kinki.env.go.jp/", KINKI),
    (
        "chushikoku-office",
        "regional_office",
        "中国四国地方環境事務所",
        "岡山県岡山市",
        "https://chushikoku.env.go.jp/",
        CHUGOKU + SHIKOKU,
    ),
    ("kyushu-office", "regional_office", "九州地方環境事務所", "熊本県熊本市", "https://kyushu.env.go.jp/", KYUSHU),
    ("epo-hokkaido", "epo", "北海道環境パートナーシップオフィス（EPO北海道）", "北海道札幌市", "", ["北海道"]),
    ("epo-tohoku", "epo", "東北環境パートナーシップオフィス（EPO東北）", "宮城県仙台市", "", TOHOKU),
    ("epo-kanto", "epo", "関東地方環境パートナーシップオフィス（関東EPO）", "東京都渋谷区", "https://www.geoc.jp/kanto_epo", KANTO),
    ("epo-chubu", "epo", "中部環境パートナーシップオフィス（EPO中部）", "愛知県名古屋市", "https://www.epo-chubu.jp/", CHUBU),
    ("epo-kinki", "epo", "近畿環境パートナーシップオフィス（きんき環境館）", "大阪府大阪市", "", KINKI),
    ("epo-chugoku", "epo", "中国環境パートナーシップオフィス（EPOちゅうごく）", "広島県広島市", "https://epo-cg.jp/", CHUGOKU),
    ("epo-shikoku", "epo", "四国環境パートナーシップオフィス（四国EPO）", "香川県高松市", "https://4epo.jp/", SHIKOKU),
    ("epo-kyushu", "epo", "九州地方環境パートナーシップオフィス（EPO九州）", "熊本県熊本市", "https://epo-kyushu.jp/", KYUSHU),
]


def load(apps, schema_editor):
    Hub = apps.get_model("hubs", "Hub")
    Municipality = apps.get_model("municipalities", "Municipality")
    prefectures = {m.name: m for m in Municipality.objects.filter(kind="prefecture")}
    if not prefectures:  # an empty master (a test database before its reference data): nothing to attach
        return
    for order, (slug, kind, name, location, website, area) in enumerate(HUBS, start=1):
        hub, _ = Hub.objects.update_or_create(
            slug=slug, defaults={"kind": kind, "name": name, "location": location, "website": website, "order": order}
        )
        hub.prefectures.set([prefectures[p] for p in area])


def unload(apps, schema_editor):
    apps.get_model("hubs", "Hub").objects.filter(slug__in=[h[0] for h in HUBS]).delete()


class Migration(migrations.Migration):
    dependencies = [("hubs", "0001_initial"), ("municipalities", "0002_load_official_codes")]
    operations = [migrations.RunPython(load, unload)]
