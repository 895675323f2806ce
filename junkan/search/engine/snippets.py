"""Snippets of search results: a window of the text around the first match, the matches marked.

Works on the tokens of ``analysis.iter_tokens`` (lazily: it stops reading once the window is full),
so a match is found whatever form it was written in (附属 for a query 付属); the query's
multi-word phrases are also marked where they occur verbatim. Returns segments ``(text, is_match)``;
the template escapes them and wraps the matches in ``<mark>``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from junkan.search.engine.analysis import Token

Segments = list[tuple[str, bool]]
Span = tuple[int, int]
_SPACE = re.compile(r"\s+")


def _clean(text: str) -> str:
    """Runs of white space (line breaks too) as one space."""
    return _SPACE.sub(" ", text)


def _phrase_spans(text: str, phrases: Sequence[str], start: int = 0, end: int | None = None) -> list[Span]:
    """Where the phrases occur verbatim in ``text[start:end]``."""
    stop = len(text) if end is None else end
    spans: list[Span] = []
    for phrase in phrases:
        if not phrase:
            continue
        position = text.find(phrase, start, stop)
        while position >= 0:
            spans.append((position, position + len(phrase)))
            position = text.find(phrase, position + len(phrase), stop)
    return spans


def _merge(spans: Iterable[Span]) -> list[Span]:
    """Sorted spans with overlapping or touching ones joined."""
    merged: list[Span] = []
    for begin, end in sorted(spans):
        if merged and begin <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((begin, end))
    return merged


def _segments(text: str, start: int, end: int, spans: list[Span]) -> Segments:
    out: Segments = []
    position = start
    for begin, finish in _merge(spans):
        if begin > position:
            out.append((_clean(text[position:begin]), False))
        out.append((text[max(begin, position) : finish], True))
        position = finish
    if position < end:
        out.append((_clean(text[position:end]), False))
    return [(piece, hit) for piece, hit in out if piece]


def highlight(
    text: str, tokens: Iterable[Token], terms: frozenset[str], phrases: Sequence[str] = ()
) -> Segments:
    """All of ``text`` with every word that has one of ``terms``, and every phrase, marked."""
    spans = [(token.begin, token.end) for token in tokens if token.terms & terms]
    return _segments(text, 0, len(text), [*spans, *_phrase_spans(text, phrases)])


def snippet(
    text: str,
    tokens: Iterable[Token],
    terms: frozenset[str],
    width: int = 120,
    phrases: Sequence[str] = (),
) -> Segments:
    """About ``width`` characters of ``text`` around its first match (its start when nothing matches).

    A verbatim phrase is the strongest match: the window is put around its first occurrence if any.
    """
    first_phrase = min((begin for begin, _end in _phrase_spans(text, phrases)), default=None)
    start = end = -1
    if first_phrase is not None:
        start = max(0, first_phrase - width // 4)
        end = min(len(text), start + width)
    spans: list[Span] = []
    for token in tokens:
        if token.begin < start:
            continue
        if start < 0:
            if not token.terms & terms:
                continue
            start = max(0, token.begin - width // 4)
            end = min(len(text), start + width)
        if token.begin >= end:
            break
        if token.terms & terms and token.end <= end:
            spans.append((token.begin, token.end))
    if start < 0:
        end = min(len(text), width)
        segments = [(_clean(text[:end]), False)] if end else []
    else:
        segments = _segments(text, start, end, [*spans, *_phrase_spans(text, phrases, start, end)])
        if start > 0:
            segments.insert(0, ("…", False))
    if end < len(text):
        segments.append(("…", False))
    return segments
