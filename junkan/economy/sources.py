"""Where a demand comes from: the 様式3 cost table of an application the person can see.

The applicant assigns each cost line to a sector of the chosen table (a first guess is made from the
line's 費目); the amounts in yen become the demand in the table's unit. Only applications the person
may view (``junkan.applications.permissions.can_view``) are offered or read.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from junkan.applications import permissions as application_permissions
from junkan.applications.checklist import section_data
from junkan.applications.engine import costs
from junkan.applications.models import Application
from junkan.common.permissions import enforce
from junkan.economy import permissions
from junkan.economy.models import IOTable

ACCOUNT_NOTES = [
    gettext_lazy(
        "地域経済循環率 = 生産（付加価値額）÷ 分配（所得）× 100。"
        "値が低いほど、地域外から流入する所得への依存度が高いことを示します。"
    ),
    gettext_lazy(
        "三面の整合（分配 = 生産 + 所得の純流入、分配 − 支出の純流出 ≈ 生産）は"
        "公表された図から読み取れる関係で、"
        "差はゼロに補正せずにそのまま示しています。"
    ),
    gettext_lazy(
        "特化係数 = 地域の産業構成比 ÷ 全国の産業構成比。1を超える産業は全国に比べて特化しています。"
    ),
    gettext_lazy(
        "労働生産性 = 付加価値額 ÷ 従業者数（環境省の分析ツールの定義と同じかは確認できていません）。"
        "修正特化係数は計算していません。"
    ),
    gettext_lazy(
        "環境省の地域経済循環分析の値を使う場合の出典：環境省「地域産業連関表」「地域経済計算」"
        "（株式会社価値総合研究所 受託作成）。"
    ),
]

# A first guess of the sector of a 様式3 line from its 費目 (the person checks every line).
GUESSES = (
    (("工事",), ("建設",)),
    (("設備", "機械", "器具", "備品", "購入"), ("製造", "機械")),
    (
        ("委託", "謝金", "賃金", "旅費", "印刷", "会議", "調査", "役務", "通信", "使用料"),
        ("サービス", "商業"),
    ),
)


def guess_sector(category: str, sectors: list[str]) -> str:
    """The index (as text) of the likely sector of a cost line, or "" when nothing fits."""
    for words, sector_words in GUESSES:
        if any(word in category for word in words):
            for index, name in enumerate(sectors):
                if any(word in name for word in sector_words):
                    return str(index)
    return ""


@dataclass
class CostSource:
    application: Application
    title: str
    lines: list[dict[str, Any]]

    def note(self, assignments: list[tuple[int, int]], sectors: list[str]) -> str:
        """How the demand was made, for the analysis record."""
        totals: dict[int, int] = {}
        for sector, yen in assignments:
            totals[sector] = totals.get(sector, 0) + yen
        parts = "、".join(f"{sectors[s]} {yen:,}円" for s, yen in sorted(totals.items()))
        return _("応募「%(title)s」の様式3（経費内訳）から：%(parts)s") % {
            "title": self.application.title,
            "parts": parts or _("（どの部門にも含めていません）"),
        }


def applications_for(request: HttpRequest) -> list[Application]:
    """The person's applications (led or joined), newest first, to start a demand from."""
    ids = permissions.organization_ids(request.user)
    if not ids:
        return []
    return list(Application.objects.visible_to_organizations(ids).order_by("-updated_at")[:50])


def cost_source(request: HttpRequest, table: IOTable) -> CostSource | None:
    """The 様式3 lines of ``?application=<public_id>``, if the person may see that application."""
    public_id = request.GET.get("application", "")
    if not public_id:
        return None
    try:
        key = uuid.UUID(public_id)
    except ValueError:
        raise Http404 from None
    application = Application.objects.filter(public_id=key).first()
    if application is None:
        raise Http404
    enforce(application_permissions.can_view(request.user, application))
    years, _problems = costs.read(section_data(application).get("costs", {}))
    lines = []
    for year in years:
        for line in year.lines:
            label = f"{year.fiscal_year}年度 {line.category}"
            if line.description:
                label += f"（{line.description}）"
            lines.append(
                {"label": label, "amount": line.amount, "guess": guess_sector(line.category, table.sectors)}
            )
    return CostSource(application, _("%(title)sの経済波及効果") % {"title": application.title}, lines)
