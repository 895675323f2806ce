"""FastBoundField renders the field group and the plain inputs exactly as the templates do (to the byte)."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

from junkan.common.forms import FastBoundField, FastFormSet, FastManagementForm
from junkan.common.widgets import FastSelect


class Sample(forms.Form):
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
    with mock.patch.object(form.renderer, "render", side_effect=AssertionError("template rendered")):
        for name in ("title", "amount", "count", "adjusted", "agree", "kind", "nolabel"):
            form[name].as_field_group()
        assert 'name="r-TOTAL_FORMS"' in str(rows.management_form)


class Row(forms.Form):
    text = forms.CharField(required=False)


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
