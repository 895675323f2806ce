"""FastBoundField renders the field group and the plain inputs exactly as the templates do (to the byte)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.utils import translation

from junkan.common.forms import FastBoundField, FastFormSet, FastManagementForm
from junkan.common.widgets import FastSelect


class Sample(forms.Form):
    bound_field_class = (
        BoundField  # Django's, through the templates (the project's renderer gives the fast one)
    )

    title = forms.CharField(label="件名 <b>", max_length=20, help_text="例：<em>木質</em>チップ")
    amount = forms.DecimalField(
        label="数量", required=False, widget=forms.TextInput(attrs={"inputmode": "decimal"})
    )
    count = forms.IntegerField(label="件数", required=False)
    mail = forms.EmailField(label="メール", required=False)
    when = forms.DateField(label="日付", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    adjusted = forms.BooleanField(label="調整後", required=False)
    agree = forms.BooleanField(label="同意する", help_text="必ず確認")
    kind = forms.ChoiceField(
        label="種類", choices=[("", "—"), ("a", "A & B")], required=False, widget=FastSelect
    )
    radio = forms.ChoiceField(label="選択", choices=[("x", "X"), ("y", "Y")], widget=forms.RadioSelect)
    note = forms.CharField(label="備考", required=False, widget=forms.Textarea)
    secret = forms.CharField(label="", required=False, widget=forms.HiddenInput)
    nolabel = forms.CharField(label="", required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self.add_error("note", ValidationError("<script>ではなく</script> & 文字"))
        return cleaned


class FastSample(Sample):
    bound_field_class = FastBoundField


DATA = [
    {},
    {
        "title": 'a"b<c>&d',
        "amount": "12.5",
        "count": "x",
        "mail": "no",
        "when": "2026-12-05",
        "adjusted": "on",
        "agree": "",
        "kind": "a",
        "radio": "y",
        "note": "メモ",
        "secret": "s<",
        "nolabel": "v",
    },
    {"title": "x" * 30, "count": "3", "radio": "z", "kind": "zz"},
]


@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize("data", [None, *DATA])
@pytest.mark.parametrize("prefix", [None, "c-0"])
def test_same_markup_as_the_templates(data, prefix, language):
    with translation.override(language):
        slow = Sample(data, prefix=prefix, initial={"title": "初期値", "adjusted": True})
        fast = FastSample(data, prefix=prefix, initial={"title": "初期値", "adjusted": True})
        if data is not None:
            assert slow.is_valid() is fast.is_valid() is False
        for name in Sample.base_fields:
            assert type(fast[name]) is FastBoundField
            assert str(fast[name]) == str(slow[name]), name
            assert fast[name].as_field_group() == slow[name].as_field_group(), name


def test_the_fast_path_is_taken():
    """The comparisons mean something only if the fast field and management form render no template."""
    from unittest import mock

    form = FastSample({"title": "x", "adjusted": "on"})
    form.is_valid()
    rows = FastRows({"r-TOTAL_FORMS": "1", "r-INITIAL_FORMS": "0"}, prefix="r")
    selects = FastSelects({"plain": "a"})
    with mock.patch.object(form.renderer, "render", side_effect=AssertionError("template rendered")):
        for name in ("title", "amount", "count", "adjusted", "agree", "kind", "nolabel"):
            form[name].as_field_group()
        for name in ("plain", "grouped", "many"):
            selects[name].as_field_group()
        assert 'name="r-TOTAL_FORMS"' in str(rows.management_form)


class Row(forms.Form):
    text = forms.CharField(required=False)


class Selects(forms.Form):
    """Django's own selects: the fast field renders their options in Python."""

    bound_field_class = BoundField

    plain = forms.ChoiceField(label="種類", choices=[("", "（選択）"), ("a", "A & B"), ("b", "<b>")])
    grouped = forms.ChoiceField(
        label="事業者",
        required=False,
        choices=[("", "—"), ("電気 <2026>", [("1", "甲"), ("2", "乙")]), ("ガス", [("3", "丙")])],
        help_text="メニューを選ぶ",
    )
    many = forms.MultipleChoiceField(label="分野", required=False, choices=[("x", "X"), ("y", "Y & Z")])


class FastSelects(Selects):
    bound_field_class = None  # what the project's renderer gives every form


def _between_tags(markup: str) -> str:
    return re.sub(r">\s+<", "><", markup)


@pytest.mark.parametrize(
    "data", [None, {}, {"plain": "b", "grouped": "2", "many": ["x", "y"]}, {"plain": "zz", "many": ["q"]}]
)
def test_django_selects_render_as_their_templates_do(data):
    slow, fast = Selects(data), FastSelects(data)
    if data is not None:
        assert slow.is_valid() is fast.is_valid()
    for name in Selects.base_fields:
        assert type(fast[name]) is FastBoundField
        assert _between_tags(str(fast[name])) == _between_tags(str(slow[name])), name
        assert _between_tags(fast[name].as_field_group()) == _between_tags(slow[name].as_field_group()), name
    assert "selected" in str(fast["grouped"]) or not data or "grouped" not in data


def test_every_form_of_the_project_gets_the_fast_field():
    assert type(Row()["text"]) is FastBoundField
    assert type(Selects()["plain"]) is BoundField  # a form may still name its own


SlowRows = forms.formset_factory(Row, extra=2, max_num=5)
FastRows = forms.formset_factory(Row, formset=FastFormSet, extra=2, max_num=5)


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"r-TOTAL_FORMS": "3", "r-INITIAL_FORMS": "0", "r-MAX_NUM_FORMS": "9", "r-0-text": "a"},
        {"r-TOTAL_FORMS": "x", "r-INITIAL_FORMS": "0"},  # a broken management form: Django's own rendering
        {},
    ],
)
def test_management_form_as_the_template(data):
    slow, fast = SlowRows(data, prefix="r"), FastRows(data, prefix="r")
    assert type(fast.management_form) is FastManagementForm
    assert str(fast.management_form) == str(slow.management_form)
    assert fast.is_valid() is slow.is_valid()
