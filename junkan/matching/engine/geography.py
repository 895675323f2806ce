"""Where a region is and where a solution is offered: prefectures, regional blocks, distances.

The municipality codes and office positions are the master shipped with the municipalities app
(``junkan/municipalities/data``: 総務省 全国地方公共団体コード, offices from GSI/J-LIS), read as files.
A solution's ``regions_served`` names 全国, prefectures (東京都 or 東京), regional blocks (北海道, 東北,
関東, 中部, 近畿, 中国, 四国, 九州・沖縄, and the usual others: 関西, 東海, 北陸, 甲信越, 山陰, 山陽,
首都圏 …) or municipalities (by code or full name).
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from junkan.matching.engine.thesaurus import fold

MASTER = Path(__file__).resolve().parents[2] / "municipalities" / "data"

PREFECTURES: tuple[str, ...] = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県",
    "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県",
    "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県",
    "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県",
    "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
)  # fmt: skip

# The eight regional blocks the issue names, by prefecture number (1 = 北海道 … 47 = 沖縄県).
BLOCKS: dict[str, tuple[int, ...]] = {
    "北海道": (1,),
    "東北": (2, 3, 4, 5, 6, 7),
    "関東": (8, 9, 10, 11, 12, 13, 14),
    "中部": (15, 16, 17, 18, 19, 20, 21, 22, 23),
    "近畿": (24, 25, 26, 27, 28, 29, 30),
    "中国": (31, 32, 33, 34, 35),
    "四国": (36, 37, 38, 39),
    "九州・沖縄": (40, 41, 42, 43, 44, 45, 46, 47),
}
# Other names people use for groups of prefectures.
ALIASES: dict[str, tuple[int, ...]] = {
    "九州": (40, 41, 42, 43, 44, 45, 46),
    "九州沖縄": BLOCKS["九州・沖縄"],
    "関西": BLOCKS["近畿"],
    "東海": (21, 22, 23, 24),
    "北陸": (15, 16, 17, 18),
    "甲信越": (15, 19, 20),
    "信越": (15, 20),
    "甲信": (19, 20),
    "北関東": (8, 9, 10),
    "南関東": (11, 12, 13, 14),
    "首都圏": (8, 9, 10, 11, 12, 13, 14, 19),
    "一都三県": (11, 12, 13, 14),
    "山陰": (31, 32),
    "山陽": (33, 34, 35),
    "中国・四国": BLOCKS["中国"] + BLOCKS["四国"],
    "中四国": BLOCKS["中国"] + BLOCKS["四国"],
    "東日本": (*tuple(range(1, 16)), 19, 20),
    "西日本": tuple(range(24, 48)),
    "中京": (21, 23, 24),
    "道内": (1,),
    "東北地方": BLOCKS["東北"],
    "関東地方": BLOCKS["関東"],
    "中部地方": BLOCKS["中部"],
    "近畿地方": BLOCKS["近畿"],
    "中国地方": BLOCKS["中国"],
    "四国地方": BLOCKS["四国"],
    "九州地方": (40, 41, 42, 43, 44, 45, 46),
    "北海道地方": (1,),
}
# Blocks that border each other (by land or a short crossing).
NEIGHBOURS: frozenset[frozenset[str]] = frozenset(
    frozenset(pair)
    for pair in (
        ("北海道", "東北"),
        ("東北", "関東"),
        ("東北", "中部"),
        ("関東", "中部"),
        ("中部", "近畿"),
        ("近畿", "中国"),
        ("近畿", "四国"),
        ("中国", "四国"),
        ("中国", "九州・沖縄"),
        ("四国", "九州・沖縄"),
    )
)
NATIONWIDE = frozenset({"全国", "日本全国", "国内", "全都道府県", "全国対応", "日本"})
INLAND = frozenset({9, 10, 11, 19, 20, 21, 25, 29})  # 栃木 群馬 埼玉 山梨 長野 岐阜 滋賀 奈良


@dataclass(frozen=True, slots=True)
class Place:
    """A municipality of the master: code, prefecture number, name and office position (if known)."""

    code: str
    prefecture: int
    name: str
    full_name: str
    position: tuple[float, float] | None


@dataclass(frozen=True, slots=True)
class Served:
    """Where a solution is offered: nationwide, or prefectures and municipalities (unknown if empty)."""

    nationwide: bool
    prefectures: frozenset[int]
    places: tuple[str, ...]  # municipality codes

    @property
    def known(self) -> bool:
        return self.nationwide or bool(self.prefectures)


def block_of(prefecture: int) -> str:
    """The regional block of a prefecture number."""
    for name, members in BLOCKS.items():
        if prefecture in members:
            return name
    raise ValueError(prefecture)


def _short(name: str) -> str:
    return name if name == "北海道" else re.sub(r"[都府県]$", "", name)


@lru_cache(maxsize=1)
def _prefecture_names() -> dict[str, int]:
    names: dict[str, int] = {}
    for number, name in enumerate(PREFECTURES, start=1):
        names[name] = number
        names[_short(name)] = number
    return names


@lru_cache(maxsize=1)
def places() -> dict[str, Place]:
    """Every municipality (and ward) of the master by its 6-digit code."""
    positions: dict[str, tuple[float, float]] = {}
    with (MASTER / "lg_offices.csv").open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["lgcode"] and row["lat"] and row["lng"]:
                positions[row["lgcode"]] = (float(row["lat"]), float(row["lng"]))
    result: dict[str, Place] = {}
    with (MASTER / "lg_codes.csv").open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            prefecture = int(row["pref_code"][:2])
            result[row["code"]] = Place(
                row["code"], prefecture, row["name"], row["full_name"], positions.get(row["code"])
            )
    return result


@lru_cache(maxsize=1)
def _places_by_name() -> dict[str, str]:
    names: dict[str, str] = {}
    for place in places().values():
        names.setdefault(place.full_name, place.code)
    return names


def prefecture_number(name: str) -> int | None:
    """1..47 for a prefecture's name (北海道, 東京都 or 東京), else None."""
    return _prefecture_names().get(fold(name).strip().replace(" ", ""))


@lru_cache(maxsize=1)
def centres() -> dict[int, tuple[float, float]]:
    """The mean office position of each prefecture's municipalities."""
    sums: dict[int, list[float]] = {}
    for place in places().values():
        if place.position is not None and place.code[2:5] != "000":
            total = sums.setdefault(place.prefecture, [0.0, 0.0, 0.0])
            total[0] += place.position[0]
            total[1] += place.position[1]
            total[2] += 1
    return {p: (t[0] / t[2], t[1] / t[2]) for p, t in sums.items()}


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lng) points."""
    lat1, lng1, lat2, lng2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


_SEPARATORS = re.compile(r"[・、,，/／\s]+")
_SUFFIX = re.compile(
    r"(?:全域|全体|一円|各地|一帯|エリア|圏内|内|地域|地方|の?[0-9０-９一二三四五六七八九]+[都道府県].*)$"
)
ONLINE = ("オンライン", "リモート", "web", "ウェブ")


def _area(name: str) -> tuple[bool, set[int], list[str]]:
    """One name of an area: (nationwide, prefectures, municipality codes); nothing known is all empty."""
    if not name:
        return False, set(), []
    if name in NATIONWIDE or name.startswith("全国") or any(name.startswith(o) for o in ONLINE):
        return True, set(), []
    number = prefecture_number(name)
    if number is not None:
        return False, {number}, []
    group = BLOCKS.get(name) or ALIASES.get(name)
    if group:
        return False, set(group), []
    code = name if name in places() else _places_by_name().get(name)
    if code is not None:
        place = places()[code]
        return False, ({place.prefecture} if code[2:5] == "000" else set()), [code]
    parts = [p for p in _SEPARATORS.split(name) if p]
    if len(parts) > 1:  # 「北海道・東北」「青森県、岩手県」
        nationwide = False
        prefectures: set[int] = set()
        codes: list[str] = []
        for part in parts:
            n, p, c = _area(part)
            nationwide, prefectures, codes = nationwide or n, prefectures | p, codes + c
        return nationwide, prefectures, codes
    stripped = _SUFFIX.sub("", name)
    if stripped and stripped != name:  # 「九州全域」「東北6県」「長野県内」「関東一円」
        return _area(stripped)
    for prefix, number in sorted(_prefecture_names().items(), key=lambda kv: -len(kv[0])):
        if len(prefix) >= 2 and name.startswith(prefix):  # 「北海道下川町周辺」
            return False, {number}, []
    return False, set(), []


def parse_served(names: list[str]) -> Served:
    """What a list like ["全国"], ["北海道", "青森県"], ["九州"] or ["北海道下川町"] covers."""
    nationwide = False
    prefectures: set[int] = set()
    codes: list[str] = []
    for raw in names:
        n, p, c = _area(fold(raw).strip())
        nationwide, prefectures, codes = nationwide or n, prefectures | p, codes + c
    return Served(nationwide, frozenset(prefectures), tuple(dict.fromkeys(codes)))


def factor(
    region_prefectures: frozenset[int],
    region_points: tuple[tuple[float, float], ...],
    served: Served,
) -> tuple[float, str]:
    """How well a solution's area fits the region, 0..1, and why: 'nationwide', 'prefecture', 'place',
    'near', 'block', 'far', 'unknown'. Never more for a smaller area than for 全国."""
    if not region_prefectures:
        return 1.0, "unknown"
    if served.nationwide:
        return 1.0, "nationwide"
    if not served.known and not served.places:
        return 0.85, "unknown"
    if region_prefectures & served.prefectures:
        return 1.0, "prefecture"
    local = [places()[c] for c in served.places if places()[c].prefecture in region_prefectures]
    if local:
        points = [p.position for p in local if p.position is not None]
        if points and region_points:
            return near_factor(min(distance_km(a, b) for a in region_points for b in points))
        return 0.9, "near"
    all_served = set(served.prefectures) | {places()[c].prefecture for c in served.places}
    return max((across(region_prefectures, p) for p in all_served), default=(0.85, "unknown"))


def near_factor(km: float) -> tuple[float, str]:
    """Offered in named municipalities of the region's prefecture: by the distance to the nearest."""
    if km <= 1.0:
        return 1.0, "place"
    return max(0.7, 1.0 - km / 600.0), "near"


@lru_cache(maxsize=4096)
def across(region: frozenset[int], served: int) -> tuple[float, str]:
    """A served prefecture that is not the region's: by block and the distance between centres."""
    region_blocks = {block_of(p) for p in region}
    served_block = block_of(served)
    near = min(
        (
            distance_km(centres()[a], centres()[served])
            for a in region
            if a in centres() and served in centres()
        ),
        default=2000.0,
    )
    if served_block in region_blocks:
        return max(0.55, 0.75 - near / 1500.0), "block"
    if any(frozenset((a, served_block)) in NEIGHBOURS for a in region_blocks):
        return max(0.4, 0.6 - near / 2000.0), "block"
    return max(0.2, 0.4 - near / 4000.0), "far"
