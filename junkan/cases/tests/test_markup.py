"""The guides' small markup: what it renders, and that nothing the author types becomes HTML."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from junkan.cases import markup


def test_paragraphs_and_line_breaks():
    assert markup.render("一行目\n二行目\n\n次の段落") == "<p>一行目<br>二行目</p><p>次の段落</p>"


def test_headings_start_at_h2_and_get_anchors():
    html = markup.render("# 大見出し\n## 見出し\n### 小見出し\n#### 細目")
    assert html == (
        '<h2 id="section-1">大見出し</h2><h2 id="section-2">見出し</h2>'
        '<h3 id="section-3">小見出し</h3><h4 id="section-4">細目</h4>'
    )
    assert markup.headings("## 一\n### 二") == [(2, "section-1", "一"), (3, "section-2", "二")]


def test_lists_bullets_numbers_and_nesting():
    assert markup.render("- 一\n- 二") == "<ul><li>一</li><li>二</li></ul>"
    assert markup.render("・一\n・二") == "<ul><li>一</li><li>二</li></ul>"
    assert markup.render("1. 一\n2. 二") == "<ol><li>一</li><li>二</li></ol>"
    assert markup.render("1. 一\n  - 細目\n2. 二") == "<ol><li>一<ul><li>細目</li></ul></li><li>二</li></ol>"
    assert markup.render("- 一\n  続き") == "<ul><li>一<br>続き</li></ul>"


def test_a_number_in_a_sentence_is_not_a_list():
    assert markup.render("2030年までに") == "<p>2030年までに</p>"
    assert markup.render("-5度") == "<p>-5度</p>"


def test_quotes_hold_blocks():
    assert markup.render("> 引用\n> - 項目") == "<blockquote><p>引用</p><ul><li>項目</li></ul></blockquote>"


def test_strong_and_safe_links():
    assert markup.render("**強調**") == "<p><strong>強調</strong></p>"
    assert markup.render("[事例](/cases/)") == '<p><a href="/cases/">事例</a></p>'
    assert (
        markup.render("[環境省](https://www.env.go.jp/)")
        == '<p><a href="https://www.env.go.jp/">環境省</a></p>'
    )


def test_unsafe_links_stay_text():
    for url in ("javascript:alert(1)", "//evil.example/", "data:text/html,x", "vbscript:x"):
        html = markup.render(f"[押す]({url})")
        assert "<a " not in html, url


def test_html_is_escaped():
    html = markup.render(
        '<script>alert("x")</script>\n## <img src=x onerror=y>\n- <b>太字</b>\n[<i>x</i>](/a")'
    )
    assert "<script" not in html and "<img" not in html and "<b>" not in html and "<i>" not in html
    assert "&lt;script&gt;" in html
    assert 'href="/a&quot;"' in html  # a quote in an address cannot end the attribute


def test_plain_text_drops_the_markers():
    text = "## 見出し\n- **強い**項目\n> 引用\n1. [リンク](/x)"
    assert markup.plain_text(text) == "見出し\n強い項目\n引用\nリンク"


ALLOWED = re.compile(
    r"</?(?:p|br|h[234]|ul|ol|li|blockquote|strong)>|<h[234] id=\"section-\d+\">|<a href=\"[^\"<>]*\">|</a>"
)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>&\"'#-*・1.> []()/:ahjsxtp　\n森")), max_size=120))
def test_no_markup_of_the_author_survives(text):
    """Whatever is typed, the output holds only the renderer's own tags; every other < is escaped."""
    html = markup.render(text)
    assert "<" not in ALLOWED.sub("", html)


def test_the_module_is_pure_python():
    source = (Path(markup.__file__)).read_text(encoding="utf-8")
    modules = {
        node.module.split(".")[0]
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom) and node.module
    }
    assert "django" not in modules


def test_headings_under_a_page_heading_start_one_level_deeper():
    assert markup.render("## 見出し\n### 小見出し\n#### 細目", top=3) == (
        '<h3 id="section-1">見出し</h3><h4 id="section-2">小見出し</h4><h5 id="section-3">細目</h5>'
    )
    assert markup.render("#### 細目", top=5) == '<h6 id="section-1">細目</h6>'


def test_heading_ids_take_a_prefix():
    assert markup.render("## 見出し", prefix="actions") == '<h2 id="actions-1">見出し</h2>'


def test_the_template_filter_takes_level_and_prefix():
    from junkan.cases.templatetags.cases import simple_markup

    assert simple_markup("## 見出し", "3 funding") == '<h3 id="funding-1">見出し</h3>'
    assert simple_markup("## 見出し") == '<h2 id="section-1">見出し</h2>'
