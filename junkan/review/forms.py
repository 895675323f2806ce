"""Forms of the review: committee, members, declarations, the score sheet, hearings, budgets, decisions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from junkan.accounts.models import User
from junkan.applications.models import Application
from junkan.common.fields import YenField
from junkan.common.widgets import FastSelect
from junkan.municipalities.models import Municipality
from junkan.organizations.forms import resolve_municipality
from junkan.organizations.models import Organization
from junkan.programs.models import Program, ProjectType, ReviewCriterion, project_type_wide
from junkan.review.analysis import TypeRow
from junkan.review.engine.scoring import SheetProblem
from junkan.review.models import Committee, DeclarationKind, HearingSlot, Mark, Outcome
from junkan.review.services import MarkInput


class FastSelectMultiple(FastSelect, forms.SelectMultiple):
    """A multiple ``<select>`` rendered without one template per option (hundreds of organizations)."""


class CommitteeForm(forms.ModelForm):
    class Meta:
        model = Committee
        fields = [
            "name",
            "reviewers_per_application",
            "disagreement_threshold",
            "required_rule",
            "nested_workplaces",
        ]
        widgets = {"required_rule": forms.RadioSelect}


class CommitteeCreateForm(CommitteeForm):
    program = forms.ModelChoiceField(
        label=_("公募"),
        queryset=Program.objects.none(),
        empty_label=_("選んでください"),
        help_text=_("審査委員会が設置されていない公募から選びます。"),
    )

    class Meta(CommitteeForm.Meta):
        fields = ["program", *CommitteeForm.Meta.fields]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = Program.objects.filter(review_committee__isnull=True).order_by(
            "-fiscal_year", "slug"
        )


class MunicipalityTextField(forms.CharField):
    """A local government typed by name or 6-digit code; cleans to a Municipality or None."""

    def clean(self, value: Any) -> Municipality | None:
        text = super().clean(value)
        return resolve_municipality(text) if text and text.strip() else None


def party_organizations(committee: Committee) -> QuerySet[Organization]:
    """The organizations that apply (lead or co-applicant) to the committee's call."""
    return (
        Organization.objects.filter(
            Q(applications__program_id=committee.program_id)
            | Q(co_applications__application__program_id=committee.program_id)
        )
        .distinct()
        .order_by("name", "id")
    )


class MemberForm(forms.Form):
    email = forms.EmailField(
        label=_("メールアドレス"),
        help_text=_("審査委員の役割を持つ利用者のメールアドレス。"),
    )
    affiliation = forms.CharField(label=_("所属・役職"), max_length=200, required=False)
    organizations = forms.ModelMultipleChoiceField(
        label=_("所属する団体（応募者・共同申請者のうち）"),
        queryset=Organization.objects.none(),
        required=False,
        widget=FastSelectMultiple(attrs={"size": 8}),
        help_text=_(
            "委員が所属し、又は役員等を務める団体を選びます（複数選択可）。該当がなければ選びません。"
        ),
    )
    workplace = MunicipalityTextField(
        label=_("勤務先の地方公共団体"),
        required=False,
        help_text=_(
            "地方公共団体に勤務している場合に、団体名（例：長野県、長野県飯田市）か団体コードを入力します。"
        ),
    )
    residence = MunicipalityTextField(
        label=_("居住地の市区町村"),
        required=False,
        help_text=_("団体名（例：長野県飯田市）か団体コードを入力します。"),
    )

    def __init__(self, committee: Committee, data: Any = None, *, member: Any = None) -> None:
        initial = None
        if member is not None:
            # Also the value of the disabled e-mail field when the form is bound.
            initial = {
                "email": member.user.email,
                "affiliation": member.affiliation,
                "organizations": [o.pk for o in member.organizations.all()],
                "workplace": member.workplace.full_name if member.workplace_id else "",
                "residence": member.residence.full_name if member.residence_id else "",
            }
        super().__init__(data, initial=initial)
        self.member = member
        selected = member.organizations.all() if member is not None else Organization.objects.none()
        self.fields["organizations"].queryset = (
            Organization.objects.filter(Q(pk__in=party_organizations(committee)) | Q(pk__in=selected))
            .distinct()
            .order_by("name", "id")
        )
        if member is not None:
            self.fields["email"].disabled = True
            self.fields["email"].help_text = ""

    def clean_email(self) -> User:
        if self.member is not None:
            return self.member.user
        email = self.cleaned_data["email"]
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise forms.ValidationError(_("このメールアドレスの利用者は登録されていません。"))
        return user

    def profile(self) -> dict[str, Any]:
        return {k: self.cleaned_data[k] for k in ("affiliation", "workplace", "residence")}


class ManagerForm(forms.Form):
    email = forms.EmailField(label=_("事務局職員のメールアドレス"))

    def clean_email(self) -> User:
        user = User.objects.filter(email__iexact=self.cleaned_data["email"].strip()).first()
        if user is None:
            raise forms.ValidationError(_("このメールアドレスの利用者は登録されていません。"))
        return user


class DeclarationForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("この応募の申請者・共同申請者との関係"),
        choices=DeclarationKind.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("関係の内容"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "利害関係がある場合は、その内容を具体的に記入してください（例：○○株式会社の社外取締役）。"
        ),
    )


# The score sheet -------------------------------------------------------------------------------------------

NOT_APPLICABLE = "na"
PASS, FAIL = "pass", "fail"
MAX_RADIOS = 12


def _choices(row: ReviewCriterion) -> list[tuple[str, str]]:
    if row.pass_fail:
        choices = [(PASS, str(_("適"))), (FAIL, str(_("否")))]
    else:
        choices = [(str(p), str(p)) for p in range(row.scale_min, row.scale_max + 1)]
    if row.not_applicable_allowed:
        choices.append((NOT_APPLICABLE, str(_("該当なし"))))
    return choices


def mark_value(mark: Mark | MarkInput | None) -> str:
    """A stored mark as the form's choice."""
    if mark is None:
        return ""
    if mark.not_applicable:
        return NOT_APPLICABLE
    if mark.passed is not None:
        return PASS if mark.passed else FAIL
    return "" if mark.points is None else str(mark.points)


def _mark_input(value: str, comment: str) -> MarkInput:
    if value == NOT_APPLICABLE:
        return MarkInput(not_applicable=True, comment=comment)
    if value in (PASS, FAIL):
        return MarkInput(passed=value == PASS, comment=comment)
    return MarkInput(points=int(value) if value else None, comment=comment)


class SheetForm(forms.Form):
    """One choice and one comment per criterion, and the overall comment. Drafts may be incomplete."""

    overall_comment = forms.CharField(
        label=_("総合所見"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(
        self, rows: Iterable[ReviewCriterion], marks: dict[int, Mark], *args: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.rows = tuple(rows)
        overall = self.fields.pop("overall_comment")
        for row in self.rows:
            choices = _choices(row)
            mark = marks.get(row.pk)
            if len(choices) <= MAX_RADIOS:
                widget: forms.Widget = forms.RadioSelect(attrs={"class": "choices"})
            else:
                widget = FastSelect()
                choices = [("", str(_("選んでください"))), *choices]
            field = forms.ChoiceField(
                label=row.text,
                choices=choices,
                required=False,
                widget=widget,
                initial=mark_value(mark),
                help_text=_scale_help(row),
            )
            field.spec_required = True  # shown as 必須; checked on submission, not on a draft
            self.fields[f"mark_{row.pk}"] = field
            self.fields[f"comment_{row.pk}"] = forms.CharField(
                label=_("観点%(code)sについてのコメント") % {"code": row.code},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=mark.comment if mark else "",
            )
        self.fields["overall_comment"] = overall

    def criteria(self) -> list[tuple[ReviewCriterion, forms.BoundField, forms.BoundField]]:
        return [(row, self[f"mark_{row.pk}"], self[f"comment_{row.pk}"]) for row in self.rows]

    def marks(self) -> dict[int, MarkInput]:
        data = self.cleaned_data
        return {
            row.pk: _mark_input(
                data.get(f"mark_{row.pk}") or "", (data.get(f"comment_{row.pk}") or "").strip()
            )
            for row in self.rows
        }

    def add_problems(self, problems: Iterable[SheetProblem]) -> None:
        """Put the engine's problems on the fields they concern (the comment, for a missing reason)."""
        by_code = {row.code: row for row in self.rows}
        for problem in problems:
            row = by_code.get(problem.criterion)
            if row is None:
                self.add_error(None, problem.message)
            elif problem.code == "reason":
                self.add_error(f"comment_{row.pk}", problem.message)
            else:
                self.add_error(f"mark_{row.pk}", problem.message)


def _scale_help(row: ReviewCriterion) -> str:
    if row.pass_fail:
        text = str(_("適・否で判定します。"))
        if row.required:
            text += str(_("必須の要件です。「否」とする場合は理由をコメントに記入してください。"))
    else:
        text = str(
            _("%(min)s～%(max)s点（重み%(weight)s）。")
            % {"min": row.scale_min, "max": row.scale_max, "weight": row.weight}
        )
    if row.not_applicable_allowed:
        text += str(_("この応募に当てはまらない場合は「該当なし」を選びます。"))
    return text


# Hearings, budgets, decisions ------------------------------------------------------------------------------


class HearingForm(forms.ModelForm):
    class Meta:
        model = HearingSlot
        fields = ["application", "date", "start_time", "end_time", "place", "online_url"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }
        help_texts = {
            "online_url": _("オンラインで行う場合（会場との併用も可）。例：https://meet.example.jp/abc")
        }

    def __init__(self, applications: QuerySet[Application], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["application"]
        field.queryset = applications
        field.label_from_instance = lambda a: f"{a.receipt_number}　{a.title}（{a.organization.name}）"
        field.widget = FastSelect(choices=field.choices)
        field.empty_label = _("未定")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and start >= end:
            self.add_error("end_time", _("終了時刻は開始時刻より後にしてください。"))
        if not data.get("place") and not data.get("online_url") and not self.has_error("online_url"):
            self.add_error("place", _("会場かオンライン会議のURLのどちらかを入力してください。"))
        return data


class HearingNotesForm(forms.Form):
    notes = forms.CharField(
        label=_("ヒアリングの記録"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "質疑の要点や委員の意見を記録します。委員会の記録として保存され、申請者には開示されません。"
        ),
    )


class BudgetForm(forms.Form):
    """One amount per project type; blank removes the budget."""

    def __init__(
        self,
        types: Iterable[TypeRow],
        budgets: dict[str, int],
        requested: dict[str, tuple[int, int]],
        *args: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.types = list(types)
        for project_type in self.types:
            total, count = requested.get(project_type.code, (0, 0))
            self.fields[f"budget_{project_type.pk}"] = YenField(
                label=_("%(type)sの予算額") % {"type": project_type.label},
                required=False,
                min_value=0,
                initial=budgets.get(project_type.code),
                help_text=_("審査中の応募%(count)s件の補助金所要額の合計は%(total)s円です。")
                % {"count": count, "total": f"{total:,}"},
            )

    def amounts(self) -> dict[ProjectType, int | None]:
        """The amount of each type, keyed by the type as the service wants it (one query)."""
        found = ProjectType.objects.defer(*project_type_wide()).in_bulk([t.pk for t in self.types])
        return {found[t.pk]: self.cleaned_data.get(f"budget_{t.pk}") for t in self.types if t.pk in found}


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("採否"), choices=Outcome.choices, widget=forms.RadioSelect)
    amount = YenField(
        label=_("採択額"),
        required=False,
        min_value=0,
        help_text=_("空欄のときは補助金所要額とします。不採択のときは0円になります。"),
    )
    area = forms.CharField(
        label=_("公表する地域"),
        max_length=200,
        required=False,
        help_text=_("採択案件の公表に記載します。空欄のときは代表申請者の地方公共団体名とします。"),
    )
    conditions = forms.CharField(
        label=_("採択の条件"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("条件付き採択のときに記入します。申請者への通知に記載されます。"),
    )
    reasons = forms.CharField(
        label=_("理由（記録用）"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("審査委員会での審議の結果を記録します。申請者には開示されません（公募要領3.(3)）。"),
    )


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(label=_("内容を確認しました"), required=True)
