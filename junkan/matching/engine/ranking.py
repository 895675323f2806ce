"""Ranking solutions for a region (and regions for a solution), with reasons and the score's parts.

score = geography × fit × (0.45·resources + 0.30·challenges + 0.17·text + 0.08·SDGs) × sea

- resources: for each of the region's resources (given, or found in its name and description), how
  close the nearest concept of the solution is (thesaurus similarity; a resource outside the thesaurus
  by its characters); combined as a noisy-OR, so each further match adds and none takes away.
- challenges: for each challenge, the better of the thesaurus (the challenge's concepts, or what is
  related to them: エネルギー代金の域外流出 ~ 再生可能エネルギー) and the words it shares with the
  solution; noisy-OR again.
- text: idf-weighted cosine of the content words (SudachiPy normalized forms) and character bigrams of
  the region's description and the solution's.
- SDGs: Jaccard overlap of the goals, weak on purpose.
- fit: how much of what the solution is about (its resources, title, fields) the region has: a
  seaweed-bed project fits a town only if the town has a coast.
- geography: 1 where the solution is offered (全国, the prefecture, the municipality), less for the
  same or a neighbouring block and by distance (``geography.factor``).
- sea: a solution about the sea for a region that says it is inland (or lies in an inland
  prefecture and names no coast) keeps ``INLAND_SEA``.

Ties are broken by id, so the order is deterministic.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from junkan.matching.engine import geography, text
from junkan.matching.engine.thesaurus import Thesaurus, default, fold

WEIGHTS = {"resources": 0.45, "challenges": 0.30, "text": 0.17, "sdgs": 0.08}
FIT_FLOOR = 0.35
INLAND_SEA = 0.3
# A solution about one of these works only where the region has it (a coast, a hot spring, livestock …);
# a region that names none of it keeps ``MISSING_NEED`` of the score.
NEEDS = (
    "海洋・沿岸",
    "海洋ごみ",
    "藻場・ブルーカーボン",
    "水産資源",
    "温泉",
    "地熱",
    "雪氷熱",
    "畜産",
    "家畜排せつ物",
    "風力",
)
MISSING_NEED = 0.4
W_RESOURCE = 0.65
W_TEXT_CONCEPT = 0.35
W_CHALLENGE = 0.7
CONTEXT = 0.6
REASON_AT = 0.45
# In a corpus of more than LARGE solutions, terms found in more than COMMON of them are left out.
LARGE = 2000
COMMON = 0.1
SEA_CONCEPTS = ("海洋・沿岸", "海洋ごみ", "藻場・ブルーカーボン")
CHALLENGE_ROOTS = frozenset(
    {
        "エネルギー代金の域外流出",
        "脱炭素",
        "人口減少",
        "高齢化",
        "移住定住",
        "防災",
        "交通",
        "福祉・健康",
        "教育",
        "雇用・産業振興",
        "人材育成",
        "森林の荒廃",
        "耕作放棄地",
        "空き家",
        "鳥獣被害",
        "海洋ごみ",
    }
)


@dataclass(frozen=True)
class Region:
    """A region as the API gives it."""

    name: str = ""
    municipalities: tuple[str, ...] = ()
    prefectures: tuple[str, ...] = ()
    resources: tuple[str, ...] = ()
    challenges: tuple[str, ...] = ()
    sdgs: tuple[int, ...] = ()
    text: str = ""


@dataclass(frozen=True)
class Solution:
    """A solution as the API gives it."""

    id: str
    title: str = ""
    text: str = ""
    fields: tuple[str, ...] = ()
    uses_resources: tuple[str, ...] = ()
    sdgs: tuple[int, ...] = ()
    regions_served: tuple[str, ...] = ()


@dataclass(frozen=True)
class PreparedSolution:
    """What ranking needs of a solution, computed once (when a registration is approved)."""

    id: str
    title: str
    concepts: dict[int, float]  # concept → weight (1 for its resources and title, less for its text)
    core: dict[int, float]  # what the solution is about
    field_concepts: frozenset[int]
    words: dict[str, float]
    grams: dict[str, float]
    served: geography.Served
    sdgs: frozenset[int]

    def to_json(self) -> dict[str, object]:
        """A JSON-serializable form (stored with the registration)."""
        return {
            "id": self.id,
            "title": self.title,
            "concepts": {str(k): v for k, v in self.concepts.items()},
            "core": {str(k): v for k, v in self.core.items()},
            "field_concepts": sorted(self.field_concepts),
            "words": self.words,
            "grams": self.grams,
            "served": {
                "nationwide": self.served.nationwide,
                "prefectures": sorted(self.served.prefectures),
                "places": list(self.served.places),
            },
            "sdgs": sorted(self.sdgs),
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> PreparedSolution:
        """The inverse of :meth:`to_json`."""
        served = data["served"]
        assert isinstance(served, dict)
        return cls(
            id=str(data["id"]),
            title=str(data["title"]),
            concepts={int(k): float(v) for k, v in dict(data["concepts"]).items()},  # type: ignore[call-overload]
            core={int(k): float(v) for k, v in dict(data["core"]).items()},  # type: ignore[call-overload]
            field_concepts=frozenset(int(x) for x in data["field_concepts"]),  # type: ignore[attr-defined]
            words={str(k): float(v) for k, v in dict(data["words"]).items()},  # type: ignore[call-overload]
            grams={str(k): float(v) for k, v in dict(data["grams"]).items()},  # type: ignore[call-overload]
            served=geography.Served(
                bool(served["nationwide"]), frozenset(served["prefectures"]), tuple(served["places"])
            ),
            sdgs=frozenset(int(x) for x in data["sdgs"]),  # type: ignore[attr-defined]
        )


@dataclass(frozen=True)
class RegionConcept:
    concept: int
    weight: float
    label: str
    declared: bool  # one of the region's own resources


@dataclass(frozen=True)
class PreparedRegion:
    """What ranking needs of a region."""

    name: str
    resources: tuple[RegionConcept, ...]
    oov_resources: tuple[tuple[str, dict[str, float]], ...]  # resources outside the thesaurus, as bigrams
    challenges: tuple[tuple[str, tuple[int, ...], dict[str, float]], ...]
    affinity: dict[int, float]  # concept → how much the region has of it (for fit)
    words: dict[str, float]
    grams: dict[str, float]
    prefectures: frozenset[int]
    points: tuple[tuple[float, float], ...]
    sdgs: frozenset[int]
    inland: bool
    prefecture_label: str


@dataclass(frozen=True)
class Result:
    """One ranked solution (or region): id, score, reasons in Japanese and the score's parts."""

    id: str
    score: float
    reasons: tuple[str, ...]
    parts: dict[str, float] = field(default_factory=dict)


@dataclass
class Corpus:
    """Document frequencies of words and bigrams over the solutions being ranked (for idf)."""

    size: int = 0
    words: dict[str, int] = field(default_factory=dict)
    grams: dict[str, int] = field(default_factory=dict)
    _memo: dict[int, dict[str, float]] = field(default_factory=dict, repr=False)

    def add(self, solution: PreparedSolution) -> None:
        """Count one solution."""
        self._memo.clear()
        self.size += 1
        for word in solution.words:
            self.words[word] = self.words.get(word, 0) + 1
        for gram in solution.grams:
            self.grams[gram] = self.grams.get(gram, 0) + 1

    def idf(self, table: dict[str, int], term: str) -> float:
        """Smoothed inverse document frequency; 0 for a term in over a tenth of a large corpus."""
        memo = self._memo.setdefault(id(table), {})
        value = memo.get(term)
        if value is None:
            value = memo[term] = self._idf(table, term)
        return value

    def _idf(self, table: dict[str, int], term: str) -> float:
        df = table.get(term, 0)
        if self.size > LARGE and df > self.size * COMMON:
            return 0.0
        return math.log(1.0 + (self.size + 1) / (df + 0.5))

    def word_idf(self, term: str) -> float:
        """idf of a word."""
        return self.idf(self.words, term)

    def gram_idf(self, term: str) -> float:
        """idf of a bigram."""
        return self.idf(self.grams, term)


def prepare_solution(solution: Solution, thesaurus: Thesaurus | None = None) -> PreparedSolution:
    """Concepts, words and area of a solution."""
    th = thesaurus or default()
    concepts: dict[int, float] = {}
    core: dict[int, float] = {}
    fields: set[int] = set()

    def put(table: dict[int, float], concept: int, weight: float) -> None:
        table[concept] = max(table.get(concept, 0.0), weight)

    for tag in solution.uses_resources:
        for mention in th.find_tag(tag):
            put(concepts, mention.concept, 1.0)
            put(core, mention.concept, 1.0)
    for mention in th.find(solution.title):
        put(concepts, mention.concept, 1.0)
        put(core, mention.concept, 1.0)
    for tag in solution.fields:
        for mention in th.find_tag(tag):
            put(concepts, mention.concept, 0.8)
            put(core, mention.concept, 0.6)
            fields.add(mention.concept)
    counts: dict[int, int] = {}
    for mention in th.find(solution.text):
        counts[mention.concept] = counts.get(mention.concept, 0) + 1
    for concept, n in counts.items():
        put(concepts, concept, 0.7 if n == 1 else 0.85)
    if not core:
        for concept, n in counts.items():
            put(core, concept, 0.7 if n == 1 else 0.85)
    body = " ".join(
        (
            solution.title,
            solution.title,
            solution.text,
            " ".join(solution.fields),
            " ".join(solution.uses_resources),
        )
    )
    return PreparedSolution(
        id=solution.id,
        title=solution.title,
        concepts=concepts,
        core=core,
        field_concepts=frozenset(fields),
        words=text.weighted(text.words(body)),
        grams=text.weighted(text.bigrams(body)),
        served=geography.parse_served(list(solution.regions_served)),
        sdgs=frozenset(g for g in solution.sdgs if 1 <= g <= 17),
    )


def prepare_region(region: Region, thesaurus: Thesaurus | None = None) -> PreparedRegion:
    """Concepts, challenges, words and place of a region."""
    th = thesaurus or default()
    resources: list[RegionConcept] = []
    oov: list[tuple[str, dict[str, float]]] = []
    seen: set[int] = set()
    for tag in region.resources:
        mentions = th.find_tag(tag)
        if not mentions:
            oov.append((tag, text.weighted(text.bigrams(tag))))
        for mention in mentions:
            if mention.concept not in seen:
                seen.add(mention.concept)
                resources.append(RegionConcept(mention.concept, W_RESOURCE, tag.strip(), True))
    description = " ".join((region.name, region.text))
    for mention in th.find(description):
        if mention.concept not in seen:
            seen.add(mention.concept)
            resources.append(RegionConcept(mention.concept, W_TEXT_CONCEPT, th.name(mention.concept), False))
    challenges = []
    for challenge in region.challenges:
        concepts = tuple(dict.fromkeys(m.concept for m in th.find(challenge)))
        challenges.append((challenge.strip(), concepts, text.weighted(text.words(challenge))))
    affinity: dict[int, float] = {}
    everything = [(rc.concept, 1.0 if rc.declared else 0.8) for rc in resources]
    everything += [(c, 0.9) for _label, concepts, _w in challenges for c in concepts]
    for concept, weight in everything:
        for other in range(len(th.concepts)):
            value = th.similarity(concept, other) * weight
            if value > affinity.get(other, 0.0):
                affinity[other] = value
    prefectures: set[int] = set()
    points = []
    for code in region.municipalities:
        place = geography.places().get(code)
        if place is not None:
            prefectures.add(place.prefecture)
            if place.position is not None:
                points.append(place.position)
    for name in region.prefectures:
        number = geography.prefecture_number(name)
        if number is not None:
            prefectures.add(number)
    all_text = fold(" ".join((region.name, region.text, *region.challenges, *region.resources)))
    names_coast = any(
        th.by_name[name] in affinity and affinity[th.by_name[name]] >= 0.8
        for name in SEA_CONCEPTS
        if name in th.by_name
    )
    says_inland = any(
        word in all_text for word in ("内陸", "海のない", "海がない", "海に面していない", "山間")
    )
    inland = not names_coast and (says_inland or (bool(prefectures) and prefectures <= geography.INLAND))
    ordered = sorted(prefectures)
    label = (
        geography.PREFECTURES[ordered[0] - 1]
        if len(ordered) == 1
        else "・".join(geography.PREFECTURES[p - 1] for p in ordered[:3])
    )
    body = " ".join((region.name, region.text, *region.challenges))
    return PreparedRegion(
        name=region.name,
        resources=tuple(resources),
        oov_resources=tuple(oov),
        challenges=tuple(challenges),
        affinity=affinity,
        words=text.weighted(text.words(body)),
        grams=text.weighted(text.bigrams(body)),
        prefectures=frozenset(prefectures),
        points=tuple(points),
        sdgs=frozenset(g for g in region.sdgs if 1 <= g <= 17),
        inland=inland,
        prefecture_label=label,
    )


def score(
    region: PreparedRegion,
    solution: PreparedSolution,
    corpus: Corpus,
    thesaurus: Thesaurus | None = None,
) -> Result:
    """The score of one solution for one region, with its reasons and parts."""
    th = thesaurus or default()
    reasons: list[str] = []
    # Resources.
    miss = 1.0
    resource_reasons: list[tuple[float, str]] = []
    for rc in region.resources:
        best, via = 0.0, -1
        for concept, weight in solution.concepts.items():
            value = th.similarity(rc.concept, concept) * weight
            if value > best:
                best, via = value, concept
        miss *= 1.0 - rc.weight * best
        if best >= REASON_AT and via >= 0:
            name = th.name(rc.concept)
            if (
                th.name(rc.concept) in CHALLENGE_ROOTS
                or any(th.name(a) in CHALLENGE_ROOTS for a in th.ancestors(rc.concept))
            ) and not rc.declared:
                resource_reasons.append((best * rc.weight, f"地域の課題『{name}』に対応"))
                continue
            label = rc.label if rc.declared else name
            extra = "" if th.name(via) in (label, name) or best >= 0.95 else f"（{th.name(via)}）"
            resource_reasons.append((best * rc.weight, f"地域資源『{label}』{extra}を活用"))
    for tag, grams in region.oov_resources:
        value = min(1.0, 1.5 * _containment(grams, solution.grams))
        miss *= 1.0 - W_RESOURCE * value
        if value >= REASON_AT:
            resource_reasons.append((value * W_RESOURCE, f"地域資源『{tag.strip()}』を活用"))
    resources = 1.0 - miss
    # Challenges.
    miss = 1.0
    challenge_reasons: list[tuple[float, str]] = []
    for label, concepts, words in region.challenges:
        best = 0.0
        for concept in concepts:
            factor = challenge_weight(th, concept, concepts)
            for other, weight in solution.concepts.items():
                best = max(best, th.similarity(concept, other) * weight * factor)
        best = max(best, min(1.0, 2.0 * text.cosine(words, solution.words, corpus.word_idf)))
        miss *= 1.0 - W_CHALLENGE * best
        if best >= REASON_AT:
            challenge_reasons.append((best, f"課題『{label}』に対応"))
    challenges = 1.0 - miss
    # Text.
    word_cos = text.cosine(region.words, solution.words, corpus.word_idf)
    gram_cos = text.cosine(region.grams, solution.grams, corpus.gram_idf)
    similarity = min(1.0, 1.6 * (0.6 * word_cos + 0.4 * gram_cos))
    # SDGs.
    shared = region.sdgs & solution.sdgs
    sdgs = len(shared) / len(region.sdgs | solution.sdgs) if shared else 0.0
    # Fit: how much of what the solution is about the region has.
    if solution.core:
        total = sum(solution.core.values())
        fit_raw = sum(w * region.affinity.get(c, 0.0) for c, w in solution.core.items()) / total
    else:
        fit_raw = 0.5
    fit = FIT_FLOOR + (1.0 - FIT_FLOOR) * fit_raw
    geo, how = geography.factor(region.prefectures, region.points, solution.served)
    sea = 1.0
    for need in _needs(th, solution):
        if region.affinity.get(need, 0.0) < 0.6:
            is_sea = th.name(need) in SEA_CONCEPTS or th.by_name["海洋・沿岸"] in th.ancestors(need)
            sea = min(sea, INLAND_SEA if (is_sea and region.inland) else MISSING_NEED)
    relevance = (
        WEIGHTS["resources"] * resources
        + WEIGHTS["challenges"] * challenges
        + WEIGHTS["text"] * similarity
        + WEIGHTS["sdgs"] * sdgs
    )
    total = geo * fit * relevance * sea
    # Reasons: only what matched.
    for _w, sentence in sorted(challenge_reasons, key=lambda x: -x[0])[:2]:
        reasons.append(sentence)
    for _w, sentence in sorted(resource_reasons, key=lambda x: -x[0]):
        if sentence not in reasons and len(reasons) < 4:
            reasons.append(sentence)
    if how in ("nationwide", "prefecture", "place") and region.prefectures:
        reasons.append(f"{region.prefecture_label}で実施可能")
    elif how == "near":
        reasons.append("近隣の市町村で実施可能")
    if shared:
        reasons.append("SDGsの目標" + "・".join(str(g) for g in sorted(shared)) + "が共通")
    parts = {
        "resources": round(resources, 4),
        "challenges": round(challenges, 4),
        "text": round(similarity, 4),
        "sdgs": round(sdgs, 4),
        "fit": round(fit, 4),
        "geography": round(geo, 4),
        "needs": round(sea, 4),
    }
    return Result(solution.id, round(total, 6), tuple(reasons), parts)


def is_challenge(th: Thesaurus, concept: int) -> bool:
    """A concept that names a problem (人口減少, 鳥獣被害 …) rather than a resource."""
    return th.name(concept) in CHALLENGE_ROOTS or any(
        th.name(a) in CHALLENGE_ROOTS for a in th.ancestors(concept)
    )


def challenge_weight(th: Thesaurus, concept: int, concepts: Sequence[int]) -> float:
    """In 「林業の担い手不足」 the problem (担い手不足) counts fully, the setting (林業) as ``CONTEXT``."""
    if is_challenge(th, concept) or not any(is_challenge(th, c) for c in concepts):
        return 1.0
    return CONTEXT


def _needs(th: Thesaurus, solution: PreparedSolution) -> list[int]:
    """The concepts among ``NEEDS`` that the solution is about (its core)."""
    wanted = {th.by_name[n] for n in NEEDS if n in th.by_name}
    return [
        c for c, w in solution.core.items() if w >= 0.6 and (c in wanted or wanted & set(th.ancestors(c)))
    ]


def _containment(a: dict[str, float], b: dict[str, float]) -> float:
    """The share of ``a``'s bigrams found in ``b``."""
    if not a:
        return 0.0
    return sum(1 for gram in a if gram in b) / len(a)


def corpus_of(solutions: Iterable[PreparedSolution]) -> Corpus:
    """Document frequencies over ``solutions``."""
    corpus = Corpus()
    for solution in solutions:
        corpus.add(solution)
    return corpus


def rank(
    region: PreparedRegion,
    solutions: Sequence[PreparedSolution],
    limit: int = 10,
    corpus: Corpus | None = None,
    thesaurus: Thesaurus | None = None,
) -> list[Result]:
    """The best ``limit`` solutions for the region, best first; ties by id."""
    corpus = corpus if corpus is not None else corpus_of(solutions)
    results = (score(region, s, corpus, thesaurus) for s in solutions)
    return heapq.nsmallest(limit, results, key=lambda r: (-r.score, r.id))


def rank_raw(region: Region, solutions: Sequence[Solution], limit: int = 10) -> list[Result]:
    """Prepare and rank in one call (the API's case)."""
    prepared = [prepare_solution(s) for s in solutions]
    return rank(prepare_region(region), prepared, limit)
