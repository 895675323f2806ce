from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from junkan.localbiz.models import Criterion


class DeclarationForm(forms.Form):
    """One tick and one explanation per criterion."""

    def __init__(self, *args: Any, claims: dict[int, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for value, label in Criterion.choices:
            claim = claims.get(value)
            self.fields[f"meets_{value}"] = forms.BooleanField(
                label=label, required=False, initial=claim is not None
            )
            self.fields[f"how_{value}"] = forms.CharField(
                label=_("どのように満たしているか（%(n)s）") % {"n": value},
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=claim.explanation if claim else "",
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for value, _label in Criterion.choices:
            if data.get(f"meets_{value}") and not (data.get(f"how_{value}") or "").strip():
                self.add_error(
                    f"how_{value}", _("満たしている要件には、どのように満たしているかを書いてください。")
                )
        return data

    def explanations(self) -> dict[int, str]:
        return {
            value: self.cleaned_data[f"how_{value}"]
            for value, _label in Criterion.choices
            if self.cleaned_data.get(f"meets_{value}")
        }
