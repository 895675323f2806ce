"""Demo registrations as data: practice regions on real municipalities and fictional companies.

The municipalities are real entries of the master; everything said about them here (challenges,
concept sheets, stakeholders, people) is written for the demo and is not the municipality's own
plan. Companies, their solutions and their track records are fictional. ``demo.py`` loads this
through the registry's services.
"""

from __future__ import annotations

from dataclasses import dataclass

NOTE = "（デモ用の架空の記載です）"
APPROVED, SUBMITTED, REFUSED = "approved", "submitted", "refused"


@dataclass(frozen=True)
class Region:
    """A practice region. ``registrant`` and ``areas`` are full names from the municipality master."""

    name: str
    registrant: str
    areas: tuple[str, ...]
    resources: tuple[str, ...]
    goals: tuple[int, ...]
    note: str
    challenges: str
    future: str
    path: str
    stakeholders: str
    contact: str  # the local part of an example.jp address
    department: str = "地域循環共生圏担当"
    status: str = APPROVED
    reason: str = ""  # the secretariat's reason when refused
    organization: str = ""  # an organization of the organizations demo; by default "（デモ）" + registrant


@dataclass(frozen=True)
class SolutionSpec:
    title: str
    fields: str
    description: str
    resources: tuple[str, ...]
    goals: tuple[int, ...]
    served: tuple[str, ...]  # full names from the master (prefectures or municipalities); () = nationwide
    track_record: str = ""


@dataclass(frozen=True)
class Company:
    name: str
    kind: str  # OrganizationKind value
    address: str
    industry: str  # medium code of 日本標準産業分類
    summary: str
    contact: str
    department: str
    solutions: tuple[SolutionSpec, ...]
    status: str = APPROVED
    reason: str = ""
    existing: bool = False  # made by the organizations demo (with its owner); never created here


def stakeholders(**kinds: str) -> str:
    labels = {"gov": "行政", "biz": "企業", "fin": "金融機関", "edu": "教育・研究", "npo": "NPO・住民"}
    return "\n".join(f"{labels[key]}：{value}" for key, value in kinds.items())


REGIONS: tuple[Region, ...] = (
    # 北海道 ------------------------------------------------------------------------------------
    Region(
        name="森林未来都市しもかわ（デモ）",
        organization="北海道下川町",
        registrant="北海道下川町",
        areas=("北海道下川町",),
        resources=("forest", "energy", "culture"),
        goals=(7, 8, 15),
        note="町の面積の約9割を占める森林と、伐って植えて育てる循環型の森林経営。",
        challenges="人口減少と高齢化が進み、林業と木材加工の担い手が足りない。",
        future="循環型の森林経営で、誰もが豊かに暮らせる町。",
        path="2027年度までに木質バイオマスの熱供給を全地区に広げる。2030年度までに端材まで使い切る加工の仕組みを"
        "つくる。2050年に町内の熱と電気を森の恵みで賄う。",
        stakeholders=stakeholders(
            gov="町・北海道", biz="森林組合・製材所・熱供給事業者", fin="地元の信用金庫", npo="移住者の会"
        ),
        contact="shimokawa-demo",
        department="政策推進課 SDGs推進戦略室",
    ),
    Region(
        name="ニセコ 景観と再エネの共生圏（デモ）",
        registrant="北海道ニセコ町",
        areas=("北海道ニセコ町",),
        resources=("landscape", "tourism", "water", "energy"),
        goals=(6, 7, 11, 13),
        note="羊蹄山とニセコ連峰の景観、豊かな湧水、通年の観光客。",
        challenges="観光施設のエネルギー消費が大きく、冬の暖房を町外の化石燃料に頼っている。",
        future="景観と水を守りながら、観光と暮らしのエネルギーを町の中でつくる。",
        path="2027年までに宿泊施設の断熱改修を進める。2030年までに温泉熱と雪冷熱の利用を広げる。"
        "2040年に町内の公共施設を再生可能エネルギー100％にする。",
        stakeholders=stakeholders(
            gov="町", biz="宿泊事業者・観光協会", fin="地域金融機関", npo="景観を守る住民の会"
        ),
        contact="niseko-demo",
        department="企画環境課",
    ),
    Region(
        name="とかち 食と再エネの循環圏（デモ）",
        registrant="北海道帯広市",
        areas=("北海道帯広市", "北海道音更町", "北海道芽室町"),
        resources=("food", "agriculture", "energy", "circular"),
        goals=(2, 7, 12, 17),
        note="大規模な畑作と酪農、家畜ふん尿や規格外作物などの未利用資源。",
        challenges="家畜ふん尿の処理と臭気、農産物の多くを加工せずに域外へ出していること。",
        future="食料生産の副産物がエネルギーと肥料として地域に戻り、加工で付加価値が残る十勝。",
        path="2027年までに3市町でバイオガスプラントの共同利用を始める。2030年までに消化液の液肥利用を"
        "農家の半数に広げる。2035年に域内の食品加工施設の熱を地域の再エネで賄う。",
        stakeholders=stakeholders(
            gov="帯広市・音更町・芽室町", biz="農協・食品加工業者", fin="地方銀行", edu="地元の大学"
        ),
        contact="tokachi-demo",
        department="環境モデル都市推進課",
    ),
    Region(
        name="厚岸 森と川と海のつながり（デモ）",
        registrant="北海道厚岸町",
        areas=("北海道厚岸町",),
        resources=("sea", "forest", "water", "food"),
        goals=(6, 14, 15),
        note="厚岸湖と別寒辺牛湿原、牡蠣の養殖、上流の森。",
        challenges="上流からの土砂流入と海水温の上昇で、養殖の環境が変わりつつある。",
        future="森・川・湿原・海のつながりを守り、豊かな海の恵みを次の世代に手渡す。",
        path="2027年までに漁業者と林業者が共同で上流の植林を行う。2030年までに牡蠣殻の再利用と"
        "藻場の再生を進める。2040年に流域全体の保全計画を住民とともに運用する。",
        stakeholders=stakeholders(
            gov="町", biz="漁協・森林組合", npo="湿原の保全団体", edu="水産試験研究機関"
        ),
        contact="akkeshi-demo",
        department="環境政策課",
    ),
    Region(
        name="石狩 風と海の脱炭素産業圏（デモ）",
        registrant="北海道石狩市",
        areas=("北海道石狩市",),
        resources=("energy", "sea", "people"),
        goals=(7, 9, 13),
        note="石狩湾の風況と港湾、臨海部の工業団地。",
        challenges="再生可能エネルギーの電力が地域の産業や暮らしに十分生かされていない。",
        future="地域でつくった再エネを地域の企業が使い、脱炭素の産業と雇用が集まるまち。",
        path="2027年までに工業団地への再エネ供給の仕組みを検討する。2030年までにデータセンター等の"
        "誘致と排熱利用を進める。2040年に市内の産業部門の排出を半減する。",
        stakeholders=stakeholders(gov="市・北海道", biz="港湾事業者・立地企業", fin="地域金融機関"),
        contact="ishikari-demo",
        department="企業連携推進課",
        status=SUBMITTED,
    ),
    # 東北 --------------------------------------------------------------------------------------
    Region(
        name="弘前 りんごの循環共生圏（デモ）",
        registrant="青森県弘前市",
        areas=("青森県弘前市",),
        resources=("food", "agriculture", "circular", "landscape"),
        goals=(2, 8, 12, 15),
        note="りんご園と岩木山の景観、剪定枝や搾りかすなどの副産物。",
        challenges="りんご農家の高齢化と後継者不足、剪定枝の焼却処分。",
        future="りんご園の恵みを余さず使い、農家が続けられる産地と景観が残るまち。",
        path="2027年までに剪定枝をチップ化して公共施設の燃料に使う。2030年までに搾りかすの加工品を"
        "商品化する。2035年に新規就農者を毎年30人受け入れる体制をつくる。",
        stakeholders=stakeholders(
            gov="市", biz="りんご農家・加工業者", fin="地元の信用金庫", edu="地元の大学"
        ),
        contact="hirosaki-demo",
        department="農林部 りんご課",
    ),
    Region(
        name="くずまき 風と牛乳とワインの町（デモ）",
        registrant="岩手県葛巻町",
        areas=("岩手県葛巻町",),
        resources=("energy", "food", "agriculture", "forest"),
        goals=(2, 7, 8, 13),
        note="北上山系の風、酪農と山ぶどう、広い森林。",
        challenges="人口減少と酪農家の減少、エネルギー代金の町外への流出。",
        future="風・森・牛の恵みでエネルギーと食を自給し、若い世代が戻る町。",
        path="2027年までに家畜ふん尿のバイオガス利用を広げる。2030年までに町内の電力を"
        "再エネで賄う仕組みをつくる。2040年に熱も含めたエネルギーの地産地消を実現する。",
        stakeholders=stakeholders(gov="町", biz="牧場・ワイナリー・発電事業者", fin="地域金融機関"),
        contact="kuzumaki-demo",
        department="農林環境エネルギー課",
    ),
    Region(
        name="東松島 防災とエネルギーの自立圏（デモ）",
        registrant="宮城県東松島市",
        areas=("宮城県東松島市",),
        resources=("energy", "sea", "people", "agriculture"),
        goals=(7, 11, 13, 17),
        note="沿岸の低地と漁業、移転跡地の広い土地。",
        challenges="災害時に電力が途絶えると、避難所や病院が機能しなくなるおそれがある。",
        future="災害に強く、平時も地域のエネルギーで暮らせるまち。",
        path="2027年までに避難所に太陽光と蓄電池を整備する。2030年までに地域マイクログリッドを"
        "公共施設と住宅地に広げる。2040年に市内の電力の半分を地域で賄う。",
        stakeholders=stakeholders(gov="市", biz="地域エネルギー会社・漁協", npo="自主防災組織"),
        contact="higashimatsushima-demo",
        department="復興政策課",
    ),
    Region(
        name="にかほ 風と海のエネルギー圏（デモ）",
        registrant="秋田県にかほ市",
        areas=("秋田県にかほ市",),
        resources=("energy", "sea", "landscape"),
        goals=(7, 9, 14),
        note="日本海からの風、鳥海山の伏流水。",
        challenges="風力発電の利益が地域に残りにくい。",
        future="風の恵みが地域の仕事になるまち。",
        path="洋上風力の関連産業を誘致する。",
        stakeholders=stakeholders(gov="市", biz="発電事業者"),
        contact="nikaho-demo",
        department="商工観光課",
        status=REFUSED,
        reason="ありたい未来に至る道筋が1行のため、いつまでに何をするかを年次ごとに具体的に記入して"
        "再申請してください。",
    ),
    Region(
        name="鶴岡 食文化と森の循環圏（デモ）",
        registrant="山形県鶴岡市",
        areas=("山形県鶴岡市",),
        resources=("food", "culture", "forest", "people"),
        goals=(2, 4, 12, 15),
        note="在来作物と精進料理などの食文化、出羽三山の森。",
        challenges="在来作物の作り手が減り、種と食文化が途絶えるおそれがある。",
        future="在来作物と森の恵みを生かした食文化が、仕事と誇りとして受け継がれるまち。",
        path="2027年までに在来作物の種の保存と栽培講座を始める。2030年までに学校給食で在来作物を"
        "毎月使う。2035年に食と森のツーリズムで年間1万人を迎える。",
        stakeholders=stakeholders(
            gov="市", biz="料理店・農家", edu="地元の研究機関・高校", npo="食文化の保存会"
        ),
        contact="tsuruoka-demo",
        department="食文化創造都市推進課",
    ),
    Region(
        name="会津若松 デジタルと再エネの地域循環（デモ）",
        registrant="福島県会津若松市",
        areas=("福島県会津若松市",),
        resources=("energy", "people", "culture"),
        goals=(7, 9, 11, 17),
        note="歴史ある城下町、ICT関連の人材、猪苗代湖周辺の再エネ。",
        challenges="若い世代の流出と、行政・医療・交通のサービスを少ない人手で維持すること。",
        future="データと再エネを地域で生かし、住み続けられる城下町。",
        path="2027年までに家庭のエネルギー使用量を見える化する。2030年までに地域新電力と"
        "デマンド交通を連携させる。2040年に市内の公共施設を再エネ100％にする。",
        stakeholders=stakeholders(gov="市・福島県", biz="ICT企業・地域新電力", edu="地元の大学"),
        contact="aizuwakamatsu-demo",
        department="企画政策部",
    ),
    # 関東 --------------------------------------------------------------------------------------
    Region(
        name="つくば 研究と暮らしをつなぐ脱炭素圏（デモ）",
        registrant="茨城県つくば市",
        areas=("茨城県つくば市",),
        resources=("people", "energy", "agriculture"),
        goals=(4, 7, 9, 11),
        note="研究機関と研究者、周辺の農地と平地林。",
        challenges="研究成果が市民の暮らしや周辺の農村に届きにくく、自動車への依存が大きい。",
        future="研究の成果を市民と試し、農村と都市がつながる脱炭素のまち。",
        path="2027年までに市民参加の実証を毎年5件行う。2030年までに自転車と公共交通の利用を増やす。"
        "2040年に家庭部門の排出を半減する。",
        stakeholders=stakeholders(gov="市", biz="研究開発型企業", edu="研究機関・大学", npo="市民活動団体"),
        contact="tsukuba-demo",
        department="政策イノベーション部",
    ),
    Region(
        name="那須塩原 酪農と地熱の循環圏（デモ）",
        registrant="栃木県那須塩原市",
        areas=("栃木県那須塩原市",),
        resources=("food", "energy", "water", "tourism"),
        goals=(2, 6, 7, 12),
        note="本州有数の生乳の産地、温泉と那須疏水。",
        challenges="家畜ふん尿の処理負担と、温泉地の観光客数の減少。",
        future="牛と温泉と水の恵みがエネルギーと観光の力になるまち。",
        path="2027年までにふん尿のバイオガス発電を増やす。2030年までに温泉熱を農業ハウスに使う。"
        "2035年に疏水の小水力発電を地域で運営する。",
        stakeholders=stakeholders(gov="市", biz="酪農家・旅館組合", fin="地域金融機関", npo="疏水の保全団体"),
        contact="nasushiobara-demo",
        department="気候変動対策局",
    ),
    Region(
        name="みなかみ 水源の森の共生圏（デモ）",
        registrant="群馬県みなかみ町",
        areas=("群馬県みなかみ町",),
        resources=("water", "forest", "tourism", "landscape"),
        goals=(6, 11, 15, 17),
        note="利根川の源流域の森と、温泉・山岳のアウトドア観光。",
        challenges="水源林の手入れ不足と、下流の都市との関係が薄いこと。",
        future="水源の森を下流の人々とともに守り、自然と共に暮らす町。",
        path="2027年までに下流の自治体・企業と森づくりの協定を結ぶ。2030年までに自然体験の"
        "受入れを年間5万人にする。2040年に水源林の手入れを計画どおりに行える体制をつくる。",
        stakeholders=stakeholders(gov="町・下流の自治体", biz="アウトドア事業者", npo="森林ボランティア"),
        contact="minakami-demo",
        department="総合戦略課",
    ),
    Region(
        name="秩父 森と祭りの循環共生圏（デモ）",
        registrant="埼玉県秩父市",
        areas=("埼玉県秩父市",),
        resources=("forest", "culture", "tourism", "water"),
        goals=(8, 11, 15),
        note="荒川源流の森、夜祭などの伝統文化、首都圏からの近さ。",
        challenges="森林資源が使われず、祭りを支える担い手も減っている。",
        future="森と祭りを地域で支え、首都圏とつながって人と仕事が巡るまち。",
        path="2027年までに地域材の木製品を観光土産として商品化する。2030年までに首都圏の企業と"
        "森林保全の協定を10件結ぶ。2035年に関係人口を年間1千人にする。",
        stakeholders=stakeholders(gov="市", biz="製材所・観光事業者", npo="祭りの保存会・森林ボランティア"),
        contact="chichibu-demo",
        department="環境立市推進課",
    ),
    Region(
        name="いすみ 有機の里と海の共生圏（デモ）",
        registrant="千葉県いすみ市",
        areas=("千葉県いすみ市",),
        resources=("agriculture", "food", "sea", "people"),
        goals=(2, 3, 4, 14),
        note="里山の水田、太東崎の海、移住者の多様な技能。",
        challenges="水田の担い手不足と、里山の生き物の減少。",
        future="有機の米と海の恵みを子どもたちの給食に届け、生き物と共に暮らすまち。",
        path="2027年までに有機米の作付けを倍にする。2030年までに学校給食の米をすべて有機米にする。"
        "2035年に有機農業の研修で毎年10人が就農する。",
        stakeholders=stakeholders(gov="市", biz="農家・漁業者", edu="小中学校", npo="移住者の会"),
        contact="isumi-demo",
        department="農林課",
    ),
    Region(
        name="檜原 東京の森の循環圏（デモ）",
        registrant="東京都檜原村",
        areas=("東京都檜原村",),
        resources=("forest", "water", "tourism"),
        goals=(11, 13, 15),
        note="村の面積の9割以上を占める森林、秋川の源流。",
        challenges="急峻な地形で木材の搬出費がかさみ、林業の採算がとれない。",
        future="都内の森の恵みを都市の人々とともに使い、森で働き暮らせる村。",
        path="2027年までに都内の公共建築に村の木材を使う仕組みをつくる。2030年までに森林"
        "体験の受入れを増やす。2040年に森林の手入れと木材利用を村内で循環させる。",
        stakeholders=stakeholders(gov="村・東京都", biz="林業事業体・木工所", npo="森林ボランティア"),
        contact="hinohara-demo",
        department="産業環境課",
        status=SUBMITTED,
    ),
    # 中部 --------------------------------------------------------------------------------------
    Region(
        name="佐渡 トキと共生する島の循環圏（デモ）",
        registrant="新潟県佐渡市",
        areas=("新潟県佐渡市",),
        resources=("agriculture", "food", "culture", "sea"),
        goals=(2, 12, 14, 15),
        note="生き物を育む農法の水田、トキ、能や鉱山などの文化。",
        challenges="島の人口減少と、生き物を育む農法の担い手の高齢化。",
        future="トキが舞う田んぼと島の文化を守り、島の中で食とエネルギーが巡る。",
        path="2027年までに生き物を育む農法の米の販路を広げる。2030年までに島内の公共施設に"
        "再エネを導入する。2040年に島外から買う燃料を半分にする。",
        stakeholders=stakeholders(gov="市・新潟県", biz="農家・観光事業者", npo="トキの保全団体"),
        contact="sado-demo",
        department="農業政策課",
    ),
    Region(
        name="富山 小水力とコンパクトなまちの循環（デモ）",
        registrant="富山県富山市",
        areas=("富山県富山市",),
        resources=("water", "energy", "people"),
        goals=(6, 7, 9, 11),
        note="立山連峰からの急流と農業用水、路面電車の沿線のまち。",
        challenges="中山間地の人口減少と、郊外への拡散による移動の車依存。",
        future="公共交通の沿線に暮らしが集まり、水の力でエネルギーをつくるまち。",
        path="2027年までに農業用水路の小水力発電を増やす。2030年までに電力を公共交通に使う。"
        "2040年に中心部の住民の割合を高め、家庭の排出を半減する。",
        stakeholders=stakeholders(gov="市・富山県", biz="土地改良区・交通事業者", fin="地方銀行"),
        contact="toyama-demo",
        department="環境政策課",
    ),
    Region(
        name="白山 手取川流域の共生圏（デモ）",
        registrant="石川県白山市",
        areas=("石川県白山市",),
        resources=("water", "forest", "landscape", "tourism"),
        goals=(6, 11, 15),
        note="白山から日本海までの手取川の流域、扇状地の湧水。",
        challenges="上流の山間地の集落の維持と、流域の一体的な保全。",
        future="山から海までの流域で、水と森の恵みを分かち合うまち。",
        path="2027年までに流域の水の学習プログラムを小中学校で始める。2030年までに上流の森林"
        "保全に下流の企業の資金を入れる。2035年に上流の集落の交流人口を倍にする。",
        stakeholders=stakeholders(gov="市", biz="酒蔵・観光事業者", edu="小中学校", npo="流域の保全団体"),
        contact="hakusan-demo",
        department="ジオパーク推進課",
    ),
    Region(
        name="北杜 水と太陽の高原共生圏（デモ）",
        registrant="山梨県北杜市",
        areas=("山梨県北杜市",),
        resources=("water", "energy", "agriculture", "landscape"),
        goals=(6, 7, 11, 15),
        note="南アルプスと八ヶ岳の名水、長い日照時間。",
        challenges="太陽光発電の設置が景観や防災と衝突し、住民の理解が得にくい。",
        future="景観と水を守る太陽の使い方を地域で決め、恵みが地域に残る高原。",
        path="2027年までに太陽光発電の地域ルールを住民と定める。2030年までに屋根置きと営農型の"
        "太陽光を広げる。2040年に家庭の電気を地域の太陽で賄う。",
        stakeholders=stakeholders(gov="市", biz="農家・工務店", fin="地域金融機関", npo="景観の会"),
        contact="hokuto-demo",
        department="環境課",
    ),
    Region(
        name="南信州 地域循環共生圏（デモ）",
        organization="長野県飯田市",
        registrant="長野県飯田市",
        areas=("長野県飯田市", "長野県阿智村"),
        resources=("energy", "forest", "people"),
        goals=(7, 11, 13, 15),
        note="日照に恵まれた盆地、南アルプスと中央アルプスの森林、市民出資の伝統。",
        challenges="森林の手入れ不足と若い世代の流出。",
        future="地域の森と太陽の恵みでエネルギーと仕事が地域の中で回る暮らし。",
        path="2030年までに公共施設の電力と熱を地域の再生可能エネルギーで賄い、担い手を育てる。"
        "2040年に地域の家庭の熱も木質バイオマスで賄う。",
        stakeholders=stakeholders(
            gov="飯田市・阿智村", biz="地域エネルギー会社・森林組合", fin="地元の信用金庫", npo="市民出資者"
        ),
        contact="officer",
        department="環境政策担当",
    ),
    Region(
        name="郡上 清流と小水力の共生圏（デモ）",
        registrant="岐阜県郡上市",
        areas=("岐阜県郡上市",),
        resources=("water", "energy", "culture", "people"),
        goals=(6, 7, 11),
        note="長良川上流の清流、山あいの集落の農業用水、郡上おどり。",
        challenges="山あいの集落の人口減少と、集落の農業用水路の維持。",
        future="集落の水路で電気をつくり、その収益で集落の暮らしと文化を守る。",
        path="2027年までに集落の出資で小水力発電を2か所増やす。2030年までに売電収益を集落の"
        "水路と文化の維持に回す。2040年に小水力の集落を市内10か所にする。",
        stakeholders=stakeholders(gov="市", biz="集落の発電組合", fin="地域金融機関", npo="地域づくりの会"),
        contact="gujo-demo",
        department="環境水道部",
    ),
    Region(
        name="天竜川流域 森と水の県境共生圏（デモ）",
        registrant="静岡県浜松市",
        areas=("静岡県浜松市", "長野県天龍村", "愛知県東栄町"),
        resources=("forest", "water", "energy", "people"),
        goals=(6, 7, 15, 17),
        note="3県にまたがる天竜川の流域の森林と、下流の都市のものづくり。",
        challenges="上流の山村の人口減少と、県境を越えた流域の取組が少ないこと。",
        future="上流の森と下流の都市が県境を越えて支え合い、流域で恵みが巡る。",
        path="2027年までに3市町村で流域の協議会をつくる。2030年までに上流の木材を下流の公共建築に"
        "使う。2040年に下流の企業の資金で上流の森林を計画どおりに手入れする。",
        stakeholders=stakeholders(
            gov="浜松市・天龍村・東栄町", biz="製造業・森林組合", fin="地方銀行", npo="流域の交流団体"
        ),
        contact="tenryu-demo",
        department="環境部",
    ),
    # 近畿 --------------------------------------------------------------------------------------
    Region(
        name="尾鷲 森と海の循環共生圏（デモ）",
        registrant="三重県尾鷲市",
        areas=("三重県尾鷲市",),
        resources=("forest", "sea", "food", "culture"),
        goals=(8, 14, 15),
        note="多雨が育てる尾鷲ヒノキの森と、熊野灘の漁業。",
        challenges="木材価格の低迷と漁獲量の減少、若い世代の流出。",
        future="ヒノキの森と熊野灘の恵みを高い価値で届け、若い人が働けるまち。",
        path="2027年までに地域材の家具と内装材を商品化する。2030年までに漁獲物の加工と直販を"
        "広げる。2035年に森と海の仕事に毎年10人の若者が就く。",
        stakeholders=stakeholders(gov="市", biz="林業事業体・漁協・加工業者", fin="地域金融機関"),
        contact="owase-demo",
        department="政策調整課",
    ),
    Region(
        name="東近江 菜の花と里山の循環（デモ）",
        registrant="滋賀県東近江市",
        areas=("滋賀県東近江市",),
        resources=("agriculture", "circular", "forest", "people"),
        goals=(7, 12, 15, 17),
        note="鈴鹿山脈から琵琶湖までの里山と田園、廃食用油の回収の取組。",
        challenges="里山の放置と、地域の資金が地域の事業に回らないこと。",
        future="菜の花と里山の恵みが燃料と仕事になり、地域のお金が地域で回る。",
        path="2027年までに廃食用油の回収を全地区に広げる。2030年までに市民出資の地域ファンドで"
        "里山の事業を毎年5件支える。2040年に里山の木を燃料として使い切る。",
        stakeholders=stakeholders(
            gov="市", biz="農家・燃料事業者", fin="市民ファンド", npo="まちづくり協議会"
        ),
        contact="higashiomi-demo",
        department="森と水政策課",
    ),
    Region(
        name="京丹後 海と里の循環共生圏（デモ）",
        registrant="京都府京丹後市",
        areas=("京都府京丹後市",),
        resources=("sea", "agriculture", "culture", "energy"),
        goals=(7, 12, 14),
        note="丹後の海と砂丘地の畑、ちりめんの織物文化。",
        challenges="海岸の漂着ごみと、織物業の衰退。",
        future="海と里の恵みを生かし、ものづくりの技が続くまち。",
        path="2027年までに漂着ごみの回収と再資源化を始める。2030年までに織物の端材を使った"
        "商品をつくる。2040年に公共施設を再エネ100％にする。",
        stakeholders=stakeholders(gov="市・京都府", biz="織物業者・漁協", npo="海岸清掃の会"),
        contact="kyotango-demo",
        department="環境バイオマス推進課",
        status=SUBMITTED,
    ),
    Region(
        name="豊岡 コウノトリと育む共生圏（デモ）",
        registrant="兵庫県豊岡市",
        areas=("兵庫県豊岡市",),
        resources=("agriculture", "food", "tourism", "culture"),
        goals=(2, 8, 11, 15),
        note="円山川の湿地とコウノトリ、温泉と演劇の文化。",
        challenges="農業の担い手不足と、若い世代、とくに女性の流出。",
        future="コウノトリが暮らせる環境が、誇りと仕事を生み、誰もが暮らしやすいまち。",
        path="2027年までにコウノトリを育む農法の米を学校給食に使う。2030年までに湿地の再生を"
        "広げる。2035年に若い世代の転入と転出を均衡させる。",
        stakeholders=stakeholders(gov="市・兵庫県", biz="農家・旅館", edu="地元の大学", npo="湿地の保全団体"),
        contact="toyooka-demo",
        department="コウノトリ共生課",
    ),
    Region(
        name="田辺 梅と熊野の森の循環（デモ）",
        registrant="和歌山県田辺市",
        areas=("和歌山県田辺市",),
        resources=("agriculture", "forest", "tourism", "culture"),
        goals=(2, 8, 12, 15),
        note="斜面の梅林と薪炭林が組み合わさった農業、熊野古道。",
        challenges="梅の価格の変動と、薪炭林と梅林の手入れの担い手不足。",
        future="梅と森の仕組みを受け継ぎ、熊野の恵みで暮らしが立つまち。",
        path="2027年までに梅の加工副産物を利用した商品をつくる。2030年までに熊野古道の来訪者を"
        "梅林と森の体験に案内する。2040年に薪炭林の手入れを地域の仕事にする。",
        stakeholders=stakeholders(gov="市", biz="梅農家・加工業者・観光事業者", fin="地域金融機関"),
        contact="tanabe-demo",
        department="農業振興課",
    ),
    # 中国 --------------------------------------------------------------------------------------
    Region(
        name="智頭 森の町の循環共生圏（デモ）",
        registrant="鳥取県智頭町",
        areas=("鳥取県智頭町",),
        resources=("forest", "people", "culture"),
        goals=(4, 8, 15),
        note="町の面積の9割を占める杉の森、宿場町の町並み。",
        challenges="林業の担い手の高齢化と、子育て世代の流出。",
        future="森で学び、森で働き、森の恵みで暮らせる町。",
        path="2027年までに森の幼児教育と林業体験を広げる。2030年までに自伐型林業の担い手を"
        "20人育てる。2040年に町の熱需要を木質バイオマスで賄う。",
        stakeholders=stakeholders(gov="町", biz="林業事業体", edu="森の幼稚園", npo="宿場町の会"),
        contact="chizu-demo",
        department="企画課",
    ),
    Region(
        name="隠岐 島前の循環共生圏（デモ）",
        registrant="島根県海士町",
        areas=("島根県海士町", "島根県西ノ島町", "島根県知夫村"),
        resources=("sea", "food", "people", "energy"),
        goals=(4, 7, 14, 17),
        note="3町村の島々と内海、岩がきなどの水産物、島留学の生徒たち。",
        challenges="燃料と電力を島外に頼り、フェリーの燃料費も暮らしを圧迫している。",
        future="島の内海と人の力で、エネルギーと食が島の中で巡る島前。",
        path="2027年までに3町村で再エネの共同導入を検討する。2030年までに漁業者と"
        "水産加工の人材を島留学の卒業生から育てる。2040年に島の電力の半分を島内でつくる。",
        stakeholders=stakeholders(
            gov="海士町・西ノ島町・知夫村", biz="漁協・水産加工業者", edu="高校", npo="島の移住者"
        ),
        contact="dozen-demo",
        department="地域共創課",
    ),
    Region(
        name="西粟倉 百年の森の共生圏（デモ）",
        registrant="岡山県西粟倉村",
        areas=("岡山県西粟倉村",),
        resources=("forest", "people", "energy"),
        goals=(7, 8, 9, 15),
        note="村の面積の9割を占める人工林、村で起業する若者。",
        challenges="森林の所有者が手入れできず、森林の価値が下がっている。",
        future="村が森を預かって育て、森の恵みで起業する人が集まる村。",
        path="2027年までに村が預かる森林を全体の8割にする。2030年までに木材加工と木質バイオマスの"
        "事業を村内で10件にする。2040年に村のエネルギーを森で賄う。",
        stakeholders=stakeholders(gov="村", biz="木材加工のベンチャー企業", fin="地域金融機関"),
        contact="nishiawakura-demo",
        department="地方創生推進室",
    ),
    Region(
        name="尾道 島と柑橘の循環共生圏（デモ）",
        registrant="広島県尾道市",
        areas=("広島県尾道市",),
        resources=("agriculture", "tourism", "sea"),
        goals=(2, 8, 11),
        note="しまなみの島々の柑橘畑、サイクリングの来訪者。",
        challenges="柑橘畑の耕作放棄。",
        future="柑橘の島が元気なまち。",
        path="2030年までに柑橘の生産を増やす。",
        stakeholders=stakeholders(gov="市"),
        contact="onomichi-demo",
        department="農林水産課",
        status=REFUSED,
        reason="ステークホルダーが市のみとなっています。取組に参加する企業・団体・住民を種類ごとに"
        "記入してください。",
    ),
    # 四国 --------------------------------------------------------------------------------------
    Region(
        name="上勝 ゼロ・ウェイストの里（デモ）",
        registrant="徳島県上勝町",
        areas=("徳島県上勝町",),
        resources=("circular", "forest", "people", "food"),
        goals=(11, 12, 13, 15),
        note="多品目の分別と再利用の習慣、つまものの葉、棚田。",
        challenges="高齢化が進み、分別や資源回収を住民の力だけで続けにくくなっている。",
        future="ごみを出さない暮らしを次の世代と来訪者に引き継ぎ、山の恵みで暮らせる町。",
        path="2027年までに再利用の拠点に若い担い手を迎える。2030年までに町外の企業と"
        "容器の再利用を試す。2040年に焼却・埋立てをなくす。",
        stakeholders=stakeholders(gov="町", biz="葉の生産者・宿泊事業者", npo="ゼロ・ウェイストの推進団体"),
        contact="kamikatsu-demo",
        department="企画環境課",
    ),
    Region(
        name="小豆島 オリーブと海の共生圏（デモ）",
        registrant="香川県小豆島町",
        areas=("香川県小豆島町",),
        resources=("agriculture", "food", "sea", "tourism"),
        goals=(2, 8, 12, 14),
        note="オリーブと醤油・佃煮の醸造文化、瀬戸内の海。",
        challenges="オリーブの搾りかすや醸造の副産物が使われず、島の燃料を島外に頼っている。",
        future="オリーブと醸造の恵みを余さず使い、島で資源とお金が巡る。",
        path="2027年までにオリーブの搾りかすを飼料と肥料に使う。2030年までに醸造の副産物の"
        "商品化を進める。2040年に島の観光施設を再エネで賄う。",
        stakeholders=stakeholders(gov="町", biz="オリーブ農家・醸造業者", fin="地域金融機関"),
        contact="shodoshima-demo",
        department="企画財政課",
    ),
    Region(
        name="高知 森林県の循環共生圏（デモ）",
        registrant="高知県",
        areas=("高知県",),
        resources=("forest", "energy", "people"),
        goals=(7, 8, 13, 15),
        note="県土の84％を占める森林、木質バイオマスの発電所と熱利用。",
        challenges="森林資源の成長に伐採と利用が追いつかず、山村の人口が減っている。",
        future="森の恵みを県全体で使い、山村で暮らし働く人が増える高知。",
        path="2027年までに県内の公共建築の木造化を進める。2030年までに木質バイオマスの熱利用を"
        "福祉施設と農業ハウスに広げる。2040年に林業の就業者を増加に転じさせる。",
        stakeholders=stakeholders(
            gov="県・市町村", biz="森林組合・製材業者", fin="地方銀行", edu="林業大学校"
        ),
        contact="kochi-demo",
        department="林業振興・環境部",
    ),
    # 九州・沖縄 ----------------------------------------------------------------------------------
    Region(
        name="北九州 環境産業と資源循環の都市圏（デモ）",
        registrant="福岡県北九州市",
        areas=("福岡県北九州市",),
        resources=("circular", "energy", "people", "sea"),
        goals=(9, 11, 12, 17),
        note="公害を克服した経験、リサイクル産業の集積、響灘の風。",
        challenges="ものづくり産業の脱炭素化と、人口減少の中での人材の確保。",
        future="資源循環と再エネの産業でアジアの環境都市として働き暮らせるまち。",
        path="2027年までにリサイクル産業の再エネ利用を進める。2030年までに洋上風力の関連産業を"
        "育てる。2040年に市内の産業部門の排出を大幅に減らす。",
        stakeholders=stakeholders(gov="市", biz="リサイクル事業者・製造業", edu="大学・高専", fin="地方銀行"),
        contact="kitakyushu-demo",
        department="環境局",
    ),
    Region(
        name="五島 海の再エネの島（デモ）",
        registrant="長崎県五島市",
        areas=("長崎県五島市",),
        resources=("energy", "sea", "food", "culture"),
        goals=(7, 8, 13, 14),
        note="浮体式洋上風力に適した海域、教会群、漁業。",
        challenges="燃料と電力を島外に頼り、漁業との共存も課題になっている。",
        future="島の海でつくったエネルギーで暮らし、漁業と共に栄える島。",
        path="2027年までに洋上風力と漁業の共生のルールを定める。2030年までに島の電力の半分を"
        "再エネにする。2040年に島の電動車の電力を島内で賄う。",
        stakeholders=stakeholders(gov="市", biz="発電事業者・漁協", fin="地域金融機関", npo="島の若者の会"),
        contact="goto-demo",
        department="地域振興部",
    ),
    Region(
        name="小国 地熱と森の循環共生圏（デモ）",
        registrant="熊本県小国町",
        areas=("熊本県小国町",),
        resources=("energy", "forest", "tourism", "water"),
        goals=(7, 8, 15),
        note="わいた山の地熱、小国杉の森、温泉地。",
        challenges="地熱発電の利益を地域に還元する仕組みと、温泉資源との調和。",
        future="地熱と小国杉の恵みを地域で使い、温泉と森の仕事が続く町。",
        path="2027年までに地熱発電の収益の一部を地域基金にする。2030年までに地熱の熱を"
        "農業と木材乾燥に使う。2040年に町の電力を地熱と小水力で賄う。",
        stakeholders=stakeholders(gov="町", biz="地熱発電の合同会社・製材所", npo="温泉地の住民"),
        contact="oguni-demo",
        department="政策課",
    ),
    Region(
        name="綾 照葉樹林と有機の里（デモ）",
        registrant="宮崎県綾町",
        areas=("宮崎県綾町",),
        resources=("forest", "agriculture", "food", "landscape"),
        goals=(2, 3, 12, 15),
        note="日本有数の照葉樹林と、町ぐるみの有機農業。",
        challenges="有機農業の担い手の高齢化と、照葉樹林の保全のための人手。",
        future="照葉樹林と有機の農が、訪れる人と暮らす人の健康を支える町。",
        path="2027年までに有機農業の研修生を毎年5人受け入れる。2030年までに照葉樹林の案内と"
        "農の体験を組み合わせる。2040年に町の農地をすべて有機にする。",
        stakeholders=stakeholders(gov="町", biz="有機農家・工芸家", npo="森の保全団体"),
        contact="aya-demo",
        department="農林振興課",
    ),
    Region(
        name="屋久島 水力と世界遺産の島（デモ）",
        registrant="鹿児島県屋久島町",
        areas=("鹿児島県屋久島町",),
        resources=("water", "energy", "forest", "tourism"),
        goals=(6, 7, 13, 15),
        note="多雨がもたらす水力発電、屋久杉の森と世界自然遺産。",
        challenges="観光客の集中による自然への負荷と、島内の移動の車依存。",
        future="島の水の電気で移動も暮らしも賄い、森を守りながら人を迎える島。",
        path="2027年までに電動車の充電設備を島内に広げる。2030年までに登山の入山者数の"
        "調整と協力金の仕組みを整える。2040年に島内の車をすべて電動にする。",
        stakeholders=stakeholders(gov="町", biz="ガイド事業者・交通事業者", npo="山岳の保全団体"),
        contact="yakushima-demo",
        department="環境政策課",
    ),
    Region(
        name="宮古島 島のエネルギー自立圏（デモ）",
        registrant="沖縄県宮古島市",
        areas=("沖縄県宮古島市",),
        resources=("energy", "water", "sea", "agriculture"),
        goals=(6, 7, 13, 14),
        note="強い日差し、地下水だけに頼る水源、さとうきび畑とサンゴ礁。",
        challenges="島の電力の多くが化石燃料で、地下水の水質保全も欠かせない。",
        future="太陽と風で島の電気をつくり、地下水とサンゴ礁を守る島。",
        path="2027年までに住宅の屋根の太陽光と蓄電池を広げる。2030年までに肥料の使い方を見直して"
        "地下水を守る。2050年に島のエネルギーを自給する。",
        stakeholders=stakeholders(gov="市・沖縄県", biz="電力事業者・製糖工場", npo="サンゴ礁の保全団体"),
        contact="miyakojima-demo",
        department="エコアイランド推進課",
    ),
)


COMPANIES: tuple[Company, ...] = (
    Company(
        name="株式会社みどり循環エナジー（架空）",
        kind="company",
        existing=True,
        address="東京都千代田区霞が関一丁目（架空の所在地）",
        industry="33",
        summary="地域の再生可能エネルギー事業を地域の事業者と共同でつくる架空の会社です。",
        contact="company",
        department="地域エネルギー事業部",
        solutions=(
            SolutionSpec(
                title="木質バイオマス熱供給の導入支援",
                fields="エネルギー",
                description="間伐材のチップを燃料にするボイラーの計画・設計から、燃料の調達の仕組みづくりまで支援します。",
                resources=("forest", "energy"),
                goals=(7, 13, 15),
                served=("長野県", "北海道"),
                track_record="公共施設3か所の計画づくり（架空）",
            ),
            SolutionSpec(
                title="営農型太陽光発電の共同事業化",
                fields="エネルギー・農業",
                description="農地の上に太陽光パネルを設け、営農を続けながら発電する事業を、農家と共同で立ち上げます。",
                resources=("energy", "agriculture"),
                goals=(2, 7),
                served=(),
            ),
        ),
    ),
    Company(
        name="株式会社もりのわ木材（架空）",
        kind="company",
        address="岐阜県郡上市（架空の所在地）",
        industry="12",
        summary="地域の森林の木を、公共建築から日用品まで地域で使い切る製材・加工の会社です。",
        contact="morinowa",
        department="地域材事業部",
        solutions=(
            SolutionSpec(
                title="地域材を使った公共建築の設計・施工支援",
                fields="森林・建築",
                description="地域の森林から出る木材で、学校や庁舎を木造化する計画を、製材の段取りから支援します。",
                resources=("forest", "people"),
                goals=(9, 11, 15),
                served=("岐阜県", "長野県", "愛知県"),
                track_record="木造の公民館2棟（架空）",
            ),
            SolutionSpec(
                title="薪と木質チップの安定供給",
                fields="森林・エネルギー",
                description="間伐材や製材の端材を薪とチップにし、ボイラーの燃料として年間を通して届けます。",
                resources=("forest", "energy", "circular"),
                goals=(7, 12, 15),
                served=("岐阜県",),
            ),
        ),
    ),
    Company(
        name="合同会社しずく小水力（架空）",
        kind="company",
        address="富山県富山市（架空の所在地）",
        industry="33",
        summary="農業用水路や沢の水で電気をつくる小水力発電を、地域の人と一緒に計画し運営する会社です。",
        contact="shizuku",
        department="事業開発部",
        solutions=(
            SolutionSpec(
                title="農業用水路の小水力発電",
                fields="エネルギー・水",
                description="土地改良区や集落と、農業用水路の落差を使う小水力発電を設置し、売電収益を水路の維持に回します。",
                resources=("water", "energy"),
                goals=(6, 7, 11),
                served=("富山県", "岐阜県", "石川県"),
                track_record="集落の発電所1か所の運営（架空）",
            ),
            SolutionSpec(
                title="小水力の事業化調査",
                fields="エネルギー",
                description="流量の測定、発電量の見込み、許認可と資金調達の見通しをまとめ、事業にするかの判断を支えます。",
                resources=("water", "energy"),
                goals=(7, 17),
                served=(),
            ),
        ),
    ),
    Company(
        name="里海ラボ株式会社（架空）",
        kind="company",
        address="島根県隠岐郡海士町（架空の所在地）",
        industry="71",
        summary="藻場の再生と海の恵みの持続的な利用を、漁業者と研究する会社です。",
        contact="satoumi-lab",
        department="研究開発部",
        solutions=(
            SolutionSpec(
                title="藻場の再生とブルーカーボンの算定",
                fields="海・気候変動",
                description="漁業者と藻場を再生し、吸収した二酸化炭素の量を算定して、クレジットの申請を支援します。",
                resources=("sea",),
                goals=(13, 14),
                served=("島根県", "長崎県", "香川県"),
                track_record="藻場の再生区域2か所の調査（架空）",
            ),
            SolutionSpec(
                title="漁業体験の受入れ支援",
                fields="海・観光",
                description="漁協と体験の内容・安全の手順・料金を決め、学校や企業の研修を受け入れる仕組みをつくります。",
                resources=("sea", "tourism", "people"),
                goals=(4, 8, 14),
                served=("島根県",),
            ),
        ),
    ),
    Company(
        name="株式会社めぐるフードリンク（架空）",
        kind="company",
        address="北海道帯広市（架空の所在地）",
        industry="52",
        summary="地域の農産物を地域で加工し、給食や地域の店につなぐ食品卸の会社です。",
        contact="meguru-food",
        department="地産地消推進部",
        solutions=(
            SolutionSpec(
                title="規格外農産物の加工と販路づくり",
                fields="食・農業",
                description="形や大きさで出荷できない農産物を、地域の加工所と冷凍野菜や総菜にして販売します。",
                resources=("food", "agriculture", "circular"),
                goals=(2, 12),
                served=("北海道",),
                track_record="加工品5品目の商品化（架空）",
            ),
            SolutionSpec(
                title="学校給食の地産地消コーディネート",
                fields="食・教育",
                description="献立と地域の作付けをつなぎ、給食で使う地元の食材の割合を増やします。",
                resources=("food", "agriculture", "people"),
                goals=(2, 3, 4),
                served=("北海道", "千葉県"),
            ),
            SolutionSpec(
                title="食品残さの堆肥化と農地への還元",
                fields="食・資源循環",
                description="給食センターや店舗の食品残さを堆肥にし、契約農家の畑に戻して、その野菜を再び給食に使います。",
                resources=("circular", "agriculture"),
                goals=(12, 15),
                served=("北海道帯広市", "北海道音更町"),
            ),
        ),
    ),
    Company(
        name="株式会社ソラノワ交通（架空）",
        kind="company",
        address="福島県会津若松市（架空の所在地）",
        industry="43",
        summary="人口の少ない地域でも移動を守るため、予約型の乗合交通と電動車を運行する会社です。",
        contact="soranowa",
        department="地域交通部",
        solutions=(
            SolutionSpec(
                title="予約型の乗合デマンド交通",
                fields="交通・福祉",
                description="電話やアプリで予約し、自宅近くから病院や商店まで乗り合いで移動できる交通を、地域の事業者と運行します。",
                resources=("people",),
                goals=(3, 10, 11),
                served=("福島県", "山形県"),
                track_record="2町村での運行（架空）",
            ),
            SolutionSpec(
                title="再エネで走る電動車のカーシェア",
                fields="交通・エネルギー",
                description="役場や道の駅に地域の太陽光で充電する電動車を置き、昼は公用車、夜と休日は住民のカーシェアに使います。",
                resources=("energy",),
                goals=(7, 11, 13),
                served=(),
            ),
        ),
    ),
    Company(
        name="株式会社あおぞらデータ（架空）",
        kind="company",
        address="茨城県つくば市（架空の所在地）",
        industry="39",
        summary="地域のエネルギーの使い方をデータで見える化し、削減と地域新電力の運営を支える会社です。",
        contact="aozora-data",
        department="地域DX部",
        solutions=(
            SolutionSpec(
                title="公共施設のエネルギー見える化",
                fields="エネルギー・情報",
                description="公共施設の電気・熱の使用量を計測し、ムダの多い施設と時間帯を職員が一目で分かる画面で示します。",
                resources=("energy",),
                goals=(7, 9, 13),
                served=(),
                track_record="3市町の公共施設120か所（架空）",
            ),
            SolutionSpec(
                title="地域新電力の需給管理支援",
                fields="エネルギー・情報",
                description="地域の発電所と需要家のデータから需要を予測し、地域新電力の調達と運営の負担を減らします。",
                resources=("energy", "people"),
                goals=(7, 8, 17),
                served=("茨城県", "福島県"),
            ),
        ),
    ),
    Company(
        name="NPO法人ふるさと人材ネット（架空）",
        kind="npo",
        address="徳島県徳島市（架空の所在地）",
        industry="93",
        summary="地域で働きたい人と、人材を求める地域・企業をつなぐ架空のNPO法人です。",
        contact="furusato-jinzai",
        department="事務局",
        solutions=(
            SolutionSpec(
                title="地域の仕事と人材のマッチング",
                fields="人材・地域づくり",
                description="地域の事業者の仕事を切り出して副業・兼業の人材とつなぎ、移住の前に地域と関わる入口をつくります。",
                resources=("people",),
                goals=(8, 10, 17),
                served=(),
                track_record="マッチング40件（架空）",
            ),
            SolutionSpec(
                title="地域の中間支援組織の立ち上げ伴走",
                fields="地域づくり",
                description="行政・企業・住民をつなぐ地域のプラットフォームの立ち上げを、会議の設計から運営まで伴走します。",
                resources=("people", "culture"),
                goals=(11, 17),
                served=("徳島県", "香川県", "高知県", "愛媛県"),
            ),
        ),
    ),
    Company(
        name="みらい共創信用金庫（架空）",
        kind="financial_institution",
        address="長野県飯田市（架空の所在地）",
        industry="63",
        summary="地域の環境と社会への効果を評価して融資する、架空の信用金庫です。",
        contact="mirai-shinkin",
        department="地域共創部",
        solutions=(
            SolutionSpec(
                title="ESG地域融資",
                fields="金融",
                description="再エネ・省エネ・森林整備などの事業を、地域への効果の評価とあわせて融資で支えます。",
                resources=("energy", "forest"),
                goals=(7, 8, 13),
                served=("長野県",),
                track_record="融資実行15件（架空）",
            ),
            SolutionSpec(
                title="市民出資ファンドの組成支援",
                fields="金融・地域づくり",
                description="地域の事業に住民が出資できるファンドの仕組みづくりと、出資者への報告を支援します。",
                resources=("people", "energy"),
                goals=(7, 17),
                served=("長野県", "岐阜県"),
            ),
        ),
    ),
    Company(
        name="株式会社田園バイオガス（架空）",
        kind="company",
        address="栃木県那須塩原市（架空の所在地）",
        industry="88",
        summary="家畜ふん尿や食品残さからバイオガスをつくり、電気・熱・肥料として地域に戻す会社です。",
        contact="den-en-biogas",
        department="プラント事業部",
        solutions=(
            SolutionSpec(
                title="家畜ふん尿と食品残さのバイオガス発電",
                fields="エネルギー・資源循環",
                description="酪農家の家畜ふん尿と地域の食品残さを集めてバイオガスをつくり、発電と熱供給を行います。",
                resources=("circular", "energy", "agriculture"),
                goals=(7, 12, 13),
                served=("栃木県", "北海道", "岩手県"),
                track_record="プラント2基の運転（架空）",
            ),
            SolutionSpec(
                title="消化液の液肥利用",
                fields="農業・資源循環",
                description="バイオガスをつくった後の消化液を液肥として散布し、化学肥料の購入を減らします。",
                resources=("agriculture", "circular"),
                goals=(2, 12, 15),
                served=("栃木県",),
            ),
        ),
    ),
    Company(
        name="株式会社かがやきリサイクル（架空）",
        kind="company",
        address="福岡県北九州市（架空の所在地）",
        industry="88",
        summary="使用済みのプラスチックを地域で回収し、再び製品にする架空のリサイクル会社です。",
        contact="kagayaki-recycle",
        department="資源循環事業部",
        solutions=(
            SolutionSpec(
                title="使用済みプラスチックの地域内リサイクル",
                fields="資源循環",
                description="自治体と分別の方法を決めて回収し、地域の工場でベンチや植木鉢などの製品に再生します。",
                resources=("circular",),
                goals=(9, 12, 14),
                served=("福岡県", "佐賀県"),
                track_record="年間300トンの再生（架空）",
            ),
        ),
    ),
    Company(
        name="株式会社たびと里山（架空）",
        kind="company",
        address="和歌山県田辺市（架空の所在地）",
        industry="79",
        summary="里山の暮らしと文化を体験する旅をつくり、空き家を宿に再生する架空の会社です。",
        contact="tabito-satoyama",
        department="企画部",
        status=SUBMITTED,
        solutions=(
            SolutionSpec(
                title="里山のエコツーリズムの企画",
                fields="観光・文化",
                description="農林業の体験と地域の案内人を組み合わせ、自然に負荷をかけすぎない少人数の旅をつくります。",
                resources=("tourism", "culture", "agriculture"),
                goals=(8, 11, 15),
                served=("和歌山県", "奈良県", "三重県"),
            ),
            SolutionSpec(
                title="空き家を生かした宿づくり",
                fields="観光・まちづくり",
                description="空き家の所有者と地域の工務店をつなぎ、地域材で改修して宿として運営します。",
                resources=("tourism", "forest", "culture"),
                goals=(8, 11, 12),
                served=("和歌山県",),
            ),
        ),
    ),
    Company(
        name="ひだまり農業協同組合（架空）",
        kind="cooperative",
        address="宮崎県東諸県郡綾町（架空の所在地）",
        industry="87",
        summary="有機農業の産地づくりを進める架空の農業協同組合です。",
        contact="hidamari-ja",
        department="営農指導課",
        status=REFUSED,
        reason="ソリューションの内容が1行のため、何を、どの地域で、どのように提供するかを具体的に記入してください。",
        solutions=(
            SolutionSpec(
                title="有機農業の産地づくり",
                fields="農業",
                description="有機農業を広げます。",
                resources=("agriculture",),
                goals=(2,),
                served=("宮崎県",),
            ),
        ),
    ),
)
