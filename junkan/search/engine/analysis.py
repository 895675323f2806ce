"""Japanese text analysis for the search index: SudachiPy (core dictionary), split mode A.

Each word (形態素) in the short unit of mode A becomes a *term group*: its surface form, its
normalized form (表記ゆれ: 附属 → 付属, シュミレーション → シミュレーション, ｺｳﾉﾄﾘ → 鸛) and its
dictionary form (活用: 使い → 使う), each folded (NFKC, case-folded). Documents and queries are
analysed the same way, so a query matches a document when, for each of its words, one of the
word's forms occurs in the document. Mode A splits compounds (木質バイオマス → 木質 / バイオマス),
so a query finds a term that only occurs inside a compound.

Particles, auxiliary verbs, symbols and white space carry no meaning on their own and are left out.
A Sudachi tokenizer is not thread safe: each thread gets its own (``threading.local``), made once.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from sudachipy import Dictionary, SplitMode, Tokenizer

# Parts of speech (the first level of Sudachi's) that are not indexed.
SKIPPED_POS = frozenset({"補助記号", "空白", "助詞", "助動詞"})
# Sudachi refuses inputs over 49,149 bytes; a chunk of this many characters is at most 16 KB in UTF-8.
CHUNK_CHARS = 4000
MAX_TERM_CHARS = 100
_BREAK = re.compile(r"[。．！？!?\n]")

_local = threading.local()


@dataclass(frozen=True, slots=True)
class Token:
    """One indexed word: where it is in the text and the forms it is found by."""

    surface: str
    begin: int
    end: int
    terms: frozenset[str]


def fold(text: str) -> str:
    """Full-width to half-width, compatibility characters to their plain form, lower case."""
    return unicodedata.normalize("NFKC", text).casefold()


def _tokenizer() -> Tokenizer:
    """This thread's Sudachi tokenizer (split mode A), created on first use."""
    tokenizer: Tokenizer | None = getattr(_local, "tokenizer", None)
    if tokenizer is None:
        dictionary = Dictionary(dict="core")
        tokenizer = dictionary.tokenizer(mode=SplitMode.A)
        _local.dictionary = dictionary  # the tokenizer borrows from it; keep both for the thread's life
        _local.tokenizer = tokenizer
    return tokenizer


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    """(offset, piece) of ``text`` in pieces Sudachi accepts, cut after a sentence end where possible."""
    start = 0
    length = len(text)
    while start < length:
        end = min(start + CHUNK_CHARS, length)
        if end < length:
            cut = max((m.end() for m in _BREAK.finditer(text, start, end)), default=0)
            if cut > start:
                end = cut
        yield start, text[start:end]
        start = end


def _terms(surface: str, normalized: str, dictionary_form: str) -> frozenset[str]:
    """The folded forms a word is found by (empty and over-long forms left out)."""
    return frozenset(
        term[:MAX_TERM_CHARS]
        for term in (fold(surface).strip(), fold(normalized).strip(), fold(dictionary_form).strip())
        if term
    )


def iter_tokens(text: str) -> Iterator[Token]:
    """The indexed words of ``text`` in order, with character offsets into ``text``."""
    tokenizer = _tokenizer()
    for offset, piece in _chunks(text or ""):
        for morpheme in tokenizer.tokenize(piece):
            if morpheme.part_of_speech()[0] in SKIPPED_POS:
                continue
            terms = _terms(morpheme.surface(), morpheme.normalized_form(), morpheme.dictionary_form())
            if terms:
                yield Token(
                    surface=morpheme.surface(),
                    begin=offset + morpheme.begin(),
                    end=offset + morpheme.end(),
                    terms=terms,
                )


def analyse(text: str) -> list[Token]:
    """Every indexed word of ``text``."""
    return list(iter_tokens(text))


def term_counts(text: str) -> tuple[dict[str, int], int]:
    """How often each term occurs in ``text``, and the number of words (the document length)."""
    counts: dict[str, int] = {}
    words = 0
    for token in iter_tokens(text):
        words += 1
        for term in token.terms:
            counts[term] = counts.get(term, 0) + 1
    return counts, words


def query_groups(query: str, limit: int = 16) -> list[frozenset[str]]:
    """The term groups of a search query, in order, without repeats (at most ``limit``)."""
    return query_parts(query, limit)[0]


def query_parts(query: str, limit: int = 16) -> tuple[list[frozenset[str]], list[tuple[str, frozenset[int]]]]:
    """The term groups of a query, and each space-separated part of it with the groups it holds.

    A part of several words (森里川海 → 森里 / 川 / 海) is also looked for verbatim, see ``ranking``.
    """
    groups: list[frozenset[str]] = []
    parts: list[tuple[str, frozenset[int]]] = []
    for part in query.split():
        indexes = set()
        for token in iter_tokens(part):
            if token.terms not in groups:
                if len(groups) >= limit:
                    break
                groups.append(token.terms)
            indexes.add(groups.index(token.terms))
        if indexes:
            parts.append((part, frozenset(indexes)))
    return groups, parts
