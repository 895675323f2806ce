"""Forms of information requests and hearings: the request, the answer, closing and reopening."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from junkan.grants.forms.money import date_field
from junkan.grants.models import InfoRequestKind

MAX_FILES = 10


class DateTimeLocalInput(forms.DateTimeInput):
    """The browser's date-and-time picker; the value is read in Japan time."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; cleans to a list (empty when none)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("ファイルは一度に%(n)s件までです。") % {"n": MAX_FILES})
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class InfoRequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("種類"),
        choices=InfoRequestKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("要請の種類を選んでください。")},
    )
    subject = forms.CharField(
        label=_("件名"), max_length=200, error_messages={"required": _("件名を入力してください。")}
    )
    body = forms.CharField(
        label=_("要請の内容"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
        error_messages={"required": _("要請の内容を入力してください。")},
    )
    requested_on = date_field(_("要請日"))
    answer_by = date_field(_("回答期限"), required=False)
    meeting_at = forms.DateTimeField(
        label=_("ヒアリング・会議の日時"),
        required=False,
        widget=DateTimeLocalInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M"],
        help_text=_("ヒアリング・有識者会議での報告のときは必須です。日本時間で入力します。"),
        error_messages={"invalid": _("日時は「2020-04-01 10:00」の形式で入力してください。")},
    )
    place = forms.CharField(
        label=_("場所"),
        required=False,
        max_length=200,
        help_text=_("地方環境事務所等、環境省の指定する場所を記載してください。"),
    )
    files = MultipleFileField(label=_("添付ファイル（任意）"))


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("回答"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        error_messages={"required": _("回答を入力してください。")},
    )
    files = MultipleFileField(
        label=_("回答資料（任意）"),
        help_text=_("PDF・Word・Excel・画像などを添付できます。1件の回答で合計100MBまでです。"),
    )


class NoteForm(forms.Form):
    """The secretariat's note when closing or reopening a request."""

    note = forms.CharField(
        label=_("事務局の記録"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text=_(
            "再回答を求めるときは不足している点を、回答を待たずに完了とするときはその理由を記載してください。"
        ),
    )
