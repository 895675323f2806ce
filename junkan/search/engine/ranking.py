"""Relevance ranking: BM25 over the stored terms, with the title weighted (the BM25F simplification).

A query is a list of term groups (one per word, see ``analysis.query_groups``); a group scores the
best of its forms in the document. The title counts ``title_weight`` times as much as the body: a
title occurrence adds ``title_weight`` to the term frequency and to the document length, so a word
in the title lifts a document, and a long title does not.

idf is the non-negative variant ``ln(1 + (N − df + 0.5) / (df + 0.5))`` so that a term found in
most documents still counts a little instead of lowering the score.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

Groups = Sequence[frozenset[str]]


@dataclass(frozen=True, slots=True)
class Params:
    """k1 saturates term frequency, b normalises by length, title_weight boosts the title."""

    k1: float = 1.2
    b: float = 0.75
    title_weight: float = 3.0


@dataclass(frozen=True, slots=True)
class Document:
    """What ranking needs of one document: its lengths (in words) and its term frequencies."""

    length: int
    title_length: int = 0
    body: Mapping[str, int] = field(default_factory=dict)
    title: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Corpus:
    """Statistics of the whole index: documents, their average weighted length, document frequencies."""

    document_count: int
    average_length: float
    document_frequency: Mapping[str, int]


DEFAULT = Params()


def weighted_length(length: int, title_length: int, params: Params = DEFAULT) -> float:
    """A document's length with the title counted ``title_weight`` times."""
    return length + params.title_weight * title_length


def idf(document_frequency: int, document_count: int) -> float:
    """Inverse document frequency; never negative, larger for rarer terms."""
    n = max(document_count, document_frequency, 1)
    df = max(document_frequency, 0)
    return math.log(1.0 + (n - df + 0.5) / (df + 0.5))


def term_frequency(document: Document, term: str, params: Params = DEFAULT) -> float:
    """The term's frequency with title occurrences weighted."""
    return document.body.get(term, 0) + params.title_weight * document.title.get(term, 0)


def term_score(
    tf: float, length: float, average_length: float, weight: float, params: Params = DEFAULT
) -> float:
    """BM25 of one term: ``weight`` (its idf) times the saturated, length-normalised frequency."""
    if tf <= 0:
        return 0.0
    average = average_length if average_length > 0 else max(length, 1.0)
    norm = params.k1 * (1.0 - params.b + params.b * length / average)
    return weight * tf * (params.k1 + 1.0) / (tf + norm)


def group_score(group: frozenset[str], document: Document, corpus: Corpus, params: Params = DEFAULT) -> float:
    """The best score among the forms of one query word."""
    length = weighted_length(document.length, document.title_length, params)
    best = 0.0
    for term in group:
        tf = term_frequency(document, term, params)
        if tf > 0:
            weight = idf(corpus.document_frequency.get(term, 0), corpus.document_count)
            best = max(best, term_score(tf, length, corpus.average_length, weight, params))
    return best


def phrase_score(
    group: frozenset[str], document: Document, corpus: Corpus, params: Params = DEFAULT
) -> float:
    """The score of a word found only through its query phrase (the text has the phrase verbatim).

    Sudachi may cut a compound differently in a longer sentence (森里川海 → 森 / 里川 / 海) than in
    the query (森里 / 川 / 海); a document that contains the query's phrase verbatim then still
    contains the word, counted once at the rarest of its forms.
    """
    length = weighted_length(document.length, document.title_length, params)
    weight = max(idf(corpus.document_frequency.get(term, 0), corpus.document_count) for term in group)
    return term_score(1.0, length, corpus.average_length, weight, params)


def score(
    groups: Groups,
    document: Document,
    corpus: Corpus,
    params: Params = DEFAULT,
    phrased: frozenset[int] = frozenset(),
) -> float:
    """The document's relevance to the query: the sum over the query's words.

    ``phrased`` holds the indexes of the words the document contains through a verbatim phrase.
    """
    total = 0.0
    for index, group in enumerate(groups):
        value = group_score(group, document, corpus, params)
        if value == 0.0 and index in phrased:
            value = phrase_score(group, document, corpus, params)
        total += value
    return total


def matched_groups(groups: Groups, document: Document, phrased: frozenset[int] = frozenset()) -> int:
    """How many of the query's words occur in the document (in any form, title or body, or in a phrase)."""
    return sum(
        1
        for index, group in enumerate(groups)
        if index in phrased or any(document.body.get(t) or document.title.get(t) for t in group)
    )


def rank(
    groups: Groups,
    documents: Mapping[int, Document],
    corpus: Corpus,
    params: Params = DEFAULT,
    require_all: bool = True,
    phrased: Mapping[int, frozenset[int]] | None = None,
) -> list[tuple[int, float]]:
    """(document id, score), best first; ties by id. ``require_all``: only documents with every word.

    Documents with more of the query's words come first, then by score.
    """
    phrased = phrased or {}
    needed = len(groups) if require_all else 1
    scored: list[tuple[int, int, float]] = []
    for key, document in documents.items():
        found = phrased.get(key, frozenset())
        matched = matched_groups(groups, document, found) if groups else 0
        if matched and matched >= needed:
            scored.append((key, matched, score(groups, document, corpus, params, found)))
    scored.sort(key=lambda item: (-item[1], -item[2], item[0]))
    return [(key, value) for key, _matched, value in scored]
