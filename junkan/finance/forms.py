from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from junkan.finance.models import Offer, OfferKind
from junkan.municipalities.models import Municipality


def prefecture_choices() -> Any:
    return Municipality.objects.filter(kind="prefecture").order_by("code")


class OfferFilterForm(forms.Form):
    prefecture = forms.ModelChoiceField(
        label=_("都道府県"), required=False, queryset=Municipality.objects.none(), empty_label=_("すべて")
    )
    kind = forms.ChoiceField(label=_("種類"), required=False, choices=[("", _("すべて")), *OfferKind.choices])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["prefecture"].queryset = prefecture_choices()  # type: ignore[attr-defined]


class RegionFilterForm(forms.Form):
    prefecture = forms.ModelChoiceField(
        label=_("都道府県"), required=False, queryset=Municipality.objects.none(), empty_label=_("すべて")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["prefecture"].queryset = prefecture_choices()  # type: ignore[attr-defined]


class OfferForm(forms.ModelForm):
    class Meta:
        model = Offer
        fields = ["kind", "title", "summary", "conditions", "contact", "url", "prefectures", "is_published"]
        widgets = {"prefectures": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["prefectures"].queryset = prefecture_choices()  # type: ignore[attr-defined]

    def service_data(self) -> tuple[dict[str, Any], Any]:
        data = {k: v for k, v in self.cleaned_data.items() if k != "prefectures"}
        return data, self.cleaned_data["prefectures"]


class ContactForm(forms.Form):
    message = forms.CharField(
        label=_("用件"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("話を聞きたい事業、検討している支援の形、連絡のとりやすい方法などを書いてください。"),
    )
