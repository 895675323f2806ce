"""The form specifications, read once from ``data/forms/<name>.yaml``.

A call names its set in ``Program.application_forms``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from junkan.applications.engine.spec import Applicant, FormSpec, parse
from junkan.organizations.models import OrganizationKind

FORMS_DIR = Path(__file__).resolve().parent / "data" / "forms"


@cache
def form_spec(name: str) -> FormSpec | None:
    """The forms named by a call's ``application_forms``, or None (the call takes no online applications)."""
    if not name or "/" in name or "." in name:
        return None
    path = FORMS_DIR / f"{name}.yaml"
    if not path.exists():
        return None
    with path.open(encoding="utf-8") as stream:
        return parse(yaml.safe_load(stream))


def all_specs() -> list[FormSpec]:
    return [spec for path in sorted(FORMS_DIR.glob("*.yaml")) if (spec := form_spec(path.stem))]


def applicant_of(application: object) -> Applicant:
    """The conditions' view of an application: its type and its lead applicant's kind."""
    organization = application.organization  # type: ignore[attr-defined]
    return Applicant(
        type_code=application.project_type.code,  # type: ignore[attr-defined]
        local_government=organization.is_local_government,
        prefecture=organization.kind == OrganizationKind.PREFECTURE,
    )
