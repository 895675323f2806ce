"""BM25 ranking with a title boost: exact values, and properties that must hold for any input."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from junkan.search.engine.ranking import (
    Corpus,
    Document,
    Params,
    idf,
    matched_groups,
    phrase_score,
    rank,
    score,
    term_score,
)

P = Params()
WORDS = ["森林", "バイオマス", "熱", "地域", "海", "水"]


def doc(body: dict[str, int] | None = None, title: dict[str, int] | None = None, extra: int = 0) -> Document:
    body = body or {}
    title = title or {}
    return Document(
        length=sum(body.values()) + extra, title_length=sum(title.values()), body=body, title=title
    )


def corpus(df: dict[str, int] | None = None, n: int = 10, average: float = 10.0) -> Corpus:
    return Corpus(document_count=n, average_length=average, document_frequency=df or {})


def g(*terms: str) -> frozenset[str]:
    return frozenset(terms)


def test_idf_is_positive_and_larger_for_rare_terms():
    assert idf(1, 100) > idf(50, 100) > idf(100, 100) > 0
    assert idf(0, 0) > 0  # an empty index does not divide by zero


def test_term_score_matches_the_bm25_formula():
    k1, b = P.k1, P.b
    expected = 2.0 * 3 * (k1 + 1) / (3 + k1 * (1 - b + b * 20 / 10))
    assert term_score(3, 20, 10, 2.0, P) == pytest.approx(expected)
    assert term_score(0, 20, 10, 2.0, P) == 0.0


def test_a_document_without_the_words_scores_zero_and_is_not_ranked():
    c = corpus({"森林": 3})
    assert score([g("森林")], doc({"海": 2}), c) == 0.0
    assert rank([g("森林")], {1: doc({"海": 2})}, c) == []


def test_a_word_in_the_title_counts_more_than_in_the_body():
    c = corpus({"森林": 2})
    in_title = doc({"地域": 5}, {"森林": 1})
    in_body = doc({"地域": 5, "森林": 1}, {"地域": 1})
    assert score([g("森林")], in_title, c) > score([g("森林")], in_body, c)


def test_a_group_scores_its_best_form_not_the_sum():
    c = corpus({"附属": 2, "付属": 2})
    both = doc({"附属": 1, "付属": 1})
    one = doc({"付属": 1, "x": 1})
    assert score([g("附属", "付属")], both, c) == pytest.approx(score([g("付属")], one, c))


def test_require_all_keeps_only_documents_with_every_word():
    c = corpus({"森林": 2, "熱": 2})
    docs = {1: doc({"森林": 1, "熱": 1}), 2: doc({"森林": 3})}
    assert [key for key, _ in rank([g("森林"), g("熱")], docs, c)] == [1]
    assert [key for key, _ in rank([g("森林"), g("熱")], docs, c, require_all=False)] == [1, 2]


def test_more_matched_words_rank_first_when_any_word_may_match():
    c = corpus({"森林": 9, "熱": 1})
    docs = {1: doc({"熱": 5}), 2: doc({"森林": 1, "熱": 1}, extra=30)}
    assert [key for key, _ in rank([g("森林"), g("熱")], docs, c, require_all=False)] == [2, 1]


def test_ties_are_broken_by_id():
    c = corpus({"森林": 2})
    docs = {7: doc({"森林": 1}), 3: doc({"森林": 1})}
    assert [key for key, _ in rank([g("森林")], docs, c)] == [3, 7]


def test_a_verbatim_phrase_satisfies_its_words():
    c = corpus({"森里": 1, "川": 3, "海": 3})
    groups = [g("森里"), g("川"), g("海")]
    cut_otherwise = doc({"森": 1, "里川": 1, "海": 1})
    assert matched_groups(groups, cut_otherwise) == 1
    assert matched_groups(groups, cut_otherwise, frozenset({0, 1, 2})) == 3
    ranked = rank(groups, {1: cut_otherwise}, c, phrased={1: frozenset({0, 1, 2})})
    assert ranked and ranked[0][0] == 1
    assert phrase_score(g("森里"), cut_otherwise, c) > 0


def test_rank_without_words_is_empty():
    assert rank([], {1: doc({"森林": 1})}, corpus()) == []


# Properties -------------------------------------------------------------------------------------

counts = st.dictionaries(st.sampled_from(WORDS), st.integers(min_value=1, max_value=8), max_size=6)
documents = st.builds(doc, counts, counts, st.integers(min_value=0, max_value=40))
corpora = st.builds(
    corpus,
    st.dictionaries(st.sampled_from(WORDS), st.integers(min_value=1, max_value=50), max_size=6),
    st.integers(min_value=1, max_value=60),
    st.floats(min_value=1.0, max_value=200.0),
)
queries = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4, unique=True).map(
    lambda words: [g(word) for word in words]
)


@settings(max_examples=300, deadline=None)
@given(documents, corpora, queries)
def test_scores_are_finite_and_not_negative(document, c, groups):
    value = score(groups, document, c)
    assert value >= 0 and math.isfinite(value)
    assert (value > 0) == (matched_groups(groups, document) > 0)


@settings(max_examples=300, deadline=None)
@given(documents, corpora, st.sampled_from(WORDS), st.booleans())
def test_adding_an_occurrence_of_the_word_never_lowers_the_score(document, c, word, in_title):
    """One more occurrence of the query word (the document grows by one word too)."""
    body, title = dict(document.body), dict(document.title)
    target = title if in_title else body
    target[word] = target.get(word, 0) + 1
    more = Document(
        length=document.length + (0 if in_title else 1),
        title_length=document.title_length + (1 if in_title else 0),
        body=body,
        title=title,
    )
    assert score([g(word)], more, c) >= score([g(word)], document, c)


@settings(max_examples=300, deadline=None)
@given(documents, corpora, queries, st.sampled_from(WORDS))
def test_replacing_another_word_by_a_query_word_never_lowers_the_score(document, c, groups, word):
    """Same length, one more matching word: whatever the query, the score does not drop."""
    if not any(word in group for group in groups):
        groups = [*groups, g(word)]
    body = dict(document.body)
    body[word] = body.get(word, 0) + 1
    more = Document(
        length=document.length + 1, title_length=document.title_length, body=body, title=document.title
    )
    padded = Document(
        length=document.length + 1,
        title_length=document.title_length,
        body=document.body,
        title=document.title,
    )
    assert score(groups, more, c) >= score(groups, padded, c)


@settings(max_examples=200, deadline=None)
@given(documents, corpora, queries, st.sampled_from(WORDS))
def test_an_extra_query_word_never_lowers_the_score(document, c, groups, word):
    assert score([*groups, g(word)], document, c) >= score(groups, document, c)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.integers(min_value=1, max_value=50), documents, max_size=12), corpora, queries)
def test_rank_is_sorted_and_holds_exactly_the_documents_with_every_word(docs, c, groups):
    ranked = rank(groups, docs, c)
    values = [value for _key, value in ranked]
    assert values == sorted(values, reverse=True)
    expected = {key for key, d in docs.items() if matched_groups(groups, d) == len(groups)}
    assert {key for key, _ in ranked} == expected


@settings(max_examples=200, deadline=None)
@given(documents, corpora, st.sampled_from(WORDS), st.integers(min_value=1, max_value=5))
def test_a_rarer_word_scores_at_least_as_much(document, c, word, extra):
    if not (document.body.get(word) or document.title.get(word)):
        return
    common = Corpus(
        c.document_count + extra,
        c.average_length,
        {**c.document_frequency, word: c.document_frequency.get(word, 0) + extra},
    )
    assert score([g(word)], document, c) >= score([g(word)], document, common)
