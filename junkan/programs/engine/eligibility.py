"""Eligibility rules of a call: named functions that a project type lists in its data, with parameters.

A rule is ``function(facts, params) -> Violation | None``. ``params`` come from the project type's data
(``{"code": "unit_price_below", "params": {"threshold": 50000, "reference": "..."}}``); the Django layer
fills in what the type's own fields already say (allowed kinds, the 別表第2 category names, the call
period, the category a category rule belongs to) so that nothing is written twice. Every violation
cites the section of the call in ``reference``. A violation of severity ``notice`` does not make an
application ineligible; it says what must be confirmed (「その他環境大臣が適当と認める者」).

Organization kinds are the identifiers of ``junkan.organizations.models.OrganizationKind``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final, Literal

from junkan.jp.dates import TOKYO, format_wareki, tokyo_date
from junkan.jp.money import format_yen

Severity = Literal["error", "notice"]

# The local-government kinds among the organization kinds (都道府県, 市町村, 特別区, 一部事務組合, 広域連合).
LOCAL_GOVERNMENT_KINDS: Final = (
    "prefecture",
    "municipality",
    "special_ward",
    "municipal_union",
    "wide_area_union",
)
# Those a prefecture applying for type ③ of the FY2019 call must apply jointly with.
MUNICIPAL_PARTNER_KINDS: Final = ("municipality", "special_ward", "municipal_union", "wide_area_union")

# The labels of OrganizationKind, for messages (a test keeps the two in step).
KIND_LABELS: Final[dict[str, str]] = {
    "prefecture": "都道府県",
    "municipality": "市町村",
    "special_ward": "特別区",
    "municipal_union": "一部事務組合",
    "wide_area_union": "広域連合",
    "company": "民間企業",
    "cooperative": "協同組合",
    "association": "社団法人・財団法人",
    "npo": "NPO法人",
    "financial_institution": "金融機関",
    "independent_agency": "独立行政法人",
    "university": "大学・研究機関",
    "other": "その他",
}


@dataclass(frozen=True)
class Party:
    """An applicant or co-applicant: its organization kind and, for a local government, its 団体コード."""

    kind: str
    lg_code: str | None = None


@dataclass(frozen=True)
class CostLine:
    """One line of the cost breakdown, named by the 費目/細目 of 別表第2."""

    category: str
    amount: int
    description: str = ""
    unit_price: int | None = None
    quantity: int = 1
    for_local_government_staff: bool = False
    regular_staff: bool = False
    # False when the lines are not a numbered list the applicant wrote (the questionnaire's answers).
    numbered: bool = True

    @property
    def item_price(self) -> int:
        """The price of one item: the unit price, or the amount divided by the quantity."""
        if self.unit_price is not None:
            return self.unit_price
        return self.amount // self.quantity if self.quantity > 0 else self.amount


@dataclass(frozen=True)
class Facts:
    """What is known about an application. ``None`` means unknown: rules that need it are not applied."""

    applicant: Party
    co_applicants: tuple[Party, ...] = ()
    cost_lines: tuple[CostLine, ...] = ()
    submitted_at: datetime | None = None
    other_national_subsidy: bool | None = None
    # How many other applications of the same call and type the applicant already leads.
    other_leads: int | None = None


@dataclass(frozen=True)
class Violation:
    """A rule not met: code, Japanese message, the section of the call, and the cost lines concerned."""

    code: str
    message: str
    reference: str
    lines: tuple[int, ...] = ()
    severity: Severity = "error"


@dataclass(frozen=True)
class Result:
    """The outcome of all rules: violations make the application ineligible, notices do not."""

    violations: tuple[Violation, ...]
    notices: tuple[Violation, ...]
    checked: tuple[str, ...]
    skipped: tuple[str, ...] = ()

    @property
    def eligible(self) -> bool:
        """True when no rule is violated."""
        return not self.violations


Rule = Callable[[Facts, Mapping[str, Any]], Violation | None]


@dataclass(frozen=True)
class RuleSpec:
    """A rule in the registry: its function, what it checks (for staff), where it applies, its parameters."""

    code: str
    function: Rule
    title: str
    scope: Literal["type", "category"]
    required: tuple[str, ...] = ("reference",)
    optional: tuple[str, ...] = ()
    # Facts the rule needs; when one is unknown (None) the rule is skipped and reported as such.
    needs: tuple[str, ...] = ()


def kinds_text(kinds: Iterable[str]) -> str:
    """Kinds as a Japanese list: 「都道府県、市町村、特別区」."""
    return "、".join(KIND_LABELS.get(kind, kind) for kind in kinds)


def normalize_category(name: str) -> str:
    """A category name compared loosely: NFKC, no spaces, 「／」 as 「/」."""
    return "".join(unicodedata.normalize("NFKC", name).split())


def _lines_text(lines: Sequence[tuple[int, CostLine]], extra: Callable[[CostLine], str] | None = None) -> str:
    """「「事務用品」（1行目）」 for each line, with optional detail after the line number."""
    parts = []
    for index, line in lines:
        details = [f"{index + 1}行目"] if line.numbered else []
        if extra:
            details.append(extra(line))
        name = f"「{line.description or line.category}」"
        parts.append(f"{name}（{'、'.join(details)}）" if details else name)
    return "、".join(parts)


def _in_category(facts: Facts, params: Mapping[str, Any]) -> list[tuple[int, CostLine]]:
    """The cost lines of the category the rule belongs to, with their 0-based index."""
    category = normalize_category(str(params["category"]))
    return [
        (index, line)
        for index, line in enumerate(facts.cost_lines)
        if normalize_category(line.category) == category
    ]


def format_deadline(moment: datetime) -> str:
    """An aware datetime as a call writes it, in Japan time: 令和元年6月21日17時00分."""
    local = moment.astimezone(TOKYO)
    return f"{format_wareki(tokyo_date(moment), seireki=False)}{local.hour}時{local.minute:02d}分"


# --- rules about who applies ------------------------------------------------------------------------


def applicant_kind(facts: Facts, params: Mapping[str, Any]) -> Violation | None:
    """The (representative) applicant is of a kind the type allows; 「その他…が認める者」 gets a notice."""
    kind = facts.applicant.kind
    kinds = list(params.get("kinds", ()))
    if kind in kinds:
        return None
    if kind in params.get("conditional_kinds", ()):
        note = params.get("conditional_note") or "その他適当と認める者"
        return Violation(
            "applicant_kind",
            f"{KIND_LABELS.get(kind, kind)}は「{note}」として認められた場合に限り応募できます。"
            "応募の前に問い合わせ先に確認してください。",
            params["reference"],
            severity="notice",
        )
    return Violation(
        "applicant_kind",
        f"{KIND_LABELS.get(kind, kind)}はこの事業に応募できません。応募できるのは{kinds_text(kinds)}です。",
        params["reference"],
    )


def representative_local_government(facts: Facts, params: Mapping[str, Any]) -> Violation | None:
    """The representative applicant (代表申請者) is a local government."""
    kinds = list(params.get("kinds", LOCAL_GOVERNMENT_KINDS))
    if facts.applicant.kind in kinds:
        return None
    return Violation(
        "representative_local_government",
        f"代表申請者は地方公共団体（{kinds_text(kinds)}）でなければなりません。",
        params["reference"],
    )


def joint_application(facts: Facts, params: Mapping[str, Any]) -> Violation | None:
    """Co-applicants only where the type allows joint applications, and only of the kinds it allows."""
    if not facts.co_applicants:
        return None
    if not params.get("allowed", True):
        return Violation(
            "joint_application", "この事業は共同申請できません。単独で応募してください。", params["reference"]
        )
    kinds = params.get("co_applicant_kinds")
    wrong = [party.kind for party in facts.co_applicants if kinds and party.kind not in kinds]
    if not wrong:
        return None
    return Violation(
        "joint_application",
        f"共同申請者に{kinds_text(dict.fromkeys(wrong))}は加われません。"
        f"共同申請者になれるのは{kinds_text(kinds or ())}です。",
        params["reference"],
    )


def prefecture_joint_with_municipality(facts: Facts, params: Mapping[str, Any]) -> Violation | None:
    """A prefecture applies only jointly with a municipality, special ward or union."""
    if facts.applicant.kind != "prefecture":
        return None
    partners = list(params.get("partner_kinds", MUNICIPAL_PARTNER_KINDS))
    if any(party.kind in partners for party in facts.co_applicants):
        return None
    return Violation(
        "prefecture_joint_with_municipality",
        f"都道府県が応募する場合は、関連する{kinds_text(partners)}と共同で申請してください。",
        params["reference"],
    )


def one_lead_per_local_government(facts: Facts, params: Mapping[str, Any]) -> Violation | None:
    """The same local government leads at most ``max_leads`` applications; co-applying elsewhere is fine."""
    if facts.other_leads is None:
        return None
    max_leads = int(params.get("max_leads", 1))
    if facts.other_leads < max_leads:
        return None
    return Violation(
        "one_lead_per_local_government",
        f"同一の地方公共団体が代表申請者として応募できるのは{max_leads}件までで、既に応募しています"
        "（共同申請者として他の応募に加わることはできます）。",
        params["reference"],
    )


# --- rules about the costs --------------------------------------------------------------------------


def eligible_categories(facts: Facts, params: Mapping[str, Any]) -> Violation | None:
    """Every cost line is in one of the type's eligible 費目/細目 (別表第2)."""
    names = list(params.get("categories", ()))
    allowed = {normalize_category(name) for name in names}
    wrong = [
        (index, line)
        for index, line in enumerate(facts.cost_lines)
        if normalize_category(line.category) not in allowed
    ]
    if not wrong:
        return None
    shown = [name for name in names if "/" not in name]
    return Violation(
        "eligible_categories",
        f"補助対象経費の区分にない経費があります：{_lines_text(wrong, lambda line: line.category)}。"
        f"計上できるのは{'、'.join(shown)}です。",
        params["reference"],
        lines=tuple(index for index, _ in wrong),
    )


def unit_price_below(facts: Facts, params: Mapping[str, Any]) -> Violation | None:
    """No item of the category costs ``threshold`` yen or more (消耗品費: 5万円以上の物品の計上は不可)."""
    threshold = int(params["threshold"])
    wrong = [(index, line) for index, line in _in_category(facts, params) if line.item_price >= threshold]
    if not wrong:
        return None
    return Violation(
        "unit_price_below",
        f"{params['category']}に1点{format_yen(threshold)}以上の物品は計上できません："
        f"{_lines_text(wrong, lambda line: f'単価{format_yen(line.item_price)}')}。",
        params["reference"],
        lines=tuple(index for index, _ in wrong),
    )


def no_local_government_staff_travel(facts: Facts, params: Mapping[str, Any]) -> Violation | None:
    """No travel of local government staff (地方公共団体職員の交通移動に係る経費の計上は不可)."""
    wrong = [(index, line) for index, line in _in_category(facts, params) if line.for_local_government_staff]
    if not wrong:
        return None
    return Violation(
        "no_local_government_staff_travel",
        f"地方公共団体の職員の移動に必要な旅費は補助対象外です：{_lines_text(wrong)}。",
        params["reference"],
        lines=tuple(index for index, _ in wrong),
    )


def no_regular_staff_labour(facts: Facts, params: Mapping[str, Any]) -> Violation | None:
    """A local government applicant claims no labour cost of its regular staff (常勤職員の人件費を除く)."""
    if facts.applicant.kind not in params.get("kinds", LOCAL_GOVERNMENT_KINDS):
        return None
    wrong = [(index, line) for index, line in _in_category(facts, params) if line.regular_staff]
    if not wrong:
        return None
    return Violation(
        "no_regular_staff_labour",
        f"地方公共団体が事業を実施する場合、常勤職員の人件費は補助対象外です：{_lines_text(wrong)}。",
        params["reference"],
        lines=tuple(index for index, _ in wrong),
    )


def requires_approval(facts: Facts, params: Mapping[str, Any]) -> Violation | None:
    """A notice on lines of a category that needs approval (その他必要な経費: …が承認した経費)."""
    lines = _in_category(facts, params)
    if not lines:
        return None
    return Violation(
        "requires_approval",
        f"{params['category']}は{params['approver']}が承認した経費に限り補助対象になります："
        f"{_lines_text(lines)}。",
        params["reference"],
        lines=tuple(index for index, _ in lines),
        severity="notice",
    )


# --- rules about the submission ---------------------------------------------------------------------


def within_call_period(facts: Facts, params: Mapping[str, Any]) -> Violation | None:
    """The application arrives inside the call period (the deadline is 必着, to the minute)."""
    submitted = facts.submitted_at
    if submitted is None:
        return None
    if submitted.utcoffset() is None:
        raise ValueError("submitted_at must be an aware datetime")
    opens_at: datetime = params["opens_at"]
    closes_at: datetime = params["closes_at"]
    if submitted < opens_at:
        return Violation(
            "within_call_period",
            f"公募期間の前です。応募は{format_deadline(opens_at)}から受け付けます。",
            params["reference"],
        )
    if submitted > closes_at:
        return Violation(
            "within_call_period",
            f"応募の締切（{format_deadline(closes_at)}必着）を過ぎています。",
            params["reference"],
        )
    return None


def no_other_national_subsidy(facts: Facts, params: Mapping[str, Any]) -> Violation | None:
    """The project receives no other national subsidy (国からの他の補助金を受けていないこと)."""
    if facts.other_national_subsidy is not True:
        return None
    return Violation(
        "no_other_national_subsidy",
        "この事業について国からの他の補助金等を受ける場合は、応募できません。",
        params["reference"],
    )


RULES: Final[dict[str, RuleSpec]] = {
    spec.code: spec
    for spec in (
        RuleSpec(
            "applicant_kind",
            applicant_kind,
            "応募できる者の種別",
            "type",
            optional=("kinds", "conditional_kinds", "conditional_note"),
        ),
        RuleSpec(
            "representative_local_government",
            representative_local_government,
            "代表申請者は地方公共団体",
            "type",
            optional=("kinds",),
        ),
        RuleSpec(
            "joint_application",
            joint_application,
            "共同申請の可否と共同申請者の種別",
            "type",
            optional=("allowed", "co_applicant_kinds"),
        ),
        RuleSpec(
            "prefecture_joint_with_municipality",
            prefecture_joint_with_municipality,
            "都道府県は市町村等と共同で申請",
            "type",
            optional=("partner_kinds",),
        ),
        RuleSpec(
            "one_lead_per_local_government",
            one_lead_per_local_government,
            "同一の地方公共団体の代表申請は1件まで",
            "type",
            optional=("max_leads",),
            needs=("other_leads",),
        ),
        RuleSpec(
            "eligible_categories",
            eligible_categories,
            "補助対象経費の区分（別表第2）",
            "type",
            optional=("categories",),
        ),
        RuleSpec(
            "within_call_period",
            within_call_period,
            "公募期間内の応募",
            "type",
            optional=("opens_at", "closes_at"),
            needs=("submitted_at",),
        ),
        RuleSpec(
            "no_other_national_subsidy",
            no_other_national_subsidy,
            "国の他の補助金を受けていない",
            "type",
            needs=("other_national_subsidy",),
        ),
        RuleSpec(
            "unit_price_below",
            unit_price_below,
            "1点当たりの単価の上限",
            "category",
            required=("reference", "threshold"),
            optional=("category",),
        ),
        RuleSpec(
            "no_local_government_staff_travel",
            no_local_government_staff_travel,
            "地方公共団体職員の旅費は対象外",
            "category",
            optional=("category",),
        ),
        RuleSpec(
            "no_regular_staff_labour",
            no_regular_staff_labour,
            "地方公共団体の常勤職員の人件費は対象外",
            "category",
            optional=("category", "kinds"),
        ),
        RuleSpec(
            "requires_approval",
            requires_approval,
            "承認を要する経費（注意喚起）",
            "category",
            required=("reference", "approver"),
            optional=("category",),
        ),
    )
}


def check_rule_data(code: str, params: Mapping[str, Any], scope: Literal["type", "category"]) -> list[str]:
    """Problems with one rule as written in a program's data (unknown code, wrong place, missing params)."""
    spec = RULES.get(code)
    if spec is None:
        return [f"規則「{code}」はありません。使える規則：{'、'.join(sorted(RULES))}"]
    if spec.scope != scope:
        where = "事業区分" if spec.scope == "type" else "経費区分"
        return [f"規則「{code}」は{where}に設定する規則です。"]
    problems = [
        f"規則「{code}」にはパラメータ「{name}」が必要です。" for name in spec.required if name not in params
    ]
    known = set(spec.required) | set(spec.optional)
    problems.extend(
        f"規則「{code}」にパラメータ「{name}」はありません。" for name in params if name not in known
    )
    return problems


def evaluate(facts: Facts, calls: Iterable[tuple[str, Mapping[str, Any]]]) -> Result:
    """Run the rules (code, params) in order; violations and notices apart, rules lacking facts skipped."""
    violations: list[Violation] = []
    notices: list[Violation] = []
    checked: list[str] = []
    skipped: list[str] = []
    for code, params in calls:
        spec = RULES[code]
        if any(getattr(facts, name) is None for name in spec.needs):
            skipped.append(code)
            continue
        violation = spec.function(facts, params)
        checked.append(code)
        if violation is None:
            continue
        (notices if violation.severity == "notice" else violations).append(violation)
    return Result(tuple(violations), tuple(notices), tuple(checked), tuple(skipped))
