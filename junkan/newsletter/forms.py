"""Forms of the mail magazine."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from junkan.newsletter.models import DeliveryStatus, Issue


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("メールアドレス"),
        help_text=_("登録の確認のメールをお送りします。メールのリンクを開くと登録が完了します。"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"


class IssueForm(forms.ModelForm):
    class Meta:
        model = Issue
        fields = ["subject", "segment", "body"]
        widgets = {"segment": forms.RadioSelect, "body": forms.Textarea(attrs={"rows": 16})}

    def __init__(self, *args: Any, segment_counts: dict[str, int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["segment"]
        field.choices = [
            (
                value,
                _("%(label)s（現在 %(count)s人）") % {"label": label, "count": segment_counts.get(value, 0)},
            )
            for value, label in field.choices
            if value
        ]

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class DeliveryFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("状態"), required=False, choices=[("", _("すべて")), *DeliveryStatus.choices]
    )
