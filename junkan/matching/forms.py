"""Forms of matching: asking for an introduction, a message, the move details, events, the digest."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from junkan.matching.models import Mediation, Outcome
from junkan.organizations.models import Organization


class AskForm(forms.Form):
    requester = forms.ModelChoiceField(
        queryset=Organization.objects.none(), label=_("相談する団体"), empty_label=None
    )
    message = forms.CharField(
        label=_("相談の内容"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=4000,
        help_text=_(
            "何について話したいか、地域の状況や時期などを書いてください。連絡先は相手が承諾した後に互いに表示されます。"
        ),
    )

    def __init__(self, *args: Any, organizations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["requester"].queryset = (
            organizations if organizations is not None else Organization.objects.none()
        )


class MessageForm(forms.Form):
    body = forms.CharField(label=_("メッセージ"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)


class IntroduceForm(forms.Form):
    mediation = forms.ChoiceField(label=_("紹介の方法"), choices=Mediation.choices)


class MeetForm(forms.Form):
    meeting_on = forms.DateField(label=_("面談日"), widget=forms.DateInput(attrs={"type": "date"}))


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("結果"), choices=Outcome.choices)


class EventForm(forms.Form):
    title = forms.CharField(label=_("名称"), max_length=200)
    held_on = forms.DateField(label=_("開催日"), widget=forms.DateInput(attrs={"type": "date"}))
    mode = forms.ChoiceField(
        label=_("形式"), choices=[c for c in Mediation.choices if c[0] != Mediation.NONE]
    )
    place = forms.CharField(label=_("会場"), max_length=200, required=False)


class PairForm(forms.Form):
    region = forms.ModelChoiceField(queryset=Organization.objects.none(), label=_("地域側の団体"))
    company = forms.ModelChoiceField(queryset=Organization.objects.none(), label=_("企業側の団体"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from junkan.registry.models import CompanyRegistration, RegionRegistration, RegistrationStatus

        super().__init__(*args, **kwargs)
        approved = RegistrationStatus.APPROVED
        self.fields["region"].queryset = Organization.objects.filter(
            pk__in=RegionRegistration.objects.filter(status=approved).values("organization")
        ).order_by("name")
        self.fields["company"].queryset = Organization.objects.filter(
            pk__in=CompanyRegistration.objects.filter(status=approved).values("organization")
        ).order_by("name")


class DigestForm(forms.Form):
    enabled = forms.BooleanField(label=_("週1回、新しく合いそうな相手をメールで受け取る"), required=False)
