"""Forms of the public call pages: filters, the 「応募できるか確認」 questionnaire, estimate, finder."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from junkan.common.fields import YenField
from junkan.jp.dates import format_fiscal_year
from junkan.jp.money import format_yen
from junkan.organizations.models import OrganizationKind
from junkan.programs.engine import eligibility, subsidy
from junkan.programs.models import Program, ProgramStatus, ProjectNature, ProjectType, Theme


class ProgramFilterForm(forms.Form):
    """Filters of the call list; every field is optional and an unknown value is simply ignored."""

    status = forms.ChoiceField(
        label=_("受付状況"), required=False, choices=[("", _("すべて")), *ProgramStatus.choices]
    )
    fiscal_year = forms.TypedChoiceField(label=_("年度"), required=False, coerce=int, empty_value=None)
    applicant_kind = forms.ChoiceField(
        label=_("応募する団体の種別"), required=False, choices=[("", _("すべて")), *OrganizationKind.choices]
    )
    theme = forms.ChoiceField(label=_("テーマ"), required=False)

    def __init__(self, *args: Any, fiscal_years: list[int], themes: list[Theme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fiscal_year"].choices = [("", _("すべて"))] + [
            (str(year), format_fiscal_year(year)) for year in fiscal_years
        ]
        self.fields["theme"].choices = [("", _("すべて"))] + [(theme.slug, theme.name) for theme in themes]


def _type_choices(program: Program) -> list[tuple[str, str]]:
    return [(t.code, t.label) for t in program.project_types.all()]


YES_NO = [("no", _("受けない")), ("yes", _("受ける"))]


def _planned_cost_choices(program: Program) -> list[tuple[str, str]]:
    """One checkbox per cost rule of the call's categories (「地方公共団体の職員の旅費」…), from its data."""
    choices: dict[str, str] = {}
    for project_type in program.project_types.all():
        for category in project_type.cost_categories.all():
            for rule in category.rules:
                code, params = rule["code"], rule.get("params", {})
                key = f"{code}:{category.name}"
                if code == "no_local_government_staff_travel":
                    choices[key] = str(
                        _("地方公共団体の職員の旅費（%(category)s）") % {"category": category.name}
                    )
                elif code == "no_regular_staff_labour":
                    choices[key] = str(
                        _("地方公共団体の常勤職員の人件費（%(category)s）") % {"category": category.name}
                    )
                elif code == "unit_price_below":
                    choices[key] = str(
                        _("1点%(price)s以上の物品（%(category)s）")
                        % {"price": format_yen(int(params["threshold"])), "category": category.name}
                    )
                elif code == "requires_approval":
                    choices[key] = str(category.name)
    return list(choices.items())


class EligibilityQuestionnaireForm(forms.Form):
    """A short questionnaire; the answers become the facts the eligibility engine checks."""

    project_type = forms.ChoiceField(label=_("応募する事業区分"), widget=forms.RadioSelect)
    applicant_kind = forms.ChoiceField(
        label=_("応募する団体（共同申請の場合は代表申請者）の種別"),
        choices=[("", "―"), *OrganizationKind.choices],
    )
    co_applicant_kinds = forms.MultipleChoiceField(
        label=_("共同申請者の種別（共同申請する場合、当てはまるものすべて）"),
        required=False,
        choices=OrganizationKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    other_national_subsidy = forms.ChoiceField(
        label=_("この事業について、国の他の補助金等を受けますか"), choices=YES_NO, widget=forms.RadioSelect
    )
    planned_costs = forms.MultipleChoiceField(
        label=_("計上を予定している経費（当てはまるものすべて）"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, program: Program, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.program = program
        self.fields["project_type"].choices = _type_choices(program)
        self.fields["planned_costs"].choices = _planned_cost_choices(program)
        if not self.fields["planned_costs"].choices:
            del self.fields["planned_costs"]

    def facts(self, now: Any) -> eligibility.Facts:
        """The answers as facts; a cost the applicant plans becomes one cost line of its category."""
        data = self.cleaned_data
        lines = []
        labels = dict(self.fields["planned_costs"].choices) if "planned_costs" in self.fields else {}
        for key in data.get("planned_costs", []):
            code, _sep, category = key.partition(":")
            threshold = 0
            if code == "unit_price_below":
                threshold = next(
                    int(rule["params"]["threshold"])
                    for t in self.program.project_types.all()
                    for c in t.cost_categories.all()
                    for rule in c.rules
                    if c.name == category and rule["code"] == code
                )
            lines.append(
                eligibility.CostLine(
                    category=category,
                    description=str(labels.get(key, category)),
                    numbered=False,
                    amount=threshold,
                    unit_price=threshold if code == "unit_price_below" else None,
                    for_local_government_staff=code == "no_local_government_staff_travel",
                    regular_staff=code == "no_regular_staff_labour",
                )
            )
        return eligibility.Facts(
            applicant=eligibility.Party(data["applicant_kind"]),
            co_applicants=tuple(eligibility.Party(kind) for kind in data["co_applicant_kinds"]),
            cost_lines=tuple(lines),
            submitted_at=now,
            other_national_subsidy=data["other_national_subsidy"] == "yes",
        )


class EstimateForm(forms.Form):
    """様式3 for one fiscal year; amounts as officers type them (「1,200万円」, 「12,000千円」)."""

    project_type = forms.ChoiceField(label=_("事業区分"), widget=forms.RadioSelect)
    total_cost = YenField(label=_("(1)総事業費"), min_value=0)
    other_income = YenField(
        label=_("(2)寄付金その他の収入"), min_value=0, required=False, help_text=_("なければ空欄")
    )
    eligible_cost = YenField(label=_("(4)補助対象経費支出予定額"), min_value=0)
    base_amount = YenField(
        label=_("(5)基準額"),
        min_value=0,
        required=False,
        help_text=_(
            "基準額を個別に定める事業区分で、額が示されている場合に入力します。金額が定められた区分では空欄"
        ),
    )
    consumption_tax_equivalent = YenField(
        label=_("消費税等相当額"),
        min_value=0,
        required=False,
        help_text=_("仕入控除税額に補助率を乗じた額。明らかでない場合は空欄"),
    )

    def __init__(self, *args: Any, program: Program, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project_type"].choices = _type_choices(program)

    def inputs(self) -> subsidy.CostInputs:
        data = self.cleaned_data
        return subsidy.CostInputs(
            total_cost=data["total_cost"],
            other_income=data["other_income"] or 0,
            eligible_cost=data["eligible_cost"],
            base_amount=data["base_amount"],
            consumption_tax_equivalent=data["consumption_tax_equivalent"],
        )

    def add_problems(self, problems: tuple[subsidy.InputProblem, ...]) -> None:
        """Show the engine's problems on the fields they name."""
        for problem in problems:
            self.add_error(problem.field if problem.field in self.fields else None, problem.message)


class FinderForm(forms.Form):
    natures = forms.MultipleChoiceField(
        label=_("実施しようとする事業の性質（当てはまるものすべて）"),
        choices=ProjectNature.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("事業の性質を1つ以上選んでください。")},
    )


def project_type_of(program: Program, code: str) -> ProjectType:
    """The (prefetched) project type of the call with this code."""
    return next(t for t in program.project_types.all() if t.code == code)
