"""Fixtures of the cases tests: case studies and guides made to measure."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest


@pytest.fixture
def make_case(db) -> Callable[..., Any]:
    from junkan.cases.models import CaseOutcome, CaseStudy, CaseTheme
    from junkan.municipalities.models import Municipality
    from junkan.registry.models import LocalResource, SdgGoal

    counter = iter(range(1, 10_000))

    def make(
        title: str = "木質バイオマスによる地域熱供給",
        published: bool = True,
        codes: tuple[str, ...] = ("014681",),
        themes: tuple[str, ...] = ("renewable-energy",),
        resources: tuple[str, ...] = ("forest",),
        goals: tuple[int, ...] = (7,),
        outcomes: int = 0,
        **extra: Any,
    ) -> Any:
        fields = {"summary": "町の森林をいかした事例です。", "actions": "間伐材をチップにしました。", **extra}
        case = CaseStudy.objects.create(
            slug=extra.pop("slug", f"case-{next(counter)}"),
            title=title,
            published=published,
            **{k: v for k, v in fields.items() if k != "slug"},
        )
        case.municipalities.set(Municipality.objects.filter(code__in=codes))
        case.themes.set(CaseTheme.objects.filter(code__in=themes))
        case.resources.set(LocalResource.objects.filter(code__in=resources))
        case.sdg_goals.set(SdgGoal.objects.filter(number__in=goals))
        for i in range(outcomes):
            CaseOutcome.objects.create(
                case=case, label=f"成果{i}", value=Decimal("1200.000") + i, unit="t", order=i
            )
        return case

    return make


@pytest.fixture
def make_guide(db) -> Callable[..., Any]:
    from junkan.cases.models import Guide

    counter = iter(range(1, 10_000))

    def make(
        title: str = "構想のつくり方", published: bool = True, category: str = "concept", **extra: Any
    ) -> Any:
        return Guide.objects.create(
            slug=extra.pop("slug", f"guide-{next(counter)}"),
            title=title,
            summary=extra.pop("summary", "ありたい未来を描く手引きです。"),
            body=extra.pop("body", "## はじめに\n本文です。\n\n## 進め方\n- 一つ目\n- 二つ目"),
            category=category,
            published=published,
            **extra,
        )

    return make
