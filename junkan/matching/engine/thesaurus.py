"""The resource, challenge and field thesaurus: concepts, their terms, broader/narrower and related links.

``data/thesaurus.tsv`` holds one concept a line (name, broader concept, terms) and related links
(a challenge and the kinds of work that answer it). Terms are found in text by leftmost-longest
substring match on folded text (NFKC, lower case), so that 木質バイオマスボイラー is one term and not
木質バイオマス plus a stray ボイラー. A term written ``=海`` is matched only as a whole tag (a resource or
field given as the single word 海), never inside other text (北海道). ASCII terms match only at word
boundaries (EV, AI, PV). Phrases that deny a thing (海のない町, 温泉はない) are cut out before matching.

Similarity of two concepts: 1 for the same; a broader and a narrower one lose ``STEP`` a step
(間伐材 ⊂ 木質バイオマス: 0.8); two concepts that only share a broader one (siblings, cousins) count
``SIBLING`` of that, and ``ROOT`` less again when what they share is a top-level heading (太陽光 and
風力 are both 再生可能エネルギー, which says little); a related link counts ``RELATED``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "thesaurus.tsv"
STEP = 0.8
SIBLING = 0.5
ROOT = 0.6
RELATED = 0.6
# Below this, two concepts are taken as unrelated.
FLOOR = 0.15

_ASCII_TERM = re.compile(r"[0-9a-z\-]+")
# 「海のない」「温泉はない」「海に面していない」: the few characters before a denial are left out.
_DENIAL = re.compile(
    r"[^、。．，,\s]{1,8}?(?:のない|がない|が無い|はない|は無い|もない|に面していない|に面さない|を持たない|とは無縁|に乏しい)"
)


def fold(text: str) -> str:
    """Full-width to half-width, compatibility characters to their plain form, lower case."""
    return unicodedata.normalize("NFKC", text or "").casefold()


@dataclass(frozen=True, slots=True)
class Concept:
    """One concept: its index, name, broader concept (index or None) and terms."""

    index: int
    name: str
    parent: int | None
    terms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Mention:
    """A concept found in a text, with the words that named it."""

    concept: int
    surface: str


@dataclass
class Thesaurus:
    """Concepts with their terms; similarity between concepts; finding concepts in text."""

    concepts: list[Concept]
    related: dict[int, set[int]]
    by_name: dict[str, int] = field(default_factory=dict)
    _terms: dict[str, list[int]] = field(default_factory=dict)
    _exact: dict[str, list[int]] = field(default_factory=dict)
    _pattern: re.Pattern[str] | None = None
    _expansion: dict[int, dict[int, float]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_name = {c.name: c.index for c in self.concepts}
        for concept in self.concepts:
            for term in concept.terms:
                if term.startswith("="):
                    _add(self._exact, fold(term[1:]), concept.index)
                else:
                    _add(self._terms, fold(term), concept.index)
            _add(self._exact, fold(concept.name), concept.index)
        alternatives = []
        for term in sorted(self._terms, key=lambda t: (-len(t), t)):
            escaped = re.escape(term)
            if _ASCII_TERM.fullmatch(term):
                escaped = rf"(?<![0-9a-z]){escaped}(?![0-9a-z])"
            alternatives.append(escaped)
        self._pattern = re.compile("|".join(alternatives))
        for concept in self.concepts:
            self._expansion[concept.index] = self._expand(concept.index)

    def name(self, index: int) -> str:
        """The concept's name (its label in reasons)."""
        return self.concepts[index].name

    def ancestors(self, index: int) -> list[int]:
        """The broader concepts of ``index``, nearest first."""
        chain = []
        parent = self.concepts[index].parent
        while parent is not None:
            chain.append(parent)
            parent = self.concepts[parent].parent
        return chain

    def _expand(self, index: int) -> dict[int, float]:
        """``index`` and its broader concepts, each with the weight it keeps up there."""
        weights = {index: 1.0}
        weight = 1.0
        for ancestor in self.ancestors(index):
            weight *= STEP
            weights[ancestor] = weight
        return weights

    def similarity(self, a: int, b: int) -> float:
        """How close two concepts are, 0..1 (symmetric)."""
        return _similarity(self, a, b)

    def find(self, text: str) -> list[Mention]:
        """The concepts named in running text, in order (denied phrases left out)."""
        folded = _DENIAL.sub("　", fold(text))
        found = []
        assert self._pattern is not None
        for match in self._pattern.finditer(folded):
            for concept in self._terms[match.group(0)]:
                found.append(Mention(concept, match.group(0)))
        return found

    def find_tag(self, tag: str) -> list[Mention]:
        """The concepts of a short tag (a resource or a field): the whole tag first, else its terms."""
        folded = fold(tag).strip()
        exact = self._exact.get(folded) or self._terms.get(folded)
        if exact:
            return [Mention(concept, folded) for concept in exact]
        found = self.find(folded)
        if found:
            return found
        # 「森林・林業」「エネルギー、水」: each part on its own as a whole tag.
        parts = [p for p in re.split(r"[・、,/／\s]+", folded) if p and p != folded]
        return [m for part in parts for m in self.find_tag(part)]

    def all_related(self, index: int) -> Iterable[int]:
        """Concepts related to ``index`` or to one of its broader concepts."""
        for node in (index, *self.ancestors(index)):
            yield from self.related.get(node, ())


def _add(table: dict[str, list[int]], term: str, concept: int) -> None:
    """Add ``concept`` under ``term`` once."""
    concepts = table.setdefault(term, [])
    if concept not in concepts:
        concepts.append(concept)


def _similarity(thesaurus: Thesaurus, a: int, b: int) -> float:
    key = (a, b) if a <= b else (b, a)
    cached = _SIM_CACHE.get(id(thesaurus), {}).get(key)
    if cached is not None:
        return cached
    ea, eb = thesaurus._expansion[a], thesaurus._expansion[b]
    best = 0.0
    for node, weight in ea.items():
        other = eb.get(node)
        if other is not None:
            shared = weight * other
            if node not in (a, b):
                shared *= SIBLING * (ROOT if thesaurus.concepts[node].parent is None else 1.0)
            best = max(best, shared)
    for x, y, wx in ((a, b, 1.0), (b, a, 1.0)):
        for node, weight in thesaurus._expansion[x].items():
            if node in thesaurus.related:
                for rel in thesaurus.related[node]:
                    if rel in thesaurus._expansion[y]:
                        best = max(best, RELATED * weight * wx * thesaurus._expansion[y][rel])
    if best < FLOOR:
        best = 0.0
    _SIM_CACHE.setdefault(id(thesaurus), {})[key] = best
    return best


_SIM_CACHE: dict[int, dict[tuple[int, int], float]] = {}


def parse(text: str) -> Thesaurus:
    """A thesaurus from the TSV text (see the module docstring)."""
    rows: list[tuple[str, str, list[str]]] = []
    links: list[tuple[str, list[str]]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            raise ValueError(f"thesaurus line {number}: three tab-separated columns expected")
        if parts[0] == "~":
            links.append((parts[1], [p for p in parts[2].split("|") if p]))
        else:
            rows.append((parts[0], parts[1], [p for p in parts[2].split("|") if p]))
    names = {name: index for index, (name, _parent, _terms) in enumerate(rows)}
    if len(names) != len(rows):
        raise ValueError("thesaurus: a concept is declared twice")
    concepts = []
    for index, (name, parent, terms) in enumerate(rows):
        if parent and parent not in names:
            raise ValueError(f"thesaurus: {name}: unknown broader concept {parent}")
        concepts.append(Concept(index, name, names[parent] if parent else None, tuple(terms)))
    related: dict[int, set[int]] = {}
    for source, targets in links:
        for target in targets:
            if source not in names or target not in names:
                raise ValueError(f"thesaurus: unknown concept in link {source} ~ {target}")
            related.setdefault(names[source], set()).add(names[target])
            related.setdefault(names[target], set()).add(names[source])
    return Thesaurus(concepts, related)


@lru_cache(maxsize=1)
def default() -> Thesaurus:
    """The shipped thesaurus, read once."""
    return parse(DATA.read_text(encoding="utf-8"))
