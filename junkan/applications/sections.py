"""One form section as a page: its bound forms, saving with the version check, and the conflict view.

Three kinds of section: ``fields`` (built from the spec, with formsets for repeated items), ``costs``
(様式3: per fiscal year the totals and the cost lines; the (1)–(8) block from the subsidy engine) and
``budget`` (歳入歳出予算書（見込書）抜粋). Whatever the outcome, the user's input stays in the bound forms.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _

from junkan.applications import services
from junkan.applications.engine import costs as cost_engine
from junkan.applications.engine.spec import SectionSpec
from junkan.applications.forms import (
    BudgetNoteForm,
    BudgetRowFormSet,
    CostLineFormSet,
    SectionForm,
    YearForm,
    item_formsets,
    stored_items,
    to_initial,
)
from junkan.applications.models import Application, Section
from junkan.applications.snapshot import field_text
from junkan.jp.dates import fiscal_year_label


@dataclass
class Outcome:
    status: str  # saved | unchanged | invalid | conflict
    version: int
    message: str
    conflicts: list[dict[str, str]] = field(default_factory=list)

    @property
    def is_saved(self) -> bool:
        """Written (or nothing to write); the other outcomes keep the input on the page."""
        return self.status in {"saved", "unchanged"}

    @property
    def is_conflict(self) -> bool:
        return self.status == "conflict"

    @property
    def http_status(self) -> int:
        return {"saved": 200, "unchanged": 200, "invalid": 422, "conflict": 409}[self.status]

    def as_json(self) -> dict[str, Any]:
        return {"status": self.status, "version": self.version, "message": self.message}


@dataclass
class YearBlock:
    fiscal_year: int
    label: str
    form: YearForm
    lines: Any


class SectionPage:
    def __init__(
        self, application: Application, spec: SectionSpec, data: Any, calculations: Any, analyses: Any = None
    ) -> None:
        self.application = application
        self.spec = spec
        self.type_code = application.project_type.code
        self.stored = Section.objects.filter(application=application, key=spec.key).first()
        self.version = self.stored.version if self.stored else 0
        self.saved = dict(self.stored.data) if self.stored else {}
        self.bound = data is not None
        self.outcome: Outcome | None = None
        if spec.kind == "fields":
            initial = {f.key: to_initial(f, self.saved.get(f.key)) for f in spec.fields if f.kind != "items"}
            initial["version"] = self.version
            self.form = SectionForm(
                data,
                initial=initial,
                section=spec,
                type_code=self.type_code,
                calculations=calculations,
                analyses=analyses,
            )
            self.formsets = item_formsets(spec, self.type_code, data, self.saved)
        elif spec.kind == "costs":
            self.form = BudgetNoteForm(data, initial={"version": self.version}, prefix="meta")
            self.years = self._year_blocks(data)
        else:
            self.form = BudgetNoteForm(
                data, initial={"version": self.version, "note": self.saved.get("note", "")}
            )
            self.revenue = BudgetRowFormSet(data, initial=self.saved.get("revenue") or [], prefix="revenue")
            self.expenditure = BudgetRowFormSet(
                data, initial=self.saved.get("expenditure") or [], prefix="expenditure"
            )

    def readonly_rows(self) -> list[tuple[str, str]]:
        """The saved fields as the read-only page shows them: choices by their labels, not codes."""
        return [
            (spec.label, field_text(spec, self.saved.get(spec.key)))
            for spec in self.spec.fields
            if spec.kind != "items"
        ]

    # 様式3 -------------------------------------------------------------------------------------------------

    def fiscal_years(self) -> list[int]:
        first = self.application.program.fiscal_year
        count = 1
        if self.application.project_type.multi_year:
            overview = Section.objects.filter(application=self.application, key="overview").first()
            years = overview.data.get("project_years") if overview else None
            count = years if isinstance(years, int) and 1 <= years <= 3 else 1
        saved = [
            y.get("fiscal_year")
            for y in self.saved.get("years") or []
            if isinstance(y.get("fiscal_year"), int)
        ]
        return sorted({*range(first, first + count), *saved})

    def _year_blocks(self, data: Any) -> list[YearBlock]:
        saved = {y.get("fiscal_year"): y for y in self.saved.get("years") or []}
        choices = [(fy, fiscal_year_label(fy)) for fy in self.fiscal_years()]
        categories = self._category_choices()
        blocks = []
        for fy in self.fiscal_years():
            year = saved.get(fy, {})
            form = YearForm(
                data,
                prefix=f"y{fy}",
                fiscal_years=choices,
                initial={
                    "fiscal_year": fy,
                    **{
                        k: year.get(k)
                        for k in (
                            "total_cost",
                            "other_income",
                            "consumption_tax",
                            "consumption_tax_equivalent",
                        )
                    },
                },
            )
            form.fields["fiscal_year"].widget = form.fields["fiscal_year"].hidden_widget()
            # Bound forms get no initial: a row counts when it has input, whatever was saved before.
            lines = CostLineFormSet(
                data,
                prefix=f"l{fy}",
                initial=None if data is not None else year.get("lines") or [],
                form_kwargs={"categories": categories},
            )
            blocks.append(YearBlock(fy, fiscal_year_label(fy), form, lines))
        return blocks

    def _category_choices(self) -> list[tuple[str, str]]:
        names = []
        for category in self.application.project_type.cost_categories.all():
            names.append(
                (category.name, f"{category.expense}／{category.item}" if category.item else category.expense)
            )
        return names

    def _cost_data(self) -> dict[str, Any] | None:
        years = []
        valid = True
        for block in self.years:
            ok = block.form.is_valid() & block.lines.is_valid()
            if not ok:
                valid = False
                continue
            lines = [
                {
                    k: f.cleaned_data.get(k)
                    for k in ("category", "description", "unit_price", "quantity", "unit", "staff")
                }
                for f in block.lines.forms
                if f.cleaned_data and not f.is_blank()
            ]
            years.append(
                {
                    "fiscal_year": block.fiscal_year,
                    **{
                        k: block.form.cleaned_data.get(k)
                        for k in (
                            "total_cost",
                            "other_income",
                            "consumption_tax",
                            "consumption_tax_equivalent",
                        )
                    },
                    "lines": lines,
                }
            )
        return {"years": years} if valid else None

    def preview(self) -> list[dict[str, Any]]:
        """The (1)–(8) block per year for what is typed now (lines and totals)."""
        data = (self._cost_data() if self.bound else self.saved) or {"years": []}
        years, _problems = cost_engine.read(data)
        rule = self.application.project_type.amount_rule()
        estimate = cost_engine.estimate(years, rule)
        steps = dict(estimate.years) if estimate else {}
        return [
            {
                "label": fiscal_year_label(y.fiscal_year),
                "eligible": y.eligible_cost,
                "estimate": steps.get(y.fiscal_year),
            }
            for y in years
        ]

    # Saving ------------------------------------------------------------------------------------------------

    def _collect(self) -> dict[str, Any] | None:
        if self.spec.kind == "fields":
            valid = self.form.is_valid()
            valid = all(fs.is_valid() for fs in self.formsets.values()) and valid
            if not valid:
                return None
            data = self.form.stored()
            for key, formset in self.formsets.items():
                data[key] = stored_items(formset)
            return data
        if self.spec.kind == "costs":
            if not self.form.is_valid():
                return None
            return self._cost_data()
        valid = self.form.is_valid() & self.revenue.is_valid() & self.expenditure.is_valid()
        if not valid:
            return None

        def rows(formset: Any) -> list[dict[str, Any]]:
            return [
                {"item": f.cleaned_data.get("item", ""), "amount": f.cleaned_data.get("amount")}
                for f in formset.forms
                if f.cleaned_data and (f.cleaned_data.get("item") or f.cleaned_data.get("amount") is not None)
            ]

        return {
            "revenue": rows(self.revenue),
            "expenditure": rows(self.expenditure),
            "note": self.form.cleaned_data["note"],
        }

    def save(self, actor: Any) -> Outcome:
        data = self._collect()
        if data is None:
            self.outcome = Outcome(
                "invalid",
                self.version,
                _("入力内容に誤りがあるため保存していません。赤字の項目を確認してください。"),
            )
            return self.outcome
        base = self.form.cleaned_data["version"]
        try:
            section = services.save_section(actor, self.application, self.spec.key, data, base)
        except services.StaleSection as stale:
            self.version = stale.section.version
            self.outcome = Outcome(
                "conflict",
                stale.section.version,
                _(
                    "この様式は、開いた後に別の画面（別のタブや別の人）で保存されています。"
                    "上書きしていません。下の表で内容を比べ、こちらの入力で上書きする場合はもう一度保存してください。"
                ),
                self._conflicts(stale.section.data, data),
            )
            # The next save overwrites on purpose: the form now carries the current version.
            self.form.data = self.form.data.copy()
            self.form.data[self.form.add_prefix("version")] = str(stale.section.version)
            return self.outcome
        status = "saved" if section.version != base else "unchanged"
        self.version = section.version
        now = time_format(timezone.localtime(), "H:i")
        self.outcome = Outcome(status, section.version, _("%(time)sに保存しました。") % {"time": now})
        return self.outcome

    def _conflicts(self, theirs: dict[str, Any], mine: dict[str, Any]) -> list[dict[str, str]]:
        rows = []
        labels = {f.key: f for f in self.spec.fields}
        for key in sorted(
            set(theirs) | set(mine), key=lambda k: list(labels).index(k) if k in labels else 999
        ):
            if theirs.get(key) == mine.get(key):
                continue
            spec = labels.get(key)
            if spec is not None and spec.kind not in {"items"}:
                rows.append(
                    {
                        "label": spec.label,
                        "theirs": field_text(spec, theirs.get(key)),
                        "mine": field_text(spec, mine.get(key)),
                    }
                )
            else:
                rows.append(
                    {
                        "label": spec.label if spec else key,
                        "theirs": _("（変更あり）"),
                        "mine": _("（変更あり）"),
                    }
                )
        return rows
