from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from junkan.common.widgets import FastSelect
from junkan.exchange.models import ConsultationStatus, TopicKind
from junkan.organizations.models import Organization


class OrganizationChoiceMixin:
    """The organization the person writes for: one of their registered organizations."""

    def _organizations(self, organizations: list[Organization]) -> None:
        field = self.fields["organization"]  # type: ignore[attr-defined]
        field.queryset = Organization.objects.filter(pk__in=[o.pk for o in organizations])
        # The options from the list the view has read already (no second query to render them).
        empty = [("", field.empty_label)] if field.empty_label is not None else []
        field.choices = [*empty, *((o.pk, str(o)) for o in organizations)]
        if len(organizations) == 1:
            field.initial = organizations[0].pk


class TopicForm(OrganizationChoiceMixin, forms.Form):
    organization = forms.ModelChoiceField(
        label=_("所属"), queryset=Organization.objects.none(), widget=FastSelect
    )
    kind = forms.ChoiceField(label=_("種類"), choices=TopicKind.choices, widget=forms.RadioSelect)
    title = forms.CharField(label=_("題名"), max_length=200)
    body = forms.CharField(label=_("本文"), max_length=10000, widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args: Any, organizations: list[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._organizations(organizations)


class ReplyForm(OrganizationChoiceMixin, forms.Form):
    organization = forms.ModelChoiceField(
        label=_("所属"), queryset=Organization.objects.none(), widget=FastSelect
    )
    body = forms.CharField(label=_("返信"), max_length=10000, widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args: Any, organizations: list[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._organizations(organizations)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class ConsultationForm(OrganizationChoiceMixin, forms.Form):
    organization = forms.ModelChoiceField(
        label=_("所属"), queryset=Organization.objects.none(), widget=FastSelect
    )
    subject = forms.CharField(label=_("件名"), max_length=200)
    body = forms.CharField(label=_("相談の内容"), max_length=10000, widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args: Any, organizations: list[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._organizations(organizations)


class ConsultationFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("状態"), required=False, choices=[("", _("すべて")), *ConsultationStatus.choices]
    )


class MessageForm(forms.Form):
    body = forms.CharField(label=_("内容"), max_length=10000, widget=forms.Textarea(attrs={"rows": 5}))
