"""How calls read on the public pages: deadlines in 和暦 with the weekday and time, countdowns, kinds."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from junkan.jp.dates import TOKYO, format_wareki, tokyo_date
from junkan.jp.money import format_yen
from junkan.organizations.models import OrganizationKind
from junkan.programs.engine import eligibility
from junkan.programs.models import Program, ProgramStatus, ProjectType

WEEKDAYS = "月火水木金土日"


@dataclass(frozen=True)
class Timing:
    """Where a call stands now, and the countdown in days (Japan calendar days) to its next moment."""

    status: ProgramStatus
    days: int | None
    text: str

    @property
    def accepting(self) -> bool:
        """Whether the call takes applications now (within its period)."""
        return self.status == ProgramStatus.OPEN


def moment_text(moment: datetime) -> str:
    """令和元年(2019年)6月21日（金）17時00分, in Japan time."""
    local = moment.astimezone(TOKYO)
    day = tokyo_date(moment)
    return f"{format_wareki(day)}（{WEEKDAYS[day.weekday()]}）{local.hour}時{local.minute:02d}分"


def timing(program: Program, now: datetime | None = None) -> Timing:
    """Open (days to the deadline), upcoming (days to the opening) or closed, counted in Japan days."""
    now = now or timezone.now()
    today = tokyo_date(now)
    status = program.status(now)
    if status == ProgramStatus.OPEN:
        days = (tokyo_date(program.closes_at) - today).days
        if days == 0:
            return Timing(status, 0, _("本日締切"))
        text = ngettext("締切まであと%(days)s日", "締切まであと%(days)s日", days) % {"days": days}
        return Timing(status, days, text)
    if status == ProgramStatus.UPCOMING:
        days = (tokyo_date(program.opens_at) - today).days
        if days == 0:
            return Timing(status, 0, _("本日受付開始"))
        text = ngettext("受付開始まであと%(days)s日", "受付開始まであと%(days)s日", days) % {"days": days}
        return Timing(status, days, text)
    return Timing(status, None, _("受付は終了しました"))


def kind_labels(kinds: Iterable[str]) -> str:
    """Organization kinds as their Japanese names, joined with 「、」."""
    labels = []
    for kind in kinds:
        try:
            labels.append(str(OrganizationKind(kind).label))
        except ValueError:
            labels.append(kind)
    return "、".join(labels)


STATUS_ORDER = {ProgramStatus.OPEN: 0, ProgramStatus.UPCOMING: 1, ProgramStatus.CLOSED: 2}


def list_order(program: Program, now: datetime) -> tuple[int, float]:
    """Open calls by nearest deadline, then upcoming by nearest opening, then closed, newest first."""
    status = program.status(now)
    if status == ProgramStatus.OPEN:
        return (0, program.closes_at.timestamp())
    if status == ProgramStatus.UPCOMING:
        return (1, program.opens_at.timestamp())
    return (2, -program.closes_at.timestamp())


def category_rule_text(code: str, params: dict[str, object], category: str) -> str:
    """A cost category's rule as a sentence (「1点50,000円以上の物品は計上できません。」)."""
    if code == "unit_price_below":
        return _("1点%(price)s以上の物品は計上できません。") % {
            "price": format_yen(int(str(params["threshold"])))
        }
    if code == "no_local_government_staff_travel":
        return _("地方公共団体の職員の旅費は計上できません。")
    if code == "no_regular_staff_labour":
        return _("地方公共団体が事業を実施する場合、常勤職員の人件費は計上できません。")
    if code == "requires_approval":
        return _("%(approver)sが承認した経費に限ります。") % {"approver": params.get("approver", "")}
    return str(eligibility.RULES[code].title) if code in eligibility.RULES else code


def type_rule_rows(project_type: ProjectType) -> list[dict[str, str]]:
    """The requirements the questionnaire checks for a type, each with where the call says so."""
    return [
        {
            "title": eligibility.RULES[rule["code"]].title
            if rule["code"] in eligibility.RULES
            else rule["code"],
            "reference": str(rule.get("params", {}).get("reference", "")),
        }
        for rule in project_type.rules
    ]


def annotate_categories(project_type: ProjectType) -> None:
    """Give each (prefetched) cost category its rules as sentences, for the detail page."""
    for category in project_type.cost_categories.all():
        category.rule_texts = [  # type: ignore[attr-defined]
            category_rule_text(rule["code"], rule.get("params", {}), category.name) for rule in category.rules
        ]
