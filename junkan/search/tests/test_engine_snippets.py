"""Snippets and highlights over the analyser's tokens."""

from __future__ import annotations

from junkan.search.engine import analysis
from junkan.search.engine.snippets import highlight, snippet


def marked(segments: list[tuple[str, bool]]) -> list[str]:
    return [text for text, hit in segments if hit]


def terms(query: str) -> frozenset[str]:
    return frozenset().union(*analysis.query_groups(query))


def test_the_word_inside_a_compound_is_marked():
    text = "町の森林から出る間伐材で、木質バイオマスの熱を使います。"
    segments = snippet(text, analysis.iter_tokens(text), terms("バイオマス"))
    assert marked(segments) == ["バイオマス"]
    assert "".join(t for t, _ in segments) == text


def test_a_variant_spelling_is_marked_as_written():
    text = "需給のシュミレーションを毎年行います。"
    segments = snippet(text, analysis.iter_tokens(text), terms("シミュレーション"))
    assert marked(segments) == ["シュミレーション"]


def test_a_long_text_is_cut_around_the_first_match():
    text = "前置き。" * 100 + "ここに木質バイオマスがあります。" + "後書き。" * 100
    segments = snippet(text, analysis.iter_tokens(text), terms("バイオマス"), width=60)
    joined = "".join(t for t, _ in segments)
    assert segments[0] == ("…", False) and segments[-1] == ("…", False)
    assert "バイオマス" in marked(segments)
    assert len(joined) <= 60 + 2


def test_without_a_match_the_start_of_the_text_is_shown():
    text = "森林と海の話。" * 30
    segments = snippet(text, analysis.iter_tokens(text), terms("バイオマス"), width=20)
    assert marked(segments) == []
    assert segments[0][0] == text[:20]
    assert segments[-1] == ("…", False)


def test_white_space_runs_become_one_space():
    text = "一行目\n\n  二行目の森林"
    segments = snippet(text, analysis.iter_tokens(text), terms("森林"))
    assert "".join(t for t, _ in segments) == "一行目 二行目の森林"


def test_a_verbatim_phrase_is_marked_whole_and_centres_the_window():
    text = "徳島県吉野川流域の話。" * 5 + "多様な主体による森里川海資源の活用"
    segments = snippet(text, analysis.iter_tokens(text), terms("森里川海"), width=40, phrases=["森里川海"])
    assert "森里川海" in marked(segments)


def test_highlight_marks_every_occurrence():
    text = "森林と森林"
    assert marked(highlight(text, analysis.iter_tokens(text), terms("森林"))) == ["森林", "森林"]


def test_empty_text():
    assert snippet("", analysis.iter_tokens(""), terms("森林")) == []
