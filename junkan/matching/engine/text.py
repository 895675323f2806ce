"""Words of Japanese text for matching: SudachiPy normalized forms, and character bigrams as a fallback.

Words come from the search app's analysis (SudachiPy core dictionary, split mode A, particles and
symbols left out), each as its normalized form (表記ゆれ: 附属 → 付属), folded. Words that say
nothing about what is offered or needed (する, こと, 地域, 事業 …) are left out. Character bigrams of
the folded text catch what the dictionary splits badly (new words, names of products).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache

from junkan.matching.engine.thesaurus import fold
from junkan.search.engine.analysis import iter_tokens

STOP = frozenset(
    [
        "する",
        "ある",
        "いる",
        "なる",
        "れる",
        "られる",
        "できる",
        "こと",
        "もの",
        "ため",
        "よう",
        "これ",
        "それ",
        "その",
        "この",
        "など",
        "等",
        "的",
        "化",
        "性",
        "地域",
        "事業",
        "取組",
        "取り組み",
        "取り組む",
        "活用",
        "推進",
        "支援",
        "実施",
        "提供",
        "行う",
        "当社",
        "弊社",
        "私",
        "我々",
        "町",
        "市",
        "村",
        "県",
        "方",
        "者",
        "年",
        "月",
        "日",
        "つくる",
        "作る",
        "図る",
        "目指す",
        "進める",
        "向け",
        "向ける",
        "関する",
        "中",
        "的",
        "上",
        "下",
        "内",
        "外",
        "様々",
        "さまざま",
        "多い",
        "少ない",
        "新た",
        "新しい",
    ]
)
_NOISE = re.compile(r"^[0-9\W_]+$")


@lru_cache(maxsize=50_000)
def words(text: str) -> tuple[str, ...]:
    """The content words of ``text`` as folded normalized forms, in order."""
    result = []
    for token in iter_tokens(text):
        forms = sorted(token.terms, key=len)
        normalized = fold(token.surface)
        # The Sudachi normalized form is one of the token's terms; the shortest is a good stand-in for
        # grouping (it is usually the dictionary or normalized form), except when it is a single kana.
        for form in forms:
            if len(form) > 1 or not form.isascii():
                normalized = form
                break
        if normalized in STOP or _NOISE.match(normalized) or len(normalized) < 1:
            continue
        if len(normalized) == 1 and not ("\u4e00" <= normalized <= "\u9fff"):
            continue
        result.append(normalized)
    return tuple(result)


def bigrams(text: str) -> tuple[str, ...]:
    """Character bigrams of the folded text, white space and punctuation left out."""
    folded = re.sub(r"[\s\W_]+", " ", fold(text))
    grams: list[str] = []
    for piece in folded.split():
        grams.extend(piece[i : i + 2] for i in range(len(piece) - 1))
    return tuple(grams)


def weighted(counts: Iterable[str]) -> dict[str, float]:
    """Log-scaled term frequencies (1 + ln tf)."""
    return {term: 1.0 + math.log(n) for term, n in Counter(counts).items()}


def norm(vector: Mapping[str, float], idf: Callable[[str], float]) -> float:
    """The length of a tf vector weighted by idf."""
    return math.sqrt(sum((w * idf(t)) ** 2 for t, w in vector.items()))


def cosine(a: Mapping[str, float], b: Mapping[str, float], idf: Callable[[str], float]) -> float:
    """Cosine of two tf vectors weighted by idf."""
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    dot = sum(w * large[t] * idf(t) ** 2 for t, w in small.items() if t in large)
    if dot <= 0:
        return 0.0
    return dot / (norm(a, idf) * norm(b, idf))
