"""FastSelect renders the same options, groups, selection and attributes as Django's Select."""

from __future__ import annotations

import pytest
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


class Shared(forms.Form):
    slow = forms.ChoiceField(choices=CHOICES, widget=forms.Select)
    fast = forms.ChoiceField(choices=CHOICES, widget=FastSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fast"].widget.options_name = "test:shared"
        self.fields["fast"].widget.options_scopes = ("test",)


def test_shared_options_give_the_same_markup_for_every_value():
    for value in ("", "1", "2", "3", "9"):
        form = Shared(data={"slow": value, "fast": value})
        form.is_valid()
        assert _normalize(str(form["fast"]), "fast") == _normalize(str(form["slow"]), "slow"), value
    assert str(Shared()["fast"]).count(" selected") == 1


@pytest.mark.django_db
def test_shared_options_follow_their_generation():
    from junkan.common import cache

    assert "その他" in str(Shared()["fast"])
    changed = Shared()
    changed.fields["fast"].choices = [("", "（選択）"), ("4", "新しい事業者")]
    assert "新しい事業者" not in str(changed["fast"])  # the same generation: the shared markup
    cache.bump("test")
    assert "新しい事業者" in str(changed["fast"]) and "その他" not in str(changed["fast"])
