"""Ranking many solutions at once: the score of ``ranking.score`` computed for all of them with numpy.

Built once over prepared solutions (when registrations are approved, the platform keeps one per process
and rebuilds it when they change). Concept weights are a dense matrix (solutions × concepts, float32),
words and bigrams are postings with idf-normalized weights, areas are a prefecture mask. Ranking a
region computes every part of the score for every solution in a few vector operations, takes the best
candidates and scores those again one by one with ``ranking.score`` (which also writes the reasons), so
the order and the figures are those of the scalar scorer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from junkan.matching.engine import geography, ranking
from junkan.matching.engine.ranking import PreparedRegion, PreparedSolution, Result
from junkan.matching.engine.thesaurus import Thesaurus, default

Postings = dict[str, tuple[np.ndarray, np.ndarray]]


@dataclass
class _Places:
    solution: np.ndarray
    prefecture: np.ndarray
    lat: np.ndarray
    lng: np.ndarray
    has_position: np.ndarray


def _postings(vectors: list[dict[str, float]], idf: Callable[[str], float]) -> Postings:
    lists: dict[str, tuple[list[int], list[float]]] = {}
    for index, vector in enumerate(vectors):
        weighted = {t: w * idf(t) for t, w in vector.items()}
        length = float(np.sqrt(sum(v * v for v in weighted.values()))) or 1.0
        for term, value in weighted.items():
            entry = lists.setdefault(term, ([], []))
            entry[0].append(index)
            entry[1].append(value / length)
    return {
        t: (np.asarray(i, dtype=np.int32), np.asarray(v, dtype=np.float64)) for t, (i, v) in lists.items()
    }


class SolutionIndex:
    """Prepared solutions in arrays, ready to rank for any region."""

    def __init__(self, solutions: Sequence[PreparedSolution], thesaurus: Thesaurus | None = None) -> None:
        th = thesaurus or default()
        self.thesaurus = th
        self.solutions = list(solutions)
        self.ids = [s.id for s in self.solutions]
        self.corpus = ranking.corpus_of(self.solutions)
        n, c = len(self.solutions), len(th.concepts)
        self.size = n
        self.weights = np.zeros((n, c), dtype=np.float64)
        self.core = np.zeros((n, c), dtype=np.float64)
        self.sdg_masks = np.zeros(n, dtype=np.int64)
        self.nationwide = np.zeros(n, dtype=bool)
        self.known = np.zeros(n, dtype=bool)
        wanted = {th.by_name[name] for name in ranking.NEEDS if name in th.by_name}
        need_rows: list[int] = []
        need_concepts: list[int] = []
        place_rows: list[tuple[int, int, float, float, bool]] = []
        for row, solution in enumerate(self.solutions):
            for concept, weight in solution.concepts.items():
                self.weights[row, concept] = weight
            for concept, weight in solution.core.items():
                self.core[row, concept] = weight
                if weight >= 0.6 and (concept in wanted or wanted & set(th.ancestors(concept))):
                    need_rows.append(row)
                    need_concepts.append(concept)
            for goal in solution.sdgs:
                self.sdg_masks[row] |= 1 << goal
            self.nationwide[row] = solution.served.nationwide
            self.known[row] = solution.served.known or bool(solution.served.places)
            for code in solution.served.places:
                place = geography.places()[code]
                lat, lng = place.position or (0.0, 0.0)
                place_rows.append((row, place.prefecture, lat, lng, place.position is not None))
        self.core_sum = self.core.sum(axis=1)
        self.columns = np.ascontiguousarray(self.weights.T)  # one contiguous row per concept
        sea = th.by_name["海洋・沿岸"]
        self.need_is_sea = np.asarray(
            [th.name(c) in ranking.SEA_CONCEPTS or sea in th.ancestors(c) for c in need_concepts], dtype=bool
        )
        pairs = sorted(
            {(row, p) for row, s in enumerate(self.solutions) for p in s.served.prefectures}
            | {(p[0], p[1]) for p in place_rows}
        )
        self.pref_rows = np.asarray([r for r, _p in pairs], dtype=np.int64)
        self.pref_values = np.asarray([p for _r, p in pairs], dtype=np.int64)
        self.pref_own = np.asarray([p for r, p in pairs], dtype=np.int64)
        starts = (
            np.flatnonzero(np.r_[True, self.pref_rows[1:] != self.pref_rows[:-1]])
            if pairs
            else np.zeros(0, dtype=np.int64)
        )
        self.pref_starts = starts
        self.pref_owners = self.pref_rows[starts] if pairs else np.zeros(0, dtype=np.int64)
        listed = {(row, p) for row, s in enumerate(self.solutions) for p in s.served.prefectures}
        self.pref_listed = np.asarray([(r, p) in listed for r, p in pairs], dtype=bool)
        core_rows, core_concepts = np.nonzero(self.core)
        self.core_rows = core_rows
        self.core_concepts = core_concepts
        self.core_values = self.core[core_rows, core_concepts]
        del self.core
        self.need_rows = np.asarray(need_rows, dtype=np.int32)
        self.need_concepts = np.asarray(need_concepts, dtype=np.int32)
        self.places = _Places(
            np.asarray([p[0] for p in place_rows], dtype=np.int32),
            np.asarray([p[1] for p in place_rows], dtype=np.int32),
            np.radians(np.asarray([p[2] for p in place_rows], dtype=np.float64)),
            np.radians(np.asarray([p[3] for p in place_rows], dtype=np.float64)),
            np.asarray([p[4] for p in place_rows], dtype=bool),
        )
        self.words = _postings([s.words for s in self.solutions], self.corpus.word_idf)
        self.grams = _postings([s.grams for s in self.solutions], self.corpus.gram_idf)
        self._similarity = np.asarray(
            [[th.similarity(a, b) for b in range(c)] for a in range(c)], dtype=np.float64
        )

    # -- parts ------------------------------------------------------------------------------------

    def _best(self, concept: int) -> np.ndarray:
        sims = self._similarity[concept]
        best = np.zeros(self.size)
        for column in np.nonzero(sims)[0]:
            np.maximum(best, self.columns[column] * sims[column], out=best)
        return best

    def _dot(self, postings: Postings, vector: dict[str, float], idf: Callable[[str], float]) -> np.ndarray:
        out = np.zeros(self.size)
        weighted = {t: w * idf(t) for t, w in vector.items()}
        length = float(np.sqrt(sum(v * v for v in weighted.values())))
        if not length:
            return out
        for term, value in weighted.items():
            if value and term in postings:
                rows, values = postings[term]
                out[rows] += values * (value / length)
        return out

    def _presence(self, grams: dict[str, float]) -> np.ndarray:
        out = np.zeros(self.size)
        if not grams:
            return out
        for gram in grams:
            if gram in self.grams:
                out[self.grams[gram][0]] += 1.0
        return out / len(grams)

    def _geography(self, region: PreparedRegion) -> np.ndarray:
        if not region.prefectures:
            return np.ones(self.size)
        across = np.zeros(48)
        mine = np.zeros(48, dtype=bool)
        for prefecture in range(1, 48):
            if prefecture in region.prefectures:
                mine[prefecture] = True
            else:
                across[prefecture] = geography.across(region.prefectures, prefecture)[0]
        geo = np.full(self.size, 0.85)
        if len(self.pref_rows):
            geo[self.pref_owners] = np.maximum.reduceat(across[self.pref_values], self.pref_starts)
        if len(self.places.solution):
            local = mine[self.places.prefecture]
            geo[self.places.solution[local]] = 0.9
            with_position = local & self.places.has_position
            if region.points and with_position.any():
                lat = self.places.lat[with_position]
                lng = self.places.lng[with_position]
                km = np.full(lat.shape, np.inf)
                for point in region.points:
                    plat, plng = np.radians(point[0]), np.radians(point[1])
                    h = (
                        np.sin((lat - plat) / 2) ** 2
                        + np.cos(plat) * np.cos(lat) * np.sin((lng - plng) / 2) ** 2
                    )
                    km = np.minimum(km, 6371.0 * 2 * np.arcsin(np.minimum(1.0, np.sqrt(h))))
                rows = self.places.solution[with_position]
                nearest = np.full(self.size, np.inf)
                np.minimum.at(nearest, rows, km)
                found = np.isfinite(nearest)
                geo[found] = np.where(
                    nearest[found] <= 1.0, 1.0, np.maximum(0.7, 1.0 - nearest[found] / 600.0)
                )
        if len(self.pref_rows):
            covered = mine[self.pref_values] & self.pref_listed
            geo[np.unique(self.pref_rows[covered])] = 1.0
        geo[~self.known] = 0.85
        geo[self.nationwide] = 1.0
        return geo

    def scores(self, region: PreparedRegion) -> np.ndarray:
        """The score of every solution for ``region`` (as ``ranking.score`` computes it)."""
        th = self.thesaurus
        miss = np.ones(self.size)
        for rc in region.resources:
            miss *= 1.0 - rc.weight * self._best(rc.concept)
        for _tag, grams in region.oov_resources:
            miss *= 1.0 - ranking.W_RESOURCE * np.minimum(1.0, 1.5 * self._presence(grams))
        resources = 1.0 - miss
        miss = np.ones(self.size)
        for _label, concepts, words in region.challenges:
            best = np.zeros(self.size)
            for concept in concepts:
                best = np.maximum(best, self._best(concept) * ranking.challenge_weight(th, concept, concepts))
            cos = self._dot(self.words, words, self.corpus.word_idf)
            best = np.maximum(best, np.minimum(1.0, 2.0 * cos))
            miss *= 1.0 - ranking.W_CHALLENGE * best
        challenges = 1.0 - miss
        word_cos = self._dot(self.words, region.words, self.corpus.word_idf)
        gram_cos = self._dot(self.grams, region.grams, self.corpus.gram_idf)
        similarity = np.minimum(1.0, 1.6 * (0.6 * word_cos + 0.4 * gram_cos))
        goals = sum(1 << g for g in region.sdgs)
        overlap = np.bitwise_count(self.sdg_masks & goals).astype(np.float64)
        union = np.bitwise_count(self.sdg_masks | goals).astype(np.float64)
        sdgs = np.where(overlap > 0, overlap / np.maximum(union, 1.0), 0.0)
        affinity = np.zeros(len(th.concepts))
        for concept, value in region.affinity.items():
            affinity[concept] = value
        had = np.bincount(
            self.core_rows, weights=self.core_values * affinity[self.core_concepts], minlength=self.size
        )
        fit_raw = np.where(self.core_sum > 0, had / np.maximum(self.core_sum, 1e-12), 0.5)
        fit = ranking.FIT_FLOOR + (1.0 - ranking.FIT_FLOOR) * fit_raw
        penalty = np.ones(self.size)
        if len(self.need_rows):
            unmet = affinity[self.need_concepts] < 0.6
            values = np.where(self.need_is_sea & region.inland, ranking.INLAND_SEA, ranking.MISSING_NEED)
            np.minimum.at(penalty, self.need_rows[unmet], values[unmet])
        w = ranking.WEIGHTS
        relevance = (
            w["resources"] * resources
            + w["challenges"] * challenges
            + w["text"] * similarity
            + w["sdgs"] * sdgs
        )
        return self._geography(region) * fit * relevance * penalty

    def rank(self, region: PreparedRegion, limit: int = 10) -> list[Result]:
        """The best ``limit`` solutions, best first, ties by id, with reasons."""
        if not self.size or limit <= 0:
            return []
        values = self.scores(region)
        k = min(self.size, limit)
        if k < self.size:
            # Every solution within rounding of the k-th best: the scalar scorer settles their order.
            threshold = np.partition(values, self.size - k)[self.size - k]
            candidates = np.nonzero(values >= threshold - 1e-5)[0]
        else:
            candidates = np.arange(self.size)
        results = [ranking.score(region, self.solutions[i], self.corpus, self.thesaurus) for i in candidates]
        results.sort(key=lambda r: (-r.score, r.id))
        return results[:limit]
