"""Forms of the accounts app."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from junkan.accounts.models import User
from junkan.jp.text import normalize_email


class NormalizedEmailMixin:
    """NFKC-normalize e-mail addresses before validation (full-width input becomes ASCII).

    「ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ」 becomes taro@example.jp. Identifiers are normalized, prose never is
    (see junkan.jp.text).
    """

    email_fields = ("email", "login")

    def full_clean(self) -> None:
        if self.is_bound and any(name in self.data for name in self.email_fields):  # type: ignore[attr-defined]
            data = self.data.copy()  # type: ignore[attr-defined]
            for name in self.email_fields:
                if isinstance(data.get(name), str):
                    data[name] = normalize_email(data[name])
            self.data = data
        super().full_clean()  # type: ignore[misc]


class SignupForm(NormalizedEmailMixin, forms.Form):
    """Fields added to allauth's sign-up form (e-mail and password come from allauth).

    allauth builds its sign-up form on top of this class (ACCOUNT_SIGNUP_FORM_CLASS).
    """

    full_name = forms.CharField(
        label=_("氏名"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=_("姓と名の間は空けても空けなくても構いません。例：環境 太郎"),
    )
    full_name_kana = forms.CharField(
        label=_("氏名（ふりがな）"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def signup(self, request: HttpRequest, user: User) -> None:
        user.full_name = self.cleaned_data["full_name"].strip()
        user.full_name_kana = self.cleaned_data.get("full_name_kana", "").strip()
        user.save(update_fields=["full_name", "full_name_kana"])
