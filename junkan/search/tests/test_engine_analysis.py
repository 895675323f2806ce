"""The Japanese analyser: mode A short units, normalized and dictionary forms, offsets, threads."""

from __future__ import annotations

import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from junkan.search.engine import analysis


def surfaces(text: str) -> list[str]:
    return [token.surface for token in analysis.analyse(text)]


def terms_of(text: str) -> set[str]:
    return set().union(*(token.terms for token in analysis.analyse(text)))


def test_a_compound_is_split_into_its_parts():
    assert surfaces("木質バイオマス") == ["木質", "バイオマス"]
    assert "バイオマス" in terms_of("木質バイオマスボイラーの導入")


def test_the_query_part_of_a_compound_is_a_term_of_the_compound():
    (group,) = analysis.query_groups("バイオマス")
    assert group <= terms_of("木質バイオマス")


@pytest.mark.parametrize(
    ("variant", "standard"),
    [
        ("附属", "付属"),
        ("シュミレーション", "シミュレーション"),
        ("引越し", "引っ越し"),
        ("サーバ", "サーバー"),
        ("ｺｳﾉﾄﾘ", "コウノトリ"),
        ("こうのとり", "コウノトリ"),
    ],
)
def test_spelling_variants_share_their_normalized_form(variant, standard):
    assert terms_of(variant) & terms_of(standard)


def test_the_dictionary_form_of_an_inflected_word_is_a_term():
    assert "使う" in terms_of("熱を使います")


def test_full_width_and_case_are_folded():
    assert "sdgs" in terms_of("ＳＤＧｓ")
    assert "esg" in terms_of("ESG地域金融")


def test_particles_symbols_and_spaces_are_left_out():
    assert surfaces("森と、海の　資源を。") == ["森", "海", "資源"]


def test_offsets_point_into_the_original_text():
    text = "地域の森林で、木質バイオマスの熱をつくる。"
    for token in analysis.analyse(text):
        assert text[token.begin : token.end] == token.surface


def test_a_long_text_is_analysed_in_pieces_with_correct_offsets():
    sentence = "木質バイオマスの熱を地域で使います。"
    text = sentence * 3000  # about 162 KB in UTF-8: Sudachi alone refuses more than 49,149 bytes
    tokens = analysis.analyse(text)
    assert sum(1 for t in tokens if t.surface == "バイオマス") == 3000
    last = tokens[-1]
    assert text[last.begin : last.end] == last.surface


def test_a_long_text_without_sentence_ends_is_cut_anyway():
    text = "あ" * (analysis.CHUNK_CHARS * 3 + 7)
    assert "".join(piece for _offset, piece in analysis._chunks(text)) == text


def test_term_counts_and_length():
    counts, length = analysis.term_counts("森林の森林、森林資源")
    assert counts["森林"] == 3
    assert counts["資源"] == 1
    assert length == 4


def test_query_groups_drop_repeats_and_are_limited():
    assert len(analysis.query_groups("森林 森林 森林")) == 1
    assert len(analysis.query_groups(" ".join(f"語{i}" for i in range(40)), limit=5)) == 5
    assert analysis.query_groups("、。 　") == []


def test_query_parts_keep_the_groups_of_each_part():
    groups, parts = analysis.query_parts("森里川海 資源")
    assert [text for text, _ in parts] == ["森里川海", "資源"]
    assert len(parts[0][1]) == 3
    assert [groups[i] for i in parts[1][1]] == [frozenset({"資源"})]


def test_each_thread_gets_its_own_tokenizer():
    seen: list[int] = []

    def work() -> None:
        analysis.analyse("木質バイオマス")
        seen.append(id(analysis._local.tokenizer))

    threads = [threading.Thread(target=work) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(seen)) == 3
    analysis.analyse("森林")
    assert analysis._tokenizer() is analysis._tokenizer()  # cached within a thread


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from("森林バイオマス木質のを、。 　ａＡ1２附属シュミレーション\n"), max_size=80
    )
)
def test_offsets_hold_for_any_text(text):
    for token in analysis.analyse(text):
        assert text[token.begin : token.end] == token.surface
        assert token.terms
