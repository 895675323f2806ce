# ruff: noqa: E501  (the judged set is data: one region or solution per few lines)
"""The judged set: 24 regions × 50 solutions written for the evaluation, and the rules that grade them.

Every region and solution is written here in plain words, as a municipal officer or a company would
write them, not in the engine's thesaurus terms. Beside the words, each carries *facets* (short
English keys) that a regional coordinator would note after reading it: what the region has, what
troubles it, what a solution works with, what it needs to exist at all (a coast, a hot spring,
livestock) and what problem it answers. The engine never sees the facets; ``grade`` turns them into
0–3 by the written rules below (see README.md, 「評価」):

1. A solution that needs something the region does not have (海 for an inland town, 温泉熱 without a
   hot spring, 家畜ふん尿 without livestock) is 0, whatever else matches (hard negatives).
2. Resources and challenges first: 3 when it works with one of the region's resources *and* answers one
   of its challenges; 2 when it does one of the two; 1 when it is only of the same family (an energy
   solution for a region whose energy resource is another one); else 0.
3. Geography next: offered where the region is (全国 or its prefecture) keeps the grade; in the same
   regional block, one grade less; farther, two grades less (never below 0).
4. SDG overlap alone is not a reason: goals are not used in grading.

Regions 1–12 are the tuning part, 13–24 the held-out part.
"""

from __future__ import annotations

from dataclasses import dataclass

FAMILY = {
    "forest": "forest", "woodbiomass": "forest",
    "solar": "energy", "wind": "energy", "smallhydro": "energy", "geothermal": "energy", "hotspring": "tourism",
    "manure": "waste", "foodwaste": "waste", "sewage": "waste", "plastic": "waste", "marinelitter": "sea",
    "sea": "sea", "fishery": "sea", "seaweed": "sea", "island": "sea",
    "farmland": "agri", "rice": "agri", "fruit": "agri", "livestock": "agri", "organic": "agri",
    "vacanthouse": "community", "tourism": "tourism", "culture": "tourism", "snow": "climate", "ski": "tourism",
    "water": "water", "biodiversity": "nature",
}  # fmt: skip


@dataclass(frozen=True)
class JRegion:
    key: str
    name: str
    municipalities: tuple[str, ...]
    prefecture: str
    resources: tuple[str, ...]
    challenges: tuple[str, ...]
    text: str
    sdgs: tuple[int, ...]
    has: frozenset[str]
    problems: frozenset[str]


@dataclass(frozen=True)
class JSolution:
    key: str
    title: str
    text: str
    fields: tuple[str, ...]
    uses_resources: tuple[str, ...]
    sdgs: tuple[int, ...]
    served: tuple[str, ...]
    uses: frozenset[str]
    needs: frozenset[str]  # any one of these must be in the region's facets
    solves: frozenset[str]


def R(key, name, code, pref, resources, challenges, text, sdgs, has, problems):  # type: ignore[no-untyped-def]
    return JRegion(key, name, (code,), pref, tuple(resources), tuple(challenges), text, tuple(sdgs),
                   frozenset(has.split()), frozenset(problems.split()))  # fmt: skip


def S(key, title, text, fields, resources, sdgs, served, uses, needs, solves):  # type: ignore[no-untyped-def]
    return JSolution(key, title, text, tuple(fields), tuple(resources), tuple(sdgs), tuple(served),
                     frozenset(uses.split()), frozenset(needs.split()), frozenset(solves.split()))  # fmt: skip


REGIONS: tuple[JRegion, ...] = (
    R("r01", "森と暮らす北の町", "014681", "北海道", ["山林", "製材の端材"],
      ["灯油や重油の購入で町のお金が外に出ていく", "若い働き手が町を離れる"],
      "町の大部分が森で、伐って植えて育てる林業を続けてきた。冬は長く、暖房の燃料代が重い。", [7, 15, 8],
      "forest woodbiomass snow", "energy_outflow depop"),
    R("r02", "酪農と畑作の十勝の町", "016349", "北海道", ["乳牛のふん尿", "小麦・てん菜の畑"],
      ["ふん尿の処理とにおい", "電気も燃料もほぼ町外から買っている"],
      "牛の頭数が人口を大きく上回る酪農地帯。畑作との輪作も盛ん。", [2, 7, 12],
      "livestock manure farmland", "waste_cost energy_outflow"),
    R("r03", "風と牛乳の高原の町", "033022", "岩手県", ["山の上の強い風", "放牧地"],
      ["人が減り続けている", "牧場を継ぐ人がいない"],
      "標高の高い高原に牧場が広がり、風車も回る。町の面積の多くは山。", [7, 8, 11],
      "wind livestock manure forest", "depop successor"),
    R("r04", "湯けむりの出る雪国の市", "052078", "秋田県", ["地下の熱水", "湯治場"],
      ["温泉街を訪れる人が減った", "雪かきが高齢者の負担"],
      "山あいに源泉が点在し、蒸気が噴き出す地域もある。冬は豪雪。", [7, 8, 11],
      "geothermal hotspring snow tourism", "tourism_decline aging"),
    R("r05", "海と山の港町", "046060", "宮城県", ["カキやワカメの養殖", "杉の山"],
      ["津波からの復興と備え", "漁師の後継ぎ不足"],
      "リアス式の入り江で養殖が盛ん。背後には杉の人工林。", [14, 11, 13],
      "sea fishery seaweed forest", "disaster successor"),
    R("r06", "水源の山あいの温泉町", "104493", "群馬県", ["水量の多い渓流", "温泉街", "スキー場"],
      ["閉じた旅館が目立つ", "二酸化炭素を減らしたい"],
      "利根川の源流にあり、雪と水に恵まれる。海からは遠い。", [6, 7, 15],
      "water smallhydro hotspring tourism snow ski biodiversity", "vacanthouse decarbon tourism_decline"),
    R("r07", "日照に恵まれた南信州の市", "202053", "長野県", ["長い日照時間", "りんごや干し柿の果樹園"],
      ["電気を自分たちでまかないたい", "中山間の集落の高齢化"],
      "市民出資の発電所の先駆けの地。果樹と干し柿が特産。", [7, 11, 17],
      "solar fruit farmland", "energy_outflow aging"),
    R("r08", "清流の郡上の里", "212199", "岐阜県", ["農業用水路の落差", "清らかな川"],
      ["山あいの集落が続いていけるか", "シカやイノシシに作物を荒らされる"],
      "水路に流れる豊富な水と、山に囲まれた集落。", [6, 7, 15],
      "smallhydro water farmland forest", "depop wildlife"),
    R("r09", "有機の米と海のまち", "122386", "千葉県", ["農薬を使わない米", "近くの漁港"],
      ["給食の食材を地元のものにしたい", "耕す人がいなくなった田んぼ"],
      "外房の海に近い里山で、有機稲作が広がっている。", [2, 4, 12],
      "rice farmland organic sea fishery", "food_education abandoned_farm"),
    R("r10", "森里川海のつながる城下町", "142069", "神奈川県", ["箱根外輪山の森", "相模湾の魚"],
      ["地域でつくった電気を地域で使いたい", "中心市街地の空き店舗"],
      "山から海までがひとつの流域にまとまった市。", [7, 11, 14],
      "forest sea fishery water", "energy_outflow vacanthouse"),
    R("r11", "半島の先の里山里海", "172057", "石川県", ["揚げ浜式の塩田", "棚田"],
      ["浜に流れ着くごみ", "高齢者が多く人が減っている"],
      "三方を海に囲まれた半島の先。世界農業遺産の里山里海。", [14, 11, 2],
      "sea farmland culture", "marine_litter aging depop"),
    R("r12", "東三河の工業と農業の市", "232017", "愛知県", ["下水処理場の汚泥", "家庭の生ごみ"],
      ["ごみ処理費用がかさむ", "温室効果ガスを減らしたい"],
      "施設園芸が盛んで、下水処理場も大きい。", [6, 11, 12],
      "sewage foodwaste farmland", "waste_cost decarbon"),
    R("r13", "湖と山の西近江の市", "252123", "滋賀県", ["琵琶湖の水辺", "山の木"],
      ["手入れされない人工林", "夏以外に観光客が来ない"],
      "湖岸から山まで、水と森の市。海はない。", [6, 15, 8],
      "water forest tourism", "forest_neglect tourism_decline"),
    R("r14", "紀伊山地の奥の村", "294497", "奈良県", ["村の大半を占める森", "源泉かけ流しの湯"],
      ["バスが減って通院や買い物に困る", "お年寄りばかりになった"],
      "日本でいちばん広い村。深い谷と吊り橋。", [3, 11, 15],
      "forest hotspring tourism", "transport aging"),
    R("r15", "コウノトリの舞う但馬の市", "282090", "兵庫県", ["生きものを育む田んぼ", "外湯めぐりの温泉"],
      ["環境にやさしい米づくりを続ける人が足りない", "観光と自然保護の両立"],
      "野生復帰したコウノトリと、温泉街と、日本海の海岸。", [2, 15, 8],
      "rice farmland biodiversity hotspring tourism sea", "successor tourism_decline"),
    R("r16", "製材のまちの高原", "332143", "岡山県", ["製材所から出る木くず", "ヒノキの山"],
      ["生ごみを燃やして処理している", "エネルギーも地元でまかないたい"],
      "中国山地の木材の集散地。", [7, 12, 15],
      "forest woodbiomass foodwaste", "waste_cost energy_outflow"),
    R("r17", "日本海の離島の町", "325252", "島根県", ["岩がきや白いか", "島の暮らし"],
      ["本土から運ぶ燃料が高い", "若い人に住み続けてほしい"],
      "本土からフェリーで数時間の島。", [14, 7, 11],
      "sea fishery island", "energy_outflow migration"),
    R("r18", "彩りの葉と山の町", "363022", "徳島県", ["料理に添える葉っぱ", "スギの山"],
      ["ごみを出さない暮らしをさらに進めたい", "集落の高齢化"],
      "ゼロ・ウェイストを宣言した山あいの町。", [12, 5, 15],
      "forest farmland", "waste_cost aging"),
    R("r19", "雲の上の町", "394050", "高知県", ["尾根の風", "町を覆う森", "谷川の水"],
      ["木を切る人が足りない", "人口の減少"],
      "四国山地の山あいで、風車と森林の町。", [7, 15, 8],
      "wind forest smallhydro water", "successor depop"),
    R("r20", "水路がめぐる筑後平野の町", "405221", "福岡県", ["し尿や生ごみ", "クリーク"],
      ["燃やすごみをもっと減らしたい", "化学肥料に頼らない農業"],
      "町じゅうに水路が張りめぐらされた平野の町。", [12, 2, 6],
      "foodwaste sewage farmland water", "waste_cost organic_shift"),
    R("r21", "阿蘇の外輪山の町", "434248", "熊本県", ["噴気の上がる地熱", "小国杉"],
      ["温泉地のにぎわいを取り戻したい", "木材の値段が安い"],
      "地熱発電所があり、杉の美林に囲まれた温泉の町。", [7, 8, 15],
      "geothermal hotspring forest tourism", "tourism_decline jobs"),
    R("r22", "リサイクル日本一の町", "464686", "鹿児島県", ["焼酎かすや家畜のふん", "志布志湾"],
      ["資源化の割合をさらに上げたい", "埋立処分場を長く使いたい"],
      "分別を徹底し、埋立ごみを大幅に減らしてきた。畜産も盛ん。", [12, 11, 14],
      "manure foodwaste livestock sea", "waste_cost"),
    R("r23", "サンゴ礁の島の市", "472140", "沖縄県", ["強い日差しと風", "サンゴ礁の海"],
      ["島の電気を輸入燃料に頼っている", "飲み水になる地下水を守りたい", "浜に打ち上がるプラスチック"],
      "川がなく、水は地下水に頼る島。", [7, 6, 14],
      "solar wind sea island", "energy_outflow water marine_litter"),
    R("r24", "和紙と有機農業の里", "113433", "埼玉県", ["有機栽培の畑", "手すき和紙"],
      ["市民がお金を出し合う発電所をつくりたい", "空き家が増えている"],
      "都心から近い盆地の町。海のない県。", [7, 12, 11],
      "farmland organic culture", "energy_outflow vacanthouse"),
)  # fmt: skip

SOLUTIONS: tuple[JSolution, ...] = (
    S("s01", "木のチップで公共施設を暖める", "役場や学校、温浴施設の暖房を、地元の山の木を砕いたチップで焚く設備に切り替えます。燃料の調達の仕組みまでつくります。",
      ["熱利用"], ["山の木"], [7, 13], ["北海道", "東北"], "forest woodbiomass", "forest woodbiomass", "energy_outflow decarbon"),
    S("s02", "薪のある暮らしを広げる", "薪ストーブと薪の共同生産の拠点づくり。住民が山の手入れで出た木を割って使います。",
      ["暮らし"], ["薪"], [7, 15], ["全国"], "forest woodbiomass", "forest", "energy_outflow forest_neglect"),
    S("s03", "空からの測量で山の手入れを請け負う", "航空レーザで森の境界と木の量を調べ、所有者に代わって間伐を進めます。",
      ["林業"], [], [15], ["近畿", "中国"], "forest", "forest", "forest_neglect successor"),
    S("s04", "林業で働きたい人の研修", "未経験の若者や移住者に、伐採と造林の技術を1年かけて教え、地元の事業体に就職を仲介します。",
      ["人材"], [], [8, 4], ["全国"], "forest", "forest", "successor jobs depop"),
    S("s05", "地元の木で建てる学校と庁舎", "地域で伐った木を使う木造の公共建築の設計と施工管理。",
      ["建築"], ["木材"], [9, 11], ["中部", "近畿"], "forest", "forest", "jobs"),
    S("s06", "牛のふんから電気と熱", "牛舎から出るふん尿を発酵させてガスをつくり、発電と熱に使います。残った液は畑の肥料に。",
      ["エネルギー", "畜産"], [], [7, 2], ["北海道", "九州"], "manure livestock", "livestock manure", "waste_cost energy_outflow"),
    S("s07", "生ごみと下水の泥からガスをつくる", "家庭の生ごみと下水処理場の汚泥をまとめて発酵させ、燃やすごみと処理費を減らします。",
      ["廃棄物処理"], [], [12, 7], ["全国"], "foodwaste sewage", "foodwaste sewage", "waste_cost decarbon"),
    S("s08", "食べ残しを土に返す", "スーパーや給食の残りものを堆肥にして、有機農家に届けます。",
      ["資源循環", "農業"], [], [12, 2], ["関東", "中部"], "foodwaste farmland", "", "waste_cost organic_shift"),
    S("s09", "初期費用なしで屋根に太陽光", "公共施設や工場の屋根にパネルを無償で載せ、発電した電気を買ってもらう契約。",
      ["再エネ"], [], [7, 13], ["全国"], "solar", "", "energy_outflow decarbon"),
    S("s10", "田畑の上で発電する", "農地の上に支柱を立ててパネルを並べ、下では作物を育て続けます。荒れた農地の再生にも。",
      ["農業", "エネルギー"], ["農地"], [2, 7], ["中部", "近畿", "中国"], "solar farmland", "farmland", "abandoned_farm energy_outflow"),
    S("s11", "集落でつくる小さな水力発電所", "用水路や沢の落差で発電し、売電収入を集落の維持に使います。調査から運営まで伴走。",
      ["エネルギー"], ["水"], [7, 6], ["岐阜県", "長野県", "富山県"], "smallhydro water", "smallhydro water", "depop energy_outflow"),
    S("s12", "温泉の熱で発電する", "湯温の高い源泉の熱で沸点の低い媒体を回して発電します。湯量は減らしません。",
      ["エネルギー"], [], [7], ["九州", "東北"], "geothermal hotspring", "hotspring geothermal", "energy_outflow"),
    S("s13", "地熱の熱水でハウス栽培", "地下から湧く熱水を温室に引き、冬も野菜や花を育てます。",
      ["農業"], [], [2, 7], ["全国"], "geothermal", "geothermal", "jobs"),
    S("s14", "風車を建てる前の調査と合意づくり", "風の強さの観測、鳥への影響調査、住民説明会の運営を行います。",
      ["エネルギー"], [], [7, 13], ["東北", "北海道"], "wind", "wind", "decarbon"),
    S("s15", "島の電気を島でまかなう", "太陽光・風力と蓄電池を組み合わせ、本土からの燃料に頼らない島の電力網をつくります。",
      ["エネルギー"], [], [7, 13], ["九州・沖縄", "中国"], "solar wind island", "island", "energy_outflow disaster"),
    S("s16", "町の電力会社をつくる", "自治体が出資する小売電気事業の立ち上げ、電源の調達、需要と供給の管理を支えます。",
      ["エネルギー"], [], [7, 8], ["全国"], "", "", "energy_outflow"),
    S("s17", "役場の建物の省エネ診断", "公共施設のエネルギー使用を測り、断熱や照明・空調の更新で光熱費を下げます。",
      ["省エネ"], [], [7, 13], ["全国"], "", "", "decarbon energy_outflow"),
    S("s18", "浜のごみを拾って製品に", "海岸に打ち上がったプラスチックを回収し、素材に戻して雑貨にします。",
      ["環境"], [], [14, 12], ["全国"], "marinelitter plastic sea", "sea", "marine_litter"),
    S("s19", "海の森を取り戻す", "磯焼けした海に海藻を増やし、吸収したCO2をクレジットにして漁協の収入にします。",
      ["海"], [], [14, 13], ["全国"], "seaweed sea fishery", "sea", "decarbon successor"),
    S("s20", "漁師さんと海の体験ツアー", "定置網の見学や釣り、浜での料理を観光客向けの体験にし、漁業者の副収入にします。",
      ["観光", "漁業"], [], [14, 8], ["中国", "四国"], "fishery tourism sea", "sea", "successor tourism_decline"),
    S("s21", "カキ殻を肥料に", "養殖で出る貝殻を砕いて土壌改良材にします。",
      ["水産", "農業"], [], [14, 12], ["東北", "北海道"], "fishery", "fishery", "waste_cost"),
    S("s22", "わなの見回りを無線で", "センサー付きのわなで見回りの手間を減らし、捕れたシカ・イノシシを食肉に加工します。",
      ["鳥獣対策"], [], [15, 2], ["中部", "近畿"], "forest farmland", "", "wildlife"),
    S("s23", "使われない畑で薬草を育てる", "放置された畑で生薬の原料を契約栽培し、買い取ります。",
      ["農業"], [], [2, 8], ["全国"], "farmland", "farmland", "abandoned_farm jobs"),
    S("s24", "地元の有機米を給食に", "有機米の生産者と学校をつなぎ、給食への導入と子どもの田んぼ体験を支えます。",
      ["食", "教育"], ["米"], [2, 4], ["関東"], "rice organic farmland", "rice", "food_education"),
    S("s25", "出荷できない果物をお菓子に", "形の悪いりんごや柿を加工品にして、農家の収入にします。",
      ["食品加工"], [], [12, 8], ["中部", "東北"], "fruit", "fruit", "jobs"),
    S("s26", "空き家でお試し移住", "使われていない家を改修し、移住を考える人が数か月暮らせる住まいにします。",
      ["住まい"], [], [11], ["全国"], "vacanthouse", "", "vacanthouse migration depop"),
    S("s27", "古い家並みをまるごと宿に", "古民家を改修して町に点在する客室にし、まち歩きと食を組み合わせます。",
      ["観光"], [], [8, 11], ["近畿", "中国"], "vacanthouse culture tourism", "", "vacanthouse tourism_decline"),
    S("s28", "呼べば来る乗合タクシー", "スマートフォンや電話で予約すると、同じ方向の人を乗せて走る乗合車の運行システム。",
      ["交通"], [], [11, 3], ["全国"], "", "", "transport aging"),
    S("s29", "ゆっくり走る電動カート", "時速20km未満の電動車で、坂の多い集落や観光地の移動を支えます。",
      ["交通"], [], [11, 7], ["関東", "中部"], "tourism", "", "transport decarbon"),
    S("s30", "離れて暮らす高齢者の見守り", "センサーで安否を確かめ、オンラインで診療も受けられるようにします。",
      ["福祉"], [], [3], ["全国"], "", "", "aging"),
    S("s31", "温泉地で働く休暇", "温泉旅館にワークスペースを設け、企業の長期滞在を呼び込みます。",
      ["観光"], [], [8], ["全国"], "hotspring tourism", "hotspring", "tourism_decline migration"),
    S("s32", "冬の雪で夏を冷やす", "雪を貯蔵庫に蓄え、夏の冷房や農産物の保存に使います。",
      ["エネルギー"], [], [7, 13], ["北海道", "東北", "新潟県", "富山県"], "snow", "snow", "energy_outflow decarbon"),
    S("s33", "分別をアプリで楽に", "ごみの出し方を案内するアプリと、拠点で資源を回収する仕組み。",
      ["資源循環"], [], [12, 11], ["全国"], "", "", "waste_cost"),
    S("s34", "容器をもう一度容器に", "使用済みのプラスチック容器を回収し、再生材にして容器に戻します。",
      ["資源循環"], [], [12], ["関東", "近畿"], "plastic", "", "waste_cost"),
    S("s35", "てんぷら油で車を走らせる", "家庭や飲食店の使用済み油を集め、軽油の代わりの燃料にします。",
      ["燃料"], [], [7, 12], ["九州"], "foodwaste", "", "decarbon waste_cost"),
    S("s36", "もみ殻を燃やして暖房", "稲作で出るもみ殻を燃料にするボイラーと、灰の肥料利用。",
      ["エネルギー", "農業"], [], [7, 2], ["東北", "北海道"], "rice", "rice", "energy_outflow"),
    S("s37", "山の吸収量をクレジットに", "間伐した森のCO2吸収量を認証してもらい、企業に販売して手入れの費用に充てます。",
      ["森林"], [], [13, 15], ["全国"], "forest", "forest", "decarbon forest_neglect"),
    S("s38", "生きものと育てた米のブランド", "水田の生きものに配慮した栽培の認証と、高く売るための販路づくり。",
      ["農業"], [], [15, 2], ["近畿", "石川県", "新潟県"], "rice farmland biodiversity", "farmland", "successor jobs"),
    S("s39", "里山の自然ガイドを育てる", "地域の人が森や田んぼを案内するガイドになるための講座と、ツアーの販売。",
      ["観光", "教育"], [], [15, 4, 8], ["全国"], "forest biodiversity tourism", "", "tourism_decline jobs"),
    S("s40", "湧き水と井戸の水質を見守る", "地下水の水位と水質を常時測って公開し、保全の計画を立てます。",
      ["水"], [], [6], ["全国"], "water", "", "water"),
    S("s41", "停電しても明かりがつく避難所", "避難所に太陽光と蓄電池を置き、災害時にも電気が使えるようにします。",
      ["防災"], [], [11, 7], ["全国"], "solar", "", "disaster"),
    S("s42", "牛の世話を機械で楽に", "搾乳ロボットと餌寄せの自動化で、酪農家の作業時間を減らします。",
      ["畜産"], [], [8, 2], ["北海道", "東北"], "livestock", "livestock", "successor"),
    S("s43", "牛ふんの堆肥を粒にして遠くへ", "堆肥をペレットにして運びやすくし、耕種農家に広く届けます。",
      ["畜産"], [], [12, 2], ["九州"], "manure livestock", "livestock manure", "waste_cost organic_shift"),
    S("s44", "手仕事の品をネットで売る", "和紙や焼きものなどの工芸品の通信販売と、作り手の紹介。",
      ["販売"], [], [8], ["全国"], "culture", "culture", "jobs"),
    S("s45", "海の水を飲み水に", "小型の淡水化装置で、離島の水不足に備えます。",
      ["水"], [], [6], ["九州・沖縄"], "sea island", "sea", "water"),
    S("s46", "夏のゲレンデに人を呼ぶ", "スキー場を夏はマウンテンバイクやキャンプの場にします。",
      ["観光"], [], [8], ["中部", "関東"], "ski tourism", "ski", "tourism_decline"),
    S("s47", "下水の泥からリンを取り出す", "下水処理の汚泥からリンを回収し、肥料にします。",
      ["資源循環"], [], [12, 2], ["全国"], "sewage", "sewage", "waste_cost organic_shift"),
    S("s48", "森で心と体を整える", "森林浴の効果を測り、療法のプログラムと案内人を整えます。",
      ["健康", "観光"], [], [3, 15], ["全国"], "forest tourism", "forest", "tourism_decline health"),
    S("s49", "小学校への出前環境授業", "ごみ・エネルギー・生きものをテーマに、教員と一緒に授業をつくります。",
      ["教育"], [], [4, 13], ["全国"], "", "", "food_education"),
    S("s50", "みんなでお金を出す発電所", "市民から小口の出資を集めて太陽光発電所を建て、配当と地域の基金に回します。",
      ["金融", "エネルギー"], [], [7, 17], ["全国"], "solar", "", "energy_outflow"),
)  # fmt: skip

TUNING = frozenset(r.key for r in REGIONS[:12])
HELD_OUT = frozenset(r.key for r in REGIONS[12:])
BLOCK_OF = {
    "北海道": "北海道", "青森県": "東北", "岩手県": "東北", "宮城県": "東北", "秋田県": "東北", "山形県": "東北",
    "福島県": "東北", "茨城県": "関東", "栃木県": "関東", "群馬県": "関東", "埼玉県": "関東", "千葉県": "関東",
    "東京都": "関東", "神奈川県": "関東", "新潟県": "中部", "富山県": "中部", "石川県": "中部", "福井県": "中部",
    "山梨県": "中部", "長野県": "中部", "岐阜県": "中部", "静岡県": "中部", "愛知県": "中部", "三重県": "近畿",
    "滋賀県": "近畿", "京都府": "近畿", "大阪府": "近畿", "兵庫県": "近畿", "奈良県": "近畿", "和歌山県": "近畿",
    "鳥取県": "中国", "島根県": "中国", "岡山県": "中国", "広島県": "中国", "山口県": "中国", "徳島県": "四国",
    "香川県": "四国", "愛媛県": "四国", "高知県": "四国", "福岡県": "九州・沖縄", "佐賀県": "九州・沖縄",
    "長崎県": "九州・沖縄", "熊本県": "九州・沖縄", "大分県": "九州・沖縄", "宮崎県": "九州・沖縄",
    "鹿児島県": "九州・沖縄", "沖縄県": "九州・沖縄",
}  # fmt: skip
BLOCK_NAMES = {"北海道", "東北", "関東", "中部", "近畿", "中国", "四国", "九州・沖縄", "九州"}


def _geography(region: JRegion, solution: JSolution) -> int:
    """0 offered there, 1 same block, 2 farther."""
    served = set(solution.served)
    block = BLOCK_OF[region.prefecture]
    if "全国" in served or region.prefecture in served or block in served:
        return 0
    if block == "九州・沖縄" and "九州" in served and region.prefecture != "沖縄県":
        return 0
    if any(BLOCK_OF.get(s) == block for s in served):
        return 1
    return 2


def grade(region: JRegion, solution: JSolution) -> int:
    """The grade 0–3 by the rules in the module docstring."""
    if solution.needs and not (solution.needs & region.has):
        return 0
    resource = bool(solution.uses & region.has)
    challenge = bool(solution.solves & region.problems)
    if resource and challenge:
        value = 3
    elif resource or challenge:
        value = 2
    elif {FAMILY[u] for u in solution.uses} & {FAMILY[h] for h in region.has}:
        value = 1
    else:
        value = 0
    return max(0, value - _geography(region, solution))
