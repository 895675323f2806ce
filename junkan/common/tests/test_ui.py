"""The design system's tags: icons from the sprite, banners by kind, steps, charts with their table."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.template import Context, Template, TemplateSyntaxError

from junkan.common.icons import ICONS

ROOT = Path(__file__).resolve().parents[2]
SPRITE = ROOT / "static" / "icons" / "sprite.svg"


def render(source: str, **context) -> str:
    return Template("{% load ui %}" + source).render(Context(context))


def test_every_icon_is_in_the_sprite_and_the_sprite_has_nothing_else() -> None:
    ids = re.findall(r'<symbol id="([a-z0-9-]+)"', SPRITE.read_text(encoding="utf-8"))
    assert sorted(ids) == sorted(ICONS)


def test_every_icon_a_template_names_exists() -> None:
    used = set()
    for path in (ROOT / "templates").rglob("*.html"):
        used |= set(re.findall(r'{%\s*icon\s+"([a-z0-9-]+)"', path.read_text(encoding="utf-8")))
    assert used, "no template uses an icon: the pattern is wrong"
    assert used - set(ICONS) == set()


def test_icon_is_hidden_unless_labelled() -> None:
    hidden = render('{% icon "house" %}')
    assert 'aria-hidden="true"' in hidden and "#house" in hidden and "icons/sprite.svg" in hidden
    named = render('{% icon "info" label="お知らせ" %}')
    assert 'role="img"' in named and 'aria-label="お知らせ"' in named and "aria-hidden" not in named
    with pytest.raises(TemplateSyntaxError):
        render('{% icon "no-such-icon" %}')


@pytest.mark.parametrize(
    ("kind", "role", "icon"),
    [
        ("success", "status", "circle-check"),
        ("info", "status", "info"),
        ("warning", "alert", "triangle-alert"),
        ("error", "alert", "circle-alert"),
    ],
)
def test_banners_differ_by_kind(kind, role, icon) -> None:
    html = render("{% banner kind text %}", kind=kind, text="保存しました。")
    assert f'class="banner banner-{kind}"' in html and f'role="{role}"' in html and f"#{icon}" in html
    assert "保存しました。" in html


def test_message_tags_map_to_banner_kinds() -> None:
    tags = ["success", "error", "warning x", ""]
    html = render("{% for t in tags %}{{ t|message_kind }} {% endfor %}", tags=tags)
    assert html.split() == ["success", "error", "warning", "info"]


def test_steps_mark_done_current_and_todo() -> None:
    html = render("{% steps labels 2 %}", labels=["基本情報", "経費", "提出"])
    assert html.count("step-done") == 1 and html.count("step-todo") == 1
    assert html.count('aria-current="step"') == 1
    assert "全3ステップ中2番目" in html
    by_label = render('{% steps labels "提出" %}', labels=["基本情報", "経費", "提出"])
    assert by_label.count("step-done") == 2


def test_bar_chart_shows_the_same_numbers_as_a_table() -> None:
    rows = [("北海道", 1200), ("長野県", 7)]
    html = render('{% bar_chart rows "地域数" "件" "都道府県" "地域数" %}', rows=rows)
    assert html.count("<rect") == 2
    assert '<th scope="row">北海道</th><td class="num">1,200件</td>' in html
    assert 'role="img"' in html and "style=" not in html
    ident = html.split('aria-labelledby="', 1)[1].split('-title"', 1)[0]
    assert f'<title id="{ident}-title">地域数のグラフ' in html
    assert f'<desc id="{ident}-desc">北海道 1,200件、長野県 7件</desc>' in html


def test_column_chart_labels_money_axes_in_man_yen() -> None:
    html = render('{% column_chart rows "交付額" "円" %}', rows=[("令和6年度", 30_000_000), ("令和7年度", 0)])
    assert "5,000万" in html and "2,500万" in html and "30,000,000円" in html and "style=" not in html


def test_disabled_button_says_why() -> None:
    html = render('{% disabled_button "提出する" "未了の項目があります" "submit" %}')
    assert "disabled" in html and 'aria-describedby="submit-reason"' in html and 'id="submit-reason"' in html


def test_first_with_and_pluck() -> None:
    sections = [{"name": "a", "problems": 0}, {"name": "b", "problems": 3}, {"name": "c", "problems": 1}]
    assert render('{{ s|first_with:"problems"|pluck:"name" }}', s=[]) == "[]"
    assert render('{% with n=s|first_with:"problems" %}{{ n.name }}{% endwith %}', s=sections) == "b"
    assert render('{% for n in s|pluck:"name" %}{{ n }}{% endfor %}', s=sections) == "abc"
    missing = render('{% with n=s|first_with:"missing" %}{{ n|default:"none" }}{% endwith %}', s=sections)
    assert missing == "none"
