"""service_errors puts a refusal on the form (field errors on fields, the rest on top) or into messages."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.test import RequestFactory

from junkan.common.forms import add_errors, error_text, service_errors


class NameForm(forms.Form):
    name = forms.CharField()
    amount = forms.IntegerField()


def _bound() -> NameForm:
    form = NameForm(data={"name": "飯田市", "amount": "120000"})
    assert form.is_valid()
    return form


def _request():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_field_errors_go_on_fields_and_the_rest_on_top():
    form = _bound()
    error = ValidationError(
        {
            "name": "この名称は登録済みです。",
            "deadline": "締切を過ぎています。",
            NON_FIELD_ERRORS: ["全体の誤り"],
        }
    )
    with service_errors(form) as outcome:
        raise error
    assert outcome.refused and not outcome.ok and outcome.error is error
    assert form.errors["name"] == ["この名称は登録済みです。"]
    assert form.non_field_errors() == ["締切を過ぎています。", "全体の誤り"]
    assert "name" not in form.cleaned_data  # the failed field is not kept as clean
    assert form["amount"].value() == "120000"  # what was typed is still there


def test_plain_message_goes_on_top():
    form = _bound()
    with service_errors(form) as outcome:
        raise ValidationError(["一つ目", "二つ目"])
    assert outcome.refused
    assert form.non_field_errors() == ["一つ目", "二つ目"]
    assert not form.has_error("name")


def test_aliases_map_service_names_to_form_fields():
    form = _bound()
    error = ValidationError({"amount_yen": "上限を超えています。"})
    add_errors(form, error, aliases={"amount_yen": "amount"})
    assert form.errors["amount"] == ["上限を超えています。"]
    add_errors(form, ValidationError("団体コードが見つかりません。"), aliases={NON_FIELD_ERRORS: "name"})
    assert form.errors["name"] == ["団体コードが見つかりません。"]


def test_success_leaves_form_alone():
    form = _bound()
    with service_errors(form) as outcome:
        value = 1
    assert outcome.ok and value == 1
    assert form.errors == {}


def test_other_exceptions_propagate():
    form = _bound()
    with pytest.raises(KeyError), service_errors(form):
        raise KeyError("x")


def test_without_form_the_refusal_is_a_message():
    request = _request()
    with service_errors(request=request) as outcome:
        raise ValidationError({"status": "この状態では提出できません。", "x": ["もう一つ"]})
    assert outcome.refused
    assert [str(m) for m in get_messages(request)] == ["この状態では提出できません。 もう一つ"]


def test_form_wins_over_request():
    request = _request()
    form = _bound()
    with service_errors(form, request=request):
        raise ValidationError("だめです。")
    assert form.non_field_errors() == ["だめです。"]
    assert list(get_messages(request)) == []


def test_form_picked_when_the_error_happens():
    request = _request()
    picked = {"a": None}
    with service_errors(lambda: picked["a"], request=request):
        picked["a"] = _bound()
        raise ValidationError({"name": "重複しています。"})
    assert picked["a"].errors["name"] == ["重複しています。"]
    with service_errors(lambda: None, request=request):
        raise ValidationError("どの様式でもありません。")
    assert [str(m) for m in get_messages(request)] == ["どの様式でもありません。"]


def test_picked_none_without_request_propagates():
    with pytest.raises(ValidationError), service_errors(lambda: None):
        raise ValidationError("x")


def test_needs_a_form_or_a_request():
    with pytest.raises(TypeError), service_errors():
        pass


def test_error_text_joins_messages():
    assert error_text(ValidationError({"a": "一", "b": ["二", "三"]})) == "一 二 三"
