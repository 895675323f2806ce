"""FastSelect renders the same options, groups, selection and attributes as Django's Select."""

from __future__ import annotations

from django import forms
from django.test.html import Element, parse_html

from junkan.common.widgets import FastSelect

CHOICES = [
    ("", "（選択）"),
    ("電気", [("1", "東京電力エナジーパートナー <基本>"), ("2", "関西電力 & 子会社")]),
    ("3", "その他"),
]


class Both(forms.Form):
    slow = forms.ChoiceField(choices=CHOICES, widget=forms.Select)
    fast = forms.ChoiceField(choices=CHOICES, widget=FastSelect)


def _normalize(html: str, name: str) -> Element:
    """Parsed as Django's assertHTMLEqual does: attribute order and white space do not count."""
    return parse_html(html.replace(f"id_{name}", "id_X").replace(f'name="{name}"', 'name="X"'))


def test_same_markup_as_django_select():
    form = Both(data={"slow": "2", "fast": "2"})
    assert _normalize(str(form["fast"]), "fast") == _normalize(str(form["slow"]), "slow")
    assert 'value="2" selected' in str(form["fast"])
    assert "&lt;基本&gt;" in str(form["fast"]) and "&amp; 子会社" in str(form["fast"])


def test_invalid_field_keeps_aria_attributes():
    form = Both(data={"slow": "9", "fast": "9"})
    assert not form.is_valid()
    html = str(form["fast"])
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_fast_error"' in html
