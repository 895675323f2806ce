"""Case studies written for the demo: real municipality names, fictional activities and figures.

Every title ends in （デモ） and every text opens with a note that the case is fictional.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

FICTION_NOTE = (
    "**この事例はデモ用に作成した架空のものです。** "
    "実在の自治体名を使っていますが、取組の内容・数値・関係者は架空です。\n\n"
)
FICTION_SOURCE = "デモ用の架空の事例（出典はありません）"


@dataclass(frozen=True)
class DemoCase:
    slug: str
    title: str
    summary: str
    municipalities: list[str]
    themes: list[str]
    resources: list[str]
    goals: list[int]
    background: str
    actions: str
    outcomes: list[tuple[str, Decimal, str, str]]
    outcomes_note: str = ""
    funding: str = ""
    stakeholders: str = ""
    region_label: str = ""
    registration: str = ""  # the name of the demo region registration to link, when it exists


D = Decimal

DEMO_CASES = [
    DemoCase(
        slug="demo-iida-citizen-solar",
        title="公共施設の屋根を使った市民出資の太陽光発電（デモ）",
        summary="市の公共施設の屋根を地域の事業者に貸し、市民出資で太陽光発電を広げた架空の事例です。売電収益の一部を地域の環境学習に還元しています。",
        municipalities=["長野県飯田市"],
        themes=["renewable-energy", "finance", "partnership"],
        resources=["energy", "people"],
        goals=[7, 11, 13, 17],
        background="日照時間に恵まれている一方、エネルギー代金の多くが地域の外に流れていました。公共施設の屋根は活用されていませんでした。",
        actions=(
            "- 市が公共施設の屋根を20年間、地域のエネルギー会社に貸し出す仕組みをつくりました。\n"
            "- 地域のエネルギー会社が市民ファンドで出資を募り、発電設備を設置しました。\n"
            "- 売電収益の一部を小中学校の環境学習に充てています。"
        ),
        outcomes=[
            ("発電設備を設置した公共施設", D(38), "施設", ""),
            ("発電容量の合計", D(1250), "kW", ""),
            ("市民ファンドの出資者", D(612), "人", ""),
            ("CO2削減量", D(680), "t-CO2/年", "デモ用の試算"),
        ],
        funding="市民ファンドによる出資、地域金融機関の融資。市の負担は屋根の貸出しのみです（デモ）。",
        stakeholders="市、地域のエネルギー会社、地域金融機関、小中学校（いずれもデモ）",
        registration="南信州 地域循環共生圏（デモ）",
    ),
    DemoCase(
        slug="demo-shimokawa-biomass-heat",
        title="木質バイオマスボイラーによる地域熱供給（デモ）",
        summary="町の森林から出る間伐材をチップにし、木質バイオマスボイラーで公共施設に熱を供給する架空の事例です。灯油代として町外に出ていたお金が町内の林業に回るようになりました。",
        municipalities=["北海道下川町"],
        themes=["forest-management", "renewable-energy", "decarbonisation"],
        resources=["forest", "energy"],
        goals=[7, 8, 13, 15],
        background="冬の暖房に多くの灯油を使い、燃料代が町の外に流れていました。間伐材の多くは使われずに林内に残されていました。",
        actions=(
            "## 熱供給のしくみ\n"
            "- 町内の製材所と協力して、間伐材や端材を燃料用のチップにしました。\n"
            "- 役場、学校、福祉施設など11施設に、地域熱供給の配管を整備しました。\n"
            "- チップの買取価格を定め、森林所有者に毎年支払っています。"
        ),
        outcomes=[
            ("熱を供給する公共施設", D(11), "施設", ""),
            ("木質チップの使用量", D(2400), "t/年", ""),
            ("灯油の削減量", D(850), "kL/年", ""),
            ("CO2削減量", D(2100), "t-CO2/年", "デモ用の試算"),
        ],
        funding="国の補助金と過疎対策事業債。燃料費の削減分の一部を基金に積み立て、ボイラーの更新に充てます（デモ）。",
        stakeholders="町、森林組合、町内の製材所（いずれもデモ）",
        registration="森林未来都市しもかわ（デモ）",
    ),
    DemoCase(
        slug="demo-aya-organic-ecotourism",
        title="照葉樹林を守る有機農業とエコツーリズム（デモ）",
        summary="照葉樹林の保全と有機農業を結びつけ、自然観察と農業体験のツアーで交流人口を増やした架空の事例です。",
        municipalities=["宮崎県綾町"],
        themes=["agriculture-food", "biodiversity", "regional-brand"],
        resources=["forest", "food", "tourism", "landscape"],
        goals=[2, 12, 15],
        background="農家の高齢化と後継者不足が進み、照葉樹林の周りの農地の荒廃が心配されていました。",
        actions=(
            "- 町内の農家が有機農業の認証を取るための研修と費用の助成を行いました。\n"
            "- 照葉樹林の自然観察と農業体験を組み合わせたツアーを、観光協会と農家が共同で運営しています。\n"
            "- ツアー参加者に農産物の定期便を案内し、町外の消費者とのつながりを保っています。"
        ),
        outcomes=[
            ("有機農業の認証を取った農家", D(64), "戸", ""),
            ("ツアーの参加者", D(5800), "人/年", ""),
            ("農産物の定期便の契約者", D(1320), "件", ""),
        ],
        funding="ツアーの参加費、農産物の販売収入、町の助成（デモ）。",
        stakeholders="町、観光協会、有機農業の生産者グループ（いずれもデモ）",
    ),
    DemoCase(
        slug="demo-shiwa-compost",
        title="生ごみと落ち葉の堆肥化で回す地域の食（デモ）",
        summary="家庭の生ごみと公園の落ち葉を堆肥にして地元の農家が使い、その野菜を学校給食に出す架空の事例です。ごみの処理費も減りました。",
        municipalities=["岩手県紫波町"],
        themes=["resource-circulation", "agriculture-food"],
        resources=["circular", "food", "agriculture"],
        goals=[2, 4, 12],
        background="燃えるごみの4割近くを生ごみが占め、処理費が増え続けていました。",
        actions=(
            "1. 家庭の生ごみを分別して収集する地区を、3年かけて町全体に広げました。\n"
            "2. 堆肥センターで生ごみと公園の落ち葉・剪定枝を堆肥にしています。\n"
            "3. 堆肥を使って育てた野菜を、学校給食センターが優先して買い取ります。"
        ),
        outcomes=[
            ("堆肥にした生ごみ", D(420), "t/年", ""),
            ("ごみ処理費の削減額", D(18), "百万円/年", ""),
            ("堆肥を使う農家", D(120), "戸", ""),
            ("学校給食の地場産野菜の割合", D("46.5"), "%", "重量ベース"),
        ],
        funding="町の一般財源と、ごみ処理費の削減分（デモ）。",
    ),
    DemoCase(
        slug="demo-yusuhara-hydro-forest",
        title="小水力発電と森林認証材で稼ぐ山の町（デモ）",
        summary="農業用水路の落差を使った小水力発電と、森林認証を取った木材の販売で、山の資源から収入を生み出した架空の事例です。",
        municipalities=["高知県梼原町"],
        themes=["renewable-energy", "forest-management"],
        resources=["water", "forest", "energy"],
        goals=[7, 8, 15],
        background="町の面積の9割を森林が占める一方、木材価格の低迷で森林の手入れが進んでいませんでした。",
        actions=(
            "- 農業用水路に小水力発電所を2か所設け、売電収益を森林整備に充てています。\n"
            "- 町有林と私有林の一部で森林認証を取り、認証材として都市部の工務店に販売しています。"
        ),
        outcomes=[
            ("小水力発電の出力", D(95), "kW", "2か所の合計"),
            ("森林認証の面積", D(3200), "ha", ""),
            ("認証材の出荷量", D(4100), "m3/年", ""),
        ],
        funding="売電収益、認証材の販売収入、国と県の補助金（デモ）。",
        stakeholders="町、森林組合、土地改良区、都市部の工務店（いずれもデモ）",
    ),
    DemoCase(
        slug="demo-higashimatsushima-microgrid",
        title="災害に強い地域マイクログリッド（デモ）",
        summary="太陽光発電と蓄電池を自営線でつなぎ、停電しても地区の避難所や病院に電気を送れるようにした架空の事例です。",
        municipalities=["宮城県東松島市"],
        themes=["disaster-resilience", "renewable-energy"],
        resources=["energy"],
        goals=[7, 11, 13],
        background="大きな災害で長い停電を経験し、避難所や医療機関の電源の確保が課題になっていました。",
        actions=(
            "- 太陽光発電、蓄電池、非常用発電機を自営線でつなぐマイクログリッドを整備しました。\n"
            "- 平常時は地域の需要に合わせて充放電し、電気代を下げています。\n"
            "- 需給のシミュレーションを毎年行い、停電が3日続いても避難所に電気を送れることを確かめています。"
        ),
        outcomes=[
            ("太陽光発電の容量", D(460), "kW", ""),
            ("蓄電池の容量", D(480), "kWh", ""),
            ("停電時に電気を送れる日数", D(3), "日", "需給シミュレーションによる"),
        ],
        funding="国の補助金、地域の電力会社との共同出資（デモ）。",
    ),
    DemoCase(
        slug="demo-sado-coastal-circulation",
        title="島の資源循環：廃食用油と海岸漂着ごみの回収（デモ）",
        summary="家庭と旅館の廃食用油を集めて燃料にし、海岸漂着ごみの回収と分別を住民と観光客が一緒に行う架空の事例です。",
        municipalities=["新潟県佐渡市"],
        themes=["resource-circulation", "biodiversity"],
        resources=["sea", "circular", "tourism"],
        goals=[12, 14, 17],
        background="島外に運び出すごみの輸送費がかさみ、海岸には漂着ごみが増えていました。",
        actions=(
            "- スーパーと公民館に廃食用油の回収拠点を置き、集めた油を燃料にして市の公用車で使っています。\n"
            "- 海岸清掃に観光客が参加できるツアーをつくり、回収したごみを分別して再資源化しています。"
        ),
        outcomes=[
            ("回収した廃食用油", D(52), "kL/年", ""),
            ("回収した海岸漂着ごみ", D(36), "t/年", ""),
            ("清掃に参加した人", D(1900), "人/年", "観光客を含む"),
        ],
        funding="市の委託事業と企業の協賛金（デモ）。",
    ),
    DemoCase(
        slug="demo-osaka-totsukawa-forest",
        title="都市と山村をつなぐ森づくりとカーボン・オフセット（デモ）",
        summary="大阪市の企業と市民が奈良県十津川村の森の手入れに参加し、間伐によるCO2吸収量を買い取る架空の事例です。府県をまたぐ広域連携の例として作成しました。",
        municipalities=["大阪府大阪市", "奈良県十津川村"],
        region_label="大阪市と十津川村",
        themes=["wide-area", "forest-management", "finance"],
        resources=["forest", "people"],
        goals=[13, 15, 17],
        background="村では森林の手入れの担い手が足りず、都市の企業は脱炭素の取組を地域と一緒に進める相手を探していました。",
        actions=(
            "- 都市の企業が村の森林整備に協賛し、社員と家族が間伐体験に参加しています。\n"
            "- 間伐によるCO2吸収量をクレジットにして、協賛企業が買い取ります。\n"
            "- 村の木材を使った家具を、協賛企業の事務所で使っています。"
        ),
        outcomes=[
            ("間伐した森林", D(85), "ha", ""),
            ("協賛した企業", D(24), "社", ""),
            ("参加した都市住民", D(650), "人", ""),
        ],
        funding="企業の協賛金とクレジットの売却収入（デモ）。",
    ),
    DemoCase(
        slug="demo-minamioguni-geothermal-tourism",
        title="温泉熱と地域の宿で進める脱炭素の観光（デモ）",
        summary="温泉の余った熱を旅館の給湯と暖房に使い、地元の食材を出す宿泊プランで脱炭素の観光地づくりを進める架空の事例です。",
        municipalities=["熊本県南小国町"],
        themes=["decarbonisation", "regional-brand"],
        resources=["energy", "tourism", "food"],
        goals=[7, 8, 12],
        background="旅館の燃料費が経営を圧迫し、観光客からは環境への配慮を求める声が増えていました。",
        actions=(
            "- 温泉の熱交換器を旅館組合で共同購入し、重油ボイラーの使用を減らしました。\n"
            "- 地元の食材を使い、移動は地域の電動バスでする宿泊プランを売り出しています。"
        ),
        outcomes=[
            ("熱交換器を入れた旅館", D(17), "軒", ""),
            ("重油の削減量", D(310), "kL/年", ""),
            ("宿泊プランの利用者", D(7400), "人/年", ""),
        ],
        funding="旅館組合の共同出資と地域金融機関の融資（デモ）。",
    ),
    DemoCase(
        slug="demo-uchiko-regional-trading",
        title="町並みと農村景観をいかした地域商社（デモ）",
        summary="古い町並みと農村の景観を観光にいかし、農産物と加工品を全国に売る地域商社を町と住民で立ち上げた架空の事例です。",
        municipalities=["愛媛県内子町"],
        themes=["regional-brand", "agriculture-food"],
        resources=["landscape", "culture", "food"],
        goals=[8, 11, 12],
        background="農産物の多くが市場に出荷されるだけで、町の名前で売られていませんでした。",
        actions=(
            "- 町、農業協同組合、商工会が出資して地域商社を設立しました。\n"
            "- 町並みの保存地区にある店舗で、地元の農産物と加工品を販売しています。\n"
            "- インターネットでの販売と、都市部の百貨店での催事を続けています。"
        ),
        outcomes=[
            ("地域商社の売上高", D(820), "百万円/年", ""),
            ("出荷に登録した農家", D(430), "戸", ""),
            ("新しく開発した加工品", D(36), "品目", ""),
        ],
        funding="町・農業協同組合・商工会の出資と、地域金融機関の融資（デモ）。",
    ),
]
