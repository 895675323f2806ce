"""Keeping the search index in step with the objects, and answering searches.

Indexing runs in the caller's transaction (signals call ``reindex`` on every save), so a search
never shows an object whose change was rolled back, and an object that stops being public (a
registration refused or revoked, a case study withdrawn) leaves the index in the same commit.

A search reads in a constant number of queries whatever the number of results: the candidate
terms of the filtered documents, the document frequencies, the corpus statistics, and the
documents of the page shown. Ranking (BM25) and snippets are computed in Python by the engine.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.paginator import Page
from django.db import transaction
from django.db.models import Avg, BooleanField, Count, ExpressionWrapper, F, FloatField, Q, QuerySet
from django.db.models.functions import Cast

from junkan.common import cache
from junkan.common.paging import paginate
from junkan.search import sources
from junkan.search.engine import analysis, ranking, snippets
from junkan.search.models import DocumentKind, SearchDocument, SearchTerm

PER_PAGE = 20
BATCH = 500
SCOPE = "search"
PARAMS = ranking.Params()
TEXT_CHARS = 20_000


# Indexing ---------------------------------------------------------------------------------------


def _codes(values: Iterable[str] | Iterable[int]) -> str:
    """ " 7 13 15 ": the values with a space on each side, for exact ``contains`` filters."""
    return " " + " ".join(str(v) for v in sorted(values)) + " "


def _analysed(entry: sources.Entry) -> tuple[dict[str, object], dict[str, int], dict[str, int]]:
    """The document's stored values, and its body and title term counts."""
    body, length = analysis.term_counts(entry.text)
    title, title_length = analysis.term_counts(entry.title)
    values = {
        "title": entry.title[:300],
        "url": entry.url[:300],
        "summary": entry.summary,
        "text": entry.text[:TEXT_CHARS],
        "prefectures": _codes(entry.prefectures),
        "resources": _codes(entry.resources),
        "goals": _codes(entry.goals),
        "tokens": " ".join(sorted(set(body) | set(title))),
        "length": length,
        "title_length": title_length,
    }
    return values, body, title


def _terms(document: SearchDocument, body: dict[str, int], title: dict[str, int]) -> list[SearchTerm]:
    return [
        SearchTerm(document=document, term=term, tf=body.get(term, 0), title_tf=title.get(term, 0))
        for term in sorted(set(body) | set(title))
    ]


def _write(entry: sources.Entry) -> None:
    values, body, title = _analysed(entry)
    document = SearchDocument.objects.filter(kind=entry.kind, object_id=entry.object_id).first()
    if document is None:
        document = SearchDocument.objects.create(kind=entry.kind, object_id=entry.object_id, **values)
    elif all(getattr(document, name) == value for name, value in values.items()):
        return  # unchanged (a save that touched nothing indexed)
    else:
        for name, value in values.items():
            setattr(document, name, value)
        document.save()
    SearchTerm.objects.filter(document=document).delete()
    SearchTerm.objects.bulk_create(_terms(document, body, title), batch_size=BATCH)
    invalidate()


def reindex(kind: str, ids: Iterable[int]) -> None:
    """Index these objects of ``kind`` as they are now; those no longer public leave the index."""
    wanted = {int(pk) for pk in ids if pk is not None}
    if not wanted:
        return
    with transaction.atomic():
        written = set()
        for entry in sources.entries(kind, wanted):
            _write(entry)
            written.add(entry.object_id)
        gone = wanted - written
        if gone and SearchDocument.objects.filter(kind=kind, object_id__in=gone).delete()[0]:
            invalidate()


def invalidate() -> None:
    """Forget every cached ranking: the index changed."""
    cache.bump(SCOPE)


def rebuild() -> dict[str, int]:
    """Write the whole index anew in bulk; returns the number of documents of each kind.

    Documents and terms are inserted in batches (a few hundred statements for the whole country
    instead of three per document); the analysis of the text is the rest of the work.
    """
    counts: dict[str, int] = {}
    with transaction.atomic():
        SearchTerm.objects.all().delete()
        SearchDocument.objects.all().delete()
        for kind in DocumentKind:
            analysed = []
            for entry in sources.entries(kind):
                values, body, title = _analysed(entry)
                analysed.append(
                    (SearchDocument(kind=entry.kind, object_id=entry.object_id, **values), body, title)
                )
            documents = SearchDocument.objects.bulk_create([a[0] for a in analysed], batch_size=BATCH)
            SearchTerm.objects.bulk_create(
                [
                    term
                    for document, (_doc, body, title) in zip(documents, analysed, strict=True)
                    for term in _terms(document, body, title)
                ],
                batch_size=BATCH,
            )
            counts[kind] = len(documents)
    invalidate()
    return counts


# Searching --------------------------------------------------------------------------------------


@dataclass
class Filters:
    kind: str = ""
    prefecture: str = ""
    resource: str = ""
    goal: int | None = None


@dataclass
class Hit:
    document: SearchDocument
    score: float
    title: snippets.Segments
    snippet: snippets.Segments


@dataclass
class Results:
    query: str
    words: int = 0
    total: int = 0
    partial: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    page: Page | None = None


def _filtered(queryset: QuerySet, filters: Filters, prefix: str = "") -> QuerySet:
    if filters.prefecture:
        queryset = queryset.filter(**{f"{prefix}prefectures__contains": f" {filters.prefecture} "})
    if filters.resource:
        queryset = queryset.filter(**{f"{prefix}resources__contains": f" {filters.resource} "})
    if filters.goal:
        queryset = queryset.filter(**{f"{prefix}goals__contains": f" {filters.goal} "})
    return queryset


def _candidates(
    terms: set[str], phrases: list[tuple[str, frozenset[int]]], filters: Filters
) -> tuple[dict[int, ranking.Document], dict[int, str], dict[int, frozenset[int]]]:
    """The documents passing the filters (other than kind) that contain any of ``terms`` (one query),
    or one of the multi-word ``phrases`` verbatim (one more query, only when there are such phrases)."""
    rows = _filtered(SearchTerm.objects.filter(term__in=terms), filters, "document__")
    body: dict[int, dict[str, int]] = {}
    title: dict[int, dict[str, int]] = {}
    lengths: dict[int, tuple[int, int]] = {}
    kinds: dict[int, str] = {}
    fields = ("document_id", "document__kind", "document__length", "document__title_length")
    for doc_id, kind, length, title_length, term, tf, title_tf in rows.values_list(
        *fields, "term", "tf", "title_tf"
    ):
        kinds[doc_id] = kind
        lengths[doc_id] = (length, title_length)
        if tf:
            body.setdefault(doc_id, {})[term] = tf
        if title_tf:
            title.setdefault(doc_id, {})[term] = title_tf
    phrased: dict[int, frozenset[int]] = {}
    phrases = [(text, indexes) for text, indexes in phrases if len(indexes) > 1]
    if phrases:
        flags = {
            f"phrase_{n}": ExpressionWrapper(
                Q(text__contains=text) | Q(title__contains=text), output_field=BooleanField()
            )
            for n, (text, _indexes) in enumerate(phrases)
        }
        any_phrase = Q()
        for text, _indexes in phrases:
            any_phrase |= Q(text__contains=text) | Q(title__contains=text)
        matches = _filtered(SearchDocument.objects.filter(any_phrase), filters).annotate(**flags)
        for doc_id, kind, length, title_length, *hits in matches.values_list(
            "id", "kind", "length", "title_length", *flags
        ):
            kinds[doc_id] = kind
            lengths[doc_id] = (length, title_length)
            phrased[doc_id] = frozenset().union(*(phrases[n][1] for n, hit in enumerate(hits) if hit))
    documents = {
        doc_id: ranking.Document(
            length=length, title_length=title_length, body=body.get(doc_id, {}), title=title.get(doc_id, {})
        )
        for doc_id, (length, title_length) in lengths.items()
    }
    return documents, kinds, phrased


def _corpus(terms: set[str]) -> ranking.Corpus:
    """Statistics over the whole index (not the filtered part): two queries."""
    weighted = Cast(F("length"), FloatField()) + PARAMS.title_weight * Cast(F("title_length"), FloatField())
    stats = SearchDocument.objects.aggregate(n=Count("id"), average=Avg(weighted))
    frequencies = dict(
        SearchTerm.objects.filter(term__in=terms)
        .values("term")
        .annotate(n=Count("id"))
        .values_list("term", "n")
    )
    return ranking.Corpus(
        document_count=stats["n"] or 0,
        average_length=float(stats["average"] or 0.0),
        document_frequency=frequencies,
    )


def _hit(document: SearchDocument, score: float, terms: frozenset[str], phrases: list[str]) -> Hit:
    text = document.text or document.summary
    return Hit(
        document=document,
        score=score,
        title=snippets.highlight(document.title, analysis.iter_tokens(document.title), terms, phrases),
        snippet=snippets.snippet(text, analysis.iter_tokens(text), terms, phrases=phrases),
    )


def _ranked(
    groups: list[frozenset[str]], terms: set[str], parts: list[tuple[str, frozenset[int]]], filters: Filters
) -> tuple[list[tuple[int, float]], dict[int, str], bool]:
    """Every matching document in rank order with its score, the kind of each, and whether the match is
    partial. Kept in the cache per query and filters until the index changes (every query after the
    first of a popular search reads no terms)."""
    documents, kinds, phrased = _candidates(terms, parts, filters)
    ranked: list[tuple[int, float]] = []
    partial = False
    if documents:
        corpus = _corpus(terms)
        ranked = ranking.rank(groups, documents, corpus, PARAMS, require_all=True, phrased=phrased)
        if not ranked and len(groups) > 1:
            ranked = ranking.rank(groups, documents, corpus, PARAMS, require_all=False, phrased=phrased)
            partial = bool(ranked)
    kinds = {doc_id: kinds[doc_id] for doc_id, _score in ranked}
    return ranked, kinds, partial


def search(
    query: str, filters: Filters | None = None, page_number: object = 1, per_page: int = PER_PAGE
) -> Results:
    """Ranked, filtered, paginated results for ``query``, with highlighted snippets for the page shown.

    Documents containing every word of the query come first; when there is none, documents
    containing any of the words are shown instead (``partial``).
    """
    filters = filters or Filters()
    query = " ".join(query.split())
    groups, parts = analysis.query_parts(query)
    results = Results(query=query, words=len(groups))
    if not groups:
        return results
    terms = set().union(*groups)
    asked = f"{query}|{filters.prefecture}|{filters.resource}|{filters.goal}"
    key = "search:ranked:" + hashlib.sha256(asked.encode()).hexdigest()
    ranked, kinds, partial = cache.cached(key, (SCOPE,), lambda: _ranked(groups, terms, parts, filters))
    results.partial = partial
    for doc_id, _score in ranked:
        results.counts[kinds[doc_id]] = results.counts.get(kinds[doc_id], 0) + 1
    if filters.kind:
        ranked = [(doc_id, score) for doc_id, score in ranked if kinds[doc_id] == filters.kind]
    results.total = len(ranked)
    page = paginate(ranked, per_page, page_number)
    listed = list(page.object_list)

    def hits() -> list[Hit]:
        shown = SearchDocument.objects.defer("tokens").in_bulk([doc_id for doc_id, _score in listed])
        all_terms = frozenset(terms)
        phrases = [text for text, indexes in parts if len(indexes) > 1]
        return [_hit(shown[doc_id], score, all_terms, phrases) for doc_id, score in listed if doc_id in shown]

    # The highlighted snippets of a page (morphological analysis of each document) are kept like the ranking.
    shown_page = f"{asked}|{filters.kind}|{page.number}|{per_page}"
    page.object_list = cache.cached(
        "search:hits:" + hashlib.sha256(shown_page.encode()).hexdigest(), (SCOPE,), hits
    )
    results.page = page
    return results
