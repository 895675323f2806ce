"""Fixtures of the programs tests: the shipped calls (from the data migration) and calls made to measure."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
SLUG_2019 = "fy2019-decarbonised-region-model"
SLUG_2015 = "fy2015-ecotown-low-carbon"


def seed_data(slug: str) -> dict[str, Any]:
    """The shipped YAML of a call, as a dict (read apart from the migration)."""
    return yaml.safe_load((DATA_DIR / f"{slug}.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def program_2019(db):
    from junkan.programs.models import Program

    return Program.objects.get(slug=SLUG_2019)


@pytest.fixture
def program_2015(db):
    from junkan.programs.models import Program

    return Program.objects.get(slug=SLUG_2015)


@pytest.fixture
def make_program(db) -> Callable[..., Any]:
    """A copy of the FY2019 call under another slug, open from ``opens`` to ``closes`` (default: open now)."""
    from django.utils import timezone

    from junkan.programs.services import import_program

    def make(
        slug: str = "test-open-call",
        *,
        opens: datetime | None = None,
        closes: datetime | None = None,
        published: bool = True,
        **changes: Any,
    ) -> Any:
        now = timezone.now()
        data = copy.deepcopy(seed_data(SLUG_2019))
        data.update(
            slug=slug,
            short_name=f"テスト公募 {slug}",
            opens_at=(opens or now - timedelta(days=3)).isoformat(),
            closes_at=(closes or now + timedelta(days=10)).isoformat(),
            published=published,
            published_at=(opens or now - timedelta(days=3)).isoformat() if published else None,
            **changes,
        )
        return import_program(None, data).program

    return make
