"""State changes of registrations: drafts, submit, approve, refuse, revoke. Each is atomic and audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from junkan.accounts.models import User
from junkan.audit.services import diff, record, snapshot
from junkan.common import workflow
from junkan.common.permissions import enforce
from junkan.organizations.models import Organization
from junkan.registry import permissions
from junkan.registry.models import (
    COMPANY_ALREADY_REGISTERED,
    CompanyRegistration,
    RegionRegistration,
    RegistrationStatus,
    Solution,
)

Registration = RegionRegistration | CompanyRegistration
S = RegistrationStatus


def _noun(registration: Registration) -> str:
    return "region" if isinstance(registration, RegionRegistration) else "company"


def _m2m_ids(obj: models.Model, names: list[str]) -> dict[str, list[int]]:
    return {name: sorted(getattr(obj, name).values_list("pk", flat=True)) for name in names}


def _save(
    actor: User, obj: models.Model, data: dict[str, Any], m2m: dict[str, Any], action: str, created: bool
) -> Any:
    """Write plain fields and many-to-many sets of ``obj`` and record what changed."""
    fields = list(data)
    with transaction.atomic():
        if not created:
            # A bound ModelForm has already written into the instance it was given; compare with the database.
            obj = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
        before = {} if created else {**snapshot(obj, fields), **_m2m_ids(obj, list(m2m))}
        for name, value in data.items():
            setattr(obj, name, value)
        obj.full_clean(exclude=list(m2m))
        if created:
            obj.save()
        for name, values in m2m.items():
            getattr(obj, name).set(values)
        changes = diff(before, {**snapshot(obj, fields), **_m2m_ids(obj, list(m2m))})
        if not created and changes:
            obj.save(
                update_fields=[
                    *(n for n in changes if n in data),
                    *(["updated_at"] if hasattr(obj, "updated_at") else []),
                ]
            )
        if created or changes:
            record(actor, action, obj, changes=changes)
    return obj


def save_region(
    actor: User,
    organization: Organization,
    data: dict[str, Any],
    m2m: dict[str, Any],
    region: RegionRegistration | None = None,
) -> RegionRegistration:
    """Create or change a region registration while it is a draft (or refused)."""
    if region is None:
        enforce(permissions.can_create_region(actor, organization))
        region = RegionRegistration(organization=organization)
        region = _save(actor, region, data, m2m, "registry.region.created", created=True)
    else:
        region.refresh_from_db(fields=["status"])
        enforce(permissions.can_edit_registration(actor, region))
        region = _save(actor, region, data, m2m, "registry.region.updated", created=False)
    return region


def save_company(
    actor: User,
    organization: Organization,
    data: dict[str, Any],
    company: CompanyRegistration | None = None,
) -> CompanyRegistration:
    if company is None:
        enforce(permissions.can_create_company(actor, organization))
        with transaction.atomic():
            # Organization row lock: two tabs submitting at once cannot both pass the check.
            Organization.objects.select_for_update().filter(pk=organization.pk).first()
            if CompanyRegistration.objects.filter(organization=organization).exists():
                raise ValidationError(COMPANY_ALREADY_REGISTERED)
            company = CompanyRegistration(organization=organization)
            company = _save(actor, company, data, {}, "registry.company.created", created=True)
    else:
        company.refresh_from_db(fields=["status"])
        enforce(permissions.can_edit_registration(actor, company))
        company = _save(actor, company, data, {}, "registry.company.updated", created=False)
    return company


def save_solution(
    actor: User,
    company: CompanyRegistration,
    data: dict[str, Any],
    m2m: dict[str, Any],
    solution: Solution | None = None,
) -> Solution:
    company.refresh_from_db(fields=["status"])
    enforce(permissions.can_edit_registration(actor, company))
    if solution is None:
        solution = Solution(registration=company)
        solution = _save(actor, solution, data, m2m, "registry.solution.created", created=True)
    else:
        solution = _save(actor, solution, data, m2m, "registry.solution.updated", created=False)
    return solution


def delete_solution(actor: User, solution: Solution) -> None:
    enforce(permissions.can_edit_registration(actor, solution.registration))
    with transaction.atomic():
        record(actor, "registry.solution.deleted", solution, data={"title": solution.title})
        solution.delete()


def _submission_errors(registration: Registration) -> list[str]:
    errors: list[str] = []
    if isinstance(registration, RegionRegistration):
        if (
            not permissions.region_kind_allowed(registration.organization)
            and not registration.partner_government_id
        ):
            errors.append(
                _("地方公共団体以外の団体が登録するときは、参画する地方公共団体を指定してください。")
            )
        if not registration.municipalities.exists():
            errors.append(_("対象地域の市区町村を1つ以上指定してください。"))
    else:
        if not registration.agreed_to_purpose:
            errors.append(_("申請するには、ローカルSDGsの趣旨・目的への賛同が必要です。"))
        if not registration.solutions.exists():
            errors.append(_("ソリューションを1件以上登録してください。"))
    return errors


def _transition(actor: User, registration: Registration, move: str, reason: str = "") -> Registration:
    """Every move of a registration goes through the one declared process (``registry.processes``)."""
    from junkan.registry.processes import process_of

    fields = {"decision_reason": reason} if move != "submitted" else {"decision_reason": ""}
    return workflow.transition(
        process_of(registration), actor, registration, move, fields=fields, reason=reason
    )


def submit(actor: User, registration: Registration) -> Registration:
    """The organization sends a draft (or a refused one, amended) to the secretariat."""
    registration = type(registration).objects.select_related("organization").get(pk=registration.pk)
    enforce(permissions.can_submit_registration(actor, registration))
    errors = _submission_errors(registration)
    if errors:
        raise ValidationError(errors)
    return _transition(actor, registration, "submitted")


def approve(actor: User, registration: Registration) -> Registration:
    enforce(permissions.can_decide_registration(actor, registration))
    return _transition(actor, registration, "approved")


def _require_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("理由を入力してください。")})
    return reason


def refuse(actor: User, registration: Registration, reason: str) -> Registration:
    enforce(permissions.can_decide_registration(actor, registration))
    return _transition(actor, registration, "refused", _require_reason(reason))


def revoke(actor: User, registration: Registration, reason: str) -> Registration:
    enforce(permissions.can_decide_registration(actor, registration))
    return _transition(actor, registration, "revoked", _require_reason(reason))
