"""Forms of the events app: the organizer's event form, registration, the public filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from junkan.events.models import Event, EventKind
from junkan.events.services import EDITABLE_FIELDS
from junkan.organizations.models import Organization

SECRETARIAT_CHOICE = ""


class DateTimeLocalInput(forms.DateTimeInput):
    """The browser's date-and-time picker; the value is read in Japan time."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class EventForm(forms.ModelForm):
    organizer_choice = forms.ChoiceField(label=_("主催"), required=False)

    class Meta:
        model = Event
        fields = list(EDITABLE_FIELDS)
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "starts_at": DateTimeLocalInput(),
            "ends_at": DateTimeLocalInput(),
            "registration_deadline": DateTimeLocalInput(),
            "format": forms.RadioSelect,
        }
        help_texts = {
            "starts_at": _("日本時間で入力します。"),
            "venue": _("会場で開催するときは必須です。"),
        }

    field_order = ["organizer_choice"]

    def __init__(self, *args: Any, organizers: list[Organization], secretariat: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organizers = {str(org.pk): org for org in organizers}
        choices = [(SECRETARIAT_CHOICE, _("事務局"))] if secretariat else []
        choices += [(pk, org.name) for pk, org in self.organizers.items()]
        field = self.fields["organizer_choice"]
        field.choices = choices
        field.required = not secretariat
        if self.instance.pk and self.instance.organizer_id:
            field.initial = str(self.instance.organizer_id)
        self.fields["online_url"].assume_scheme = "https"  # type: ignore[attr-defined]

    def clean_organizer_choice(self) -> Organization | None:
        value = self.cleaned_data["organizer_choice"]
        return self.organizers.get(value) if value else None

    def service_data(self) -> tuple[dict[str, Any], Organization | None]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}, self.cleaned_data[
            "organizer_choice"
        ]


class RegistrationForm(forms.Form):
    """Name and address; a signed-in person registers with the address of their account."""

    name = forms.CharField(label=_("氏名"), max_length=100)
    email = forms.EmailField(
        label=_("メールアドレス"),
        help_text=_("申込の確認とキャンセルのためのリンクをお送りします。"),
    )
    affiliation = forms.CharField(label=_("所属"), max_length=200, required=False)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["affiliation"].widget.attrs["autocomplete"] = "organization"
        if getattr(user, "is_authenticated", False):
            del self.fields["email"]
            self.fields["name"].initial = user.full_name


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("中止の理由"), widget=forms.Textarea(attrs={"rows": 2}))


class EventFilterForm(forms.Form):
    """GET filters of the public listing; every field optional."""

    WHEN_CHOICES = [("upcoming", _("これから開催")), ("past", _("終了したイベント"))]

    when = forms.ChoiceField(label=_("時期"), choices=WHEN_CHOICES, required=False)
    kind = forms.ChoiceField(label=_("種類"), choices=[("", _("すべて")), *EventKind.choices], required=False)
