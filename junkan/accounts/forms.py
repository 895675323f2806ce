"""Forms of the accounts app."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from junkan.accounts.models import User


class SignupForm(forms.Form):
    """Fields added to allauth's sign-up form (e-mail and password come from allauth)."""

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
