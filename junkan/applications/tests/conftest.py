"""Fixtures of the applications tests: an open call, applications as drafts and complete."""

from __future__ import annotations

import copy
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

PROGRAMS_DATA = Path(__file__).resolve().parents[2] / "programs" / "data"


@pytest.fixture
def open_call(db) -> Any:
    """A copy of the FY2019 call (with its online forms), open from three days ago for ten days."""
    from django.utils import timezone

    from junkan.programs.services import import_program

    now = timezone.now()
    data = copy.deepcopy(
        yaml.safe_load((PROGRAMS_DATA / "fy2019-decarbonised-region-model.yaml").read_text(encoding="utf-8"))
    )
    data.update(
        slug="test-open-call",
        opens_at=(now - timedelta(days=3)).isoformat(),
        closes_at=(now + timedelta(days=10)).isoformat(),
        published=True,
        published_at=(now - timedelta(days=3)).isoformat(),
    )
    return import_program(None, data).program


@pytest.fixture
def draft(open_call, organization, owner) -> Any:
    from junkan.applications import services

    return services.start(
        owner,
        open_call,
        open_call.project_types.get(code="1"),
        organization,
        "竜丘・千代地区の再エネ地産地消の実現可能性調査",
    )


@pytest.fixture
def complete(draft, owner) -> Any:
    from junkan.applications.samples import fill

    return fill(owner, draft)


@pytest.fixture
def other_org(make_user) -> Any:
    """Another local government (長野県松本市) with its own member."""
    from junkan.municipalities.models import Municipality
    from junkan.organizations.models import Membership, MembershipRole, Organization

    org = Organization.objects.create(
        kind="municipality", name="長野県松本市", municipality=Municipality.objects.get(code="202029")
    )
    person = make_user("matsumoto@example.jp", full_name="松本 三郎")
    Membership.objects.create(organization=org, user=person, role=MembershipRole.OWNER)
    org.person = person
    return org


@pytest.fixture
def submitted(complete, owner) -> Any:
    from django.utils import timezone

    from junkan.applications import services

    services.submit(owner, complete, timezone.now())
    complete.refresh_from_db()
    return complete
