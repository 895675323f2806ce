"""Helpers shared by the economy tests and its browser test."""

from __future__ import annotations

import copy
from datetime import timedelta
from pathlib import Path
from typing import Any

import yaml

CALL = Path(__file__).resolve().parents[2] / "programs" / "data" / "fy2019-decarbonised-region-model.yaml"


def make_application(owner: Any, organization: Any) -> Any:
    """An application of ``organization`` to an open copy of the FY2019 call, with a filled 様式3."""
    from django.utils import timezone

    from junkan.applications import services as application_services
    from junkan.applications.samples import fill
    from junkan.programs.services import import_program

    data = copy.deepcopy(yaml.safe_load(CALL.read_text(encoding="utf-8")))
    now = timezone.now()
    data.update(
        slug="economy-test-call",
        opens_at=(now - timedelta(days=3)).isoformat(),
        closes_at=(now + timedelta(days=10)).isoformat(),
        published=True,
        published_at=(now - timedelta(days=3)).isoformat(),
    )
    program = import_program(None, data).program
    started = application_services.start(
        owner, program, program.project_types.get(code="1"), organization, "竜丘地区の再エネ地産地消の調査"
    )
    return fill(owner, started, documents=False)
