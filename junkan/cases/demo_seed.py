"""Demo content taken from seed 000 (環境省「地域循環共生圏づくりプラットフォーム事業」).

The four examples of concepts become case pages; the guides' bodies are in ``demo_guides/*.md``.
They say only what the seed says: quotations, or close paraphrases of it, and no figure the seed
does not give. ``{cases:slug}`` and ``{registry:companies}`` in the guides are replaced with
addresses when the demo is loaded.
"""

from __future__ import annotations

from pathlib import Path

GUIDES_DIR = Path(__file__).resolve().parent / "demo_guides"

SEED_SOURCE = (
    "環境省「環境で地方を元気にする地域循環共生圏づくりプラットフォーム事業費」令和3年度予算（案）の事業概要資料"
    "（地域コンソーシアムの設置・運営と構想の具体化の支援「構想の事例」）"
)

SEED_NOTE = (
    "この資料に書かれているのは上の一文です。取組の詳しい内容、成果の数値、資金の内訳は資料に記載がないため、"
    "このページにも掲載していません。"
)


def seed_actions(line: str) -> str:
    return (
        "環境省の地域循環共生圏づくりプラットフォーム事業の資料では、地域コンソーシアムの設置・運営と"
        "構想の具体化を支援する取組の中で、「構想の事例」として次のように紹介されています。\n\n"
        f"> {line}\n\n{SEED_NOTE}"
    )


# slug, title, summary, region label, municipality full names, themes, resources, seed line
SEED_CASES = [
    (
        "yoshinogawa-basin",
        "徳島県吉野川流域の構想",
        "コウノトリを中心とした地域ブランド商品の販売や自然環境整備。環境省の資料に「構想の事例」として挙げられています。",
        "徳島県吉野川流域",
        ["徳島県"],
        ["regional-brand", "biodiversity"],
        [],
        "徳島県吉野川流域：コウノトリを中心とした地域ブランド商品の販売や自然環境整備",
    ),
    (
        "odawara",
        "神奈川県小田原市の構想",
        "企業、大学、金融機関等の多様なステークホルダーとの協働による森里川海資源の活用。"
        "環境省の資料に「構想の事例」として挙げられています。",
        "",
        ["神奈川県小田原市"],
        ["partnership"],
        ["forest", "agriculture", "water", "sea"],
        "神奈川県小田原市：企業、大学、金融機関等の多様なステークホルダーとの協働による森里川海資源の活用",
    ),
    (
        "maniwa",
        "岡山県真庭市の構想",
        "エネルギーと食による里地里山里海保全の実現。環境省の資料に「構想の事例」として挙げられています。",
        "",
        ["岡山県真庭市"],
        ["biodiversity", "agriculture-food"],
        ["energy", "food", "agriculture"],
        "岡山県真庭市：エネルギーと食による里地里山里海保全の実現",
    ),
    (
        "kita-iwate",
        "北岩手9市町村の構想",
        "都市と地方でエネルギー、自然資源、人や資金を補完し、循環する仕組みづくり。"
        "環境省の資料に「構想の事例」として挙げられています。",
        "北岩手9市町村",
        ["岩手県"],
        ["wide-area"],
        ["energy", "people"],
        "北岩手9市町村：都市と地方でエネルギー、自然資源、人や資金を補完し、循環する仕組みづくり",
    ),
]


# slug, title, summary, category, order; the body is demo_guides/<slug>.md
GUIDES = [
    (
        "what-is-local-sdgs",
        "地域循環共生圏（ローカルSDGs）とは",
        "地域資源を最大限いかして自立・分散型の社会をつくり、地域どうしが支え合う「地域循環共生圏」の考え方と、"
        "プラットフォームの5つの機能を紹介します。",
        "basics",
        1,
    ),
    (
        "concept-backcasting",
        "構想のつくり方：ありたい未来とバック・キャスティング",
        "コンセプトシート（ありたい未来）を描き、バック・キャスティングで構想をつくる進め方を、"
        "従来のアプローチと比べながら説明します。構想を見直す観点も載せています。",
        "concept",
        2,
    ),
    (
        "local-sdgs-business",
        "ローカルSDGsビジネスの3つの条件",
        "環境省の資料が示すローカルSDGsビジネスの定義（3つの条件）と、地域と企業の協業で目指すもの、企業等登録制度を紹介します。",
        "business",
        3,
    ),
    (
        "regional-platform",
        "地域プラットフォームの運営",
        "地域コンソーシアムの設置・運営のしかた、地域コーディネーターの役割、支援チームによる支援の内容をまとめました。",
        "platform",
        4,
    ),
    (
        "platform-support",
        "地域循環共生圏づくりを支える仕組み",
        "地域ビジネスづくり支援、地域金融機関とのネットワーク、ESG金融、関係省庁との連携など、"
        "プラットフォームが用意する支援を紹介します。",
        "support",
        5,
    ),
]


def guide_body(slug: str) -> str:
    """The demo guide's text (Markdown-like, see ``junkan.cases.markup``)."""
    return (GUIDES_DIR / f"{slug}.md").read_text(encoding="utf-8")
