"""Forms of regional support. Amounts are YenField (int yen), KPI figures Decimal."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from junkan.common.fields import YenField
from junkan.economy.models import RegionalAccount
from junkan.regional.engine.budget import COST_KIND_LABELS, CostKind
from junkan.regional.engine.hearing import CRITERIA, OUTCOME_LABELS
from junkan.regional.models import (
    Activity,
    BodyMember,
    BusinessPlan,
    CaseKind,
    Coordinator,
    Kpi,
    Meeting,
    PdcaCycle,
    Round,
    Route,
    Visit,
)
from junkan.support.models import Expert, SupportField

DATE = forms.DateInput(attrs={"type": "date"})


class RoundForm(forms.ModelForm):
    budget_cap = YenField(label=_("1件当たりの上限額（円）"), initial=2_000_000)

    class Meta:
        model = Round
        fields = ["fiscal_year", "name", "budget_cap", "announced_on", "closes_on", "is_open", "notes"]
        widgets = {"announced_on": DATE, "closes_on": DATE}


class StartCaseForm(forms.Form):
    round = forms.ModelChoiceField(
        label=_("募集回"), queryset=Round.objects.filter(is_open=True), empty_label=None
    )
    kind = forms.ChoiceField(label=_("新規・継続"), choices=CaseKind.choices, widget=forms.RadioSelect)
    route = forms.ChoiceField(
        label=_("経緯"), choices=Route.choices, initial=Route.APPLIED, widget=forms.RadioSelect
    )
    recommended_by = forms.CharField(label=_("推薦者"), required=False, max_length=200)

    def __init__(self, *args: Any, secretariat: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not secretariat:
            del self.fields["route"]
            del self.fields["recommended_by"]


class ConceptForm(forms.Form):
    desired_future = forms.CharField(
        label=_("ありたい未来"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    backcasting = forms.CharField(
        label=_("ありたい未来への道筋（バックキャスティング）"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    resources = forms.CharField(
        label=_("活用する地域資源"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    challenges = forms.CharField(
        label=_("地域の課題"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    partners = forms.CharField(
        label=_("連携するパートナー"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    is_published = forms.BooleanField(
        label=_("この案件を公開する"),
        required=False,
        help_text=_("公開すると、地域のページとオープンデータに段階と構想の概要が載ります。"),
    )


class BudgetForm(forms.Form):
    """Planned and actual amounts per cost kind; the actual column only for the secretariat."""

    def __init__(self, *args: Any, lines: list[Any], secretariat: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = []
        for line in lines:
            kind = CostKind(line.kind)
            label = COST_KIND_LABELS[kind]
            planned = f"{kind.value}-planned"
            self.fields[planned] = YenField(
                label=_("%(kind)s 予定額") % {"kind": label}, initial=line.planned
            )
            names = [planned]
            if secretariat:
                actual = f"{kind.value}-actual"
                self.fields[actual] = YenField(
                    label=_("%(kind)s 執行額") % {"kind": label}, initial=line.actual
                )
                names.append(actual)
            if kind is CostKind.OTHER:
                reason = f"{kind.value}-reason"
                self.fields[reason] = forms.CharField(
                    label=_("その他の内容・理由"), required=False, max_length=300, initial=line.reason
                )
                names.append(reason)
            self.rows.append((label, [self[n] for n in names]))

    def rows_data(self) -> dict[str, dict[str, Any]]:
        data: dict[str, dict[str, Any]] = {}
        for name, value in self.cleaned_data.items():
            kind, _sep, part = name.rpartition("-")
            data.setdefault(kind, {})[part] = value if value is not None else 0
        return data


class EconomyLinkForm(forms.Form):
    """Pick one of the platform's 地域経済循環分析 instead of (or beside) an uploaded file."""

    account = forms.ModelChoiceField(
        label=_("プラットフォームの地域経済循環データ"),
        queryset=None,
        required=False,
        empty_label=_("（添付しない）"),
        help_text=_("「地域経済循環分析」で登録したこの地域のデータから選べます。"),
    )

    def __init__(
        self,
        *args: Any,
        accounts: Any = None,
        choices: list[tuple[int, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        """``accounts``: the queryset a choice is checked against (``services.economy_accounts``);
        ``choices``: (id, label) to show instead of reading ``accounts`` (``services.economy_choices``, the
        same list) when the form is only shown."""
        super().__init__(*args, **kwargs)
        field = self.fields["account"]
        field.queryset = accounts if accounts is not None else RegionalAccount.objects.none()
        field.label_from_instance = lambda account: account.display_name
        if choices is not None:
            field.choices = [("", field.empty_label), *choices]


class UploadForm(forms.Form):
    file = forms.FileField(label=_("ファイル"), help_text=_("PDF、Excel、Word、JPEG、PNG（20MBまで）"))


class BodyForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=200)
    purpose = forms.CharField(label=_("目的・役割"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    reuses_existing = forms.BooleanField(label=_("既存の会議体を活用する"), required=False)
    is_published = forms.BooleanField(
        label=_("構成員と会議の開催状況を公開する"),
        required=False,
        help_text=_("会議体の同意がある場合に公開してください。議事録は会議ごとに公開を選びます。"),
    )


class MemberForm(forms.ModelForm):
    class Meta:
        model = BodyMember
        fields = ["kind", "name", "sector", "role", "joined_on", "left_on", "planned"]
        widgets = {"joined_on": DATE, "left_on": DATE, "kind": forms.RadioSelect}


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = [
            "held_on",
            "place",
            "online",
            "agenda",
            "attendance",
            "attendees",
            "minutes",
            "decisions",
            "action_items",
            "minutes_published",
        ]
        widgets = {
            "held_on": DATE,
            "agenda": forms.Textarea(attrs={"rows": 3}),
            "attendees": forms.Textarea(attrs={"rows": 2}),
            "minutes": forms.Textarea(attrs={"rows": 6}),
            "decisions": forms.Textarea(attrs={"rows": 3}),
            "action_items": forms.Textarea(attrs={"rows": 3}),
        }


MET_CHOICES = [("", _("未判定")), ("yes", _("満たしている")), ("no", _("満たしていない"))]


class HearingForm(forms.Form):
    held_on = forms.DateField(label=_("実施日"), required=False, widget=DATE)
    panel = forms.CharField(
        label=_("ヒアリングの担当者"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    outcome = forms.ChoiceField(
        label=_("決定"),
        required=False,
        choices=[("", _("未定")), *[(k.value, v) for k, v in OUTCOME_LABELS.items()]],
    )
    reasons = forms.CharField(label=_("決定の理由"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = []
        for criterion in CRITERIA:
            key = criterion.key
            self.fields[f"{key}-met"] = forms.ChoiceField(
                label=_("判定"), choices=MET_CHOICES, required=False
            )
            self.fields[f"{key}-evidence"] = forms.CharField(
                label=_("根拠"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
            self.fields[f"{key}-comment"] = forms.CharField(
                label=_("コメント"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
            self.criteria.append(
                (criterion, [self[f"{key}-met"], self[f"{key}-evidence"], self[f"{key}-comment"]])
            )

    def judgements(self) -> dict[str, dict[str, Any]]:
        data = self.cleaned_data
        met = {"yes": True, "no": False}
        return {
            c.key: {
                "met": met.get(data.get(f"{c.key}-met") or ""),
                "evidence": data.get(f"{c.key}-evidence", ""),
                "comment": data.get(f"{c.key}-comment", ""),
            }
            for c in CRITERIA
        }


class TeamRequestForm(forms.Form):
    fields_wanted = forms.ModelMultipleChoiceField(
        label=_("求める専門分野"), queryset=SupportField.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    request_note = forms.CharField(label=_("依頼の内容"), widget=forms.Textarea(attrs={"rows": 4}))


class TeamTermsForm(forms.Form):
    starts_on = forms.DateField(label=_("支援期間（開始）"), required=False, widget=DATE)
    ends_on = forms.DateField(
        label=_("支援期間（終了）"), required=False, widget=DATE, help_text=_("最長2年")
    )
    consulting_fee = YenField(label=_("コンサルティング料（円）"))
    other_costs = YenField(
        label=_("旅費・謝金等（円）"), help_text=_("コンサルティング料と合わせて10,000千円まで")
    )


class ExpertChoiceForm(forms.Form):
    expert = forms.ModelChoiceField(label=_("専門家"), queryset=Expert.objects.none())
    role = forms.CharField(label=_("担当"), required=False, max_length=200)
    user_email = forms.EmailField(
        label=_("専門家がログインするメールアドレス"),
        required=False,
        help_text=_("登録済みのアカウントがあれば、訪問の記録とこの地域の案件の閲覧ができるようになります。"),
    )
    declared_conflict = forms.CharField(
        label=_("地域との関係（申告）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("顧問・取引など地域と利害関係があれば記入します。記入があるとチームに入れられません。"),
    )

    def __init__(self, *args: Any, fields_wanted: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        experts = Expert.objects.all().order_by("name_kana", "name")
        if fields_wanted:
            experts = experts.filter(fields__in=fields_wanted).distinct()
        self.fields["expert"].queryset = experts  # type: ignore[attr-defined]


class VisitForm(forms.ModelForm):
    class Meta:
        model = Visit
        fields = [
            "visited_on",
            "experts",
            "heard",
            "advice_resources",
            "advice_stakeholders",
            "advice_consortium",
            "advice_plan",
        ]
        widgets = {
            "visited_on": DATE,
            "experts": forms.CheckboxSelectMultiple,
            **{
                k: forms.Textarea(attrs={"rows": 3})
                for k in (
                    "heard",
                    "advice_resources",
                    "advice_stakeholders",
                    "advice_consortium",
                    "advice_plan",
                )
            },
        }

    def __init__(self, *args: Any, team: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["experts"].queryset = team.experts.select_related("expert")  # type: ignore[attr-defined]
        self.fields["experts"].label_from_instance = lambda seat: seat.expert.name  # type: ignore[attr-defined]


class CoordinatorForm(forms.ModelForm):
    user_email = forms.EmailField(label=_("ログインするメールアドレス"), required=False)

    class Meta:
        model = Coordinator
        fields = ["name", "profile", "appointed_on"]
        widgets = {"appointed_on": DATE, "profile": forms.Textarea(attrs={"rows": 3})}


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["done_on", "kind", "note"]
        widgets = {"done_on": DATE, "note": forms.Textarea(attrs={"rows": 3})}


class PlanForm(forms.ModelForm):
    class Meta:
        model = BusinessPlan
        fields = ["title", "summary", "projects", "is_published"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "projects": forms.Textarea(attrs={"rows": 4}),
        }


class PlanLinksForm(forms.Form):
    programs = forms.ModelMultipleChoiceField(
        label=_("関連する予算事業"), required=False, queryset=None, widget=forms.CheckboxSelectMultiple
    )
    applications = forms.ModelMultipleChoiceField(
        label=_("この計画から生まれた応募"),
        required=False,
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, programs: Any, applications: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programs"].queryset = programs  # type: ignore[attr-defined]
        self.fields["applications"].queryset = applications  # type: ignore[attr-defined]


class KpiForm(forms.ModelForm):
    class Meta:
        model = Kpi
        fields = ["area", "name", "unit", "baseline", "baseline_year"]


class KpiYearForm(forms.Form):
    fiscal_year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    target = forms.DecimalField(label=_("目標値"), required=False, max_digits=18, decimal_places=3)
    actual = forms.DecimalField(label=_("実績値"), required=False, max_digits=18, decimal_places=3)


class CycleForm(forms.ModelForm):
    class Meta:
        model = PdcaCycle
        fields = ["fiscal_year", "plan_note", "do_note", "check_note", "act_note"]
        widgets = {
            k: forms.Textarea(attrs={"rows": 3}) for k in ("plan_note", "do_note", "check_note", "act_note")
        }


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
