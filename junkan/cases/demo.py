"""Demo case studies and guides: the four examples and the guides from seed 000 (only what the seed
says), and case studies written for the demo on real municipalities (marked as fictional).

Idempotent: an existing page (by slug) is left as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.urls import reverse
from django.utils import timezone

from junkan.cases.demo_fiction import DEMO_CASES, FICTION_NOTE, FICTION_SOURCE
from junkan.cases.demo_seed import GUIDES, SEED_CASES, SEED_SOURCE, guide_body, seed_actions
from junkan.cases.models import CaseOutcome, CaseSource, CaseStudy, CaseTheme, Guide
from junkan.municipalities.models import Municipality
from junkan.registry.models import LocalResource, RegionRegistration, RegistrationStatus, SdgGoal

_LINK = re.compile(r"\{(cases|registry):([a-z0-9-]*)\}")


def _links(text: str) -> str:
    """Replace ``{cases:slug}`` with the case's address and ``{registry:companies}`` with the directory's."""

    def address(match: re.Match[str]) -> str:
        app, name = match.groups()
        if app == "cases":
            return reverse("cases:detail", args=[name])
        return reverse(f"registry:{name}")

    return _LINK.sub(address, text)


def _create_case(
    slug: str,
    defaults: dict,
    municipalities: list[str],
    themes: list[str],
    resources: list[str],
    goals: list[int],
) -> tuple[CaseStudy, bool]:
    case, created = CaseStudy.objects.get_or_create(
        slug=slug, defaults={**defaults, "published": True, "published_at": timezone.now()}
    )
    if created:
        case.municipalities.set(Municipality.objects.filter(full_name__in=municipalities, code__isnull=False))
        case.themes.set(CaseTheme.objects.filter(code__in=themes))
        case.resources.set(LocalResource.objects.filter(code__in=resources))
        case.sdg_goals.set(SdgGoal.objects.filter(number__in=goals))
    return case, created


def load(log: Callable[[str], object]) -> list[tuple[str, str, str]]:
    created_count = 0
    for slug, title, summary, label, municipalities, themes, resources, line in SEED_CASES:
        case, created = _create_case(
            slug,
            {"title": title, "summary": summary, "region_label": label, "actions": seed_actions(line)},
            municipalities,
            themes,
            resources,
            [],
        )
        if created:
            CaseSource.objects.create(case=case, title=SEED_SOURCE)
            created_count += 1
    for demo in DEMO_CASES:
        registration = (
            RegionRegistration.objects.filter(
                name=demo.registration, status=RegistrationStatus.APPROVED
            ).first()
            if demo.registration
            else None
        )
        case, created = _create_case(
            demo.slug,
            {
                "title": demo.title,
                "summary": demo.summary + "（デモ用の架空の事例です）",
                "region_label": demo.region_label,
                "region_registration": registration,
                "background": demo.background,
                "actions": FICTION_NOTE + demo.actions,
                "outcomes_note": demo.outcomes_note or "数値はすべてデモ用の架空のものです。",
                "funding": demo.funding,
                "stakeholders": demo.stakeholders,
            },
            demo.municipalities,
            demo.themes,
            demo.resources,
            demo.goals,
        )
        if created:
            CaseOutcome.objects.bulk_create(
                [
                    CaseOutcome(case=case, label=label, value=value, unit=unit, note=note, order=order)
                    for order, (label, value, unit, note) in enumerate(demo.outcomes)
                ]
            )
            CaseSource.objects.create(case=case, title=FICTION_SOURCE)
            created_count += 1
    for slug, title, summary, category, order in GUIDES:
        Guide.objects.get_or_create(
            slug=slug,
            defaults={
                "title": title,
                "summary": summary,
                "category": category,
                "order": order,
                "body": _links(guide_body(slug)),
                "published": True,
                "published_at": timezone.now(),
            },
        )
    log(
        f"cases: {len(SEED_CASES) + len(DEMO_CASES)} case studies ({created_count} new), {len(GUIDES)} guides"
    )
    return []
