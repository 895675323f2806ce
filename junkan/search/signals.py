"""Signal receivers that keep the search index in step with every indexed model.

Each receiver works out which documents an object feeds (a company registration feeds its
organization and its solutions, an organization's name appears in its regions and solutions, ...)
and calls ``services.reindex`` for them. Bulk updates (``QuerySet.update``, ``bulk_create``) send no
signals: run ``manage.py rebuild_search_index`` after them.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save

from junkan.cases.models import CaseOutcome, CaseStudy, Guide
from junkan.organizations.models import Organization
from junkan.registry.models import CompanyRegistration, RegionRegistration, Solution
from junkan.search import services
from junkan.search.models import DocumentKind as K


def _case(instance: CaseStudy, **kwargs: Any) -> None:
    services.reindex(K.CASE, [instance.pk])


def _outcome(instance: CaseOutcome, **kwargs: Any) -> None:
    services.reindex(K.CASE, [instance.case_id])


def _guide(instance: Guide, **kwargs: Any) -> None:
    services.reindex(K.GUIDE, [instance.pk])


def _region(instance: RegionRegistration, **kwargs: Any) -> None:
    services.reindex(K.REGION, [instance.pk])
    services.reindex(K.ORGANIZATION, [instance.organization_id])


def _company(instance: CompanyRegistration, **kwargs: Any) -> None:
    services.reindex(K.ORGANIZATION, [instance.organization_id])
    services.reindex(
        K.SOLUTION, Solution.objects.filter(registration_id=instance.pk).values_list("pk", flat=True)
    )


def _company_deleted(instance: CompanyRegistration, **kwargs: Any) -> None:
    services.reindex(K.ORGANIZATION, [instance.organization_id])


def _solution(instance: Solution, **kwargs: Any) -> None:
    services.reindex(K.SOLUTION, [instance.pk])
    organization_id = (
        CompanyRegistration.objects.filter(pk=instance.registration_id)
        .values_list("organization_id", flat=True)
        .first()
    )
    services.reindex(K.ORGANIZATION, [organization_id] if organization_id else [])


def _organization(instance: Organization, **kwargs: Any) -> None:
    services.reindex(K.ORGANIZATION, [instance.pk])
    services.reindex(
        K.REGION, RegionRegistration.objects.filter(organization=instance).values_list("pk", flat=True)
    )
    services.reindex(
        K.SOLUTION, Solution.objects.filter(registration__organization=instance).values_list("pk", flat=True)
    )


def _unless_raw(handler: Any) -> Any:
    """Skip raw saves (``loaddata``: related rows may not be there yet); rebuild the index afterwards."""

    def receiver(instance: Any, raw: bool = False, **kwargs: Any) -> None:
        if not raw:
            handler(instance=instance)

    return receiver


def _m2m(handler: Any, model: type) -> Any:
    """A receiver for a many-to-many field of ``model``: reindex the objects of ``model`` involved."""

    def receiver(instance: Any, action: str, reverse: bool, pk_set: set[int] | None, **kwargs: Any) -> None:
        if action not in ("post_add", "post_remove", "post_clear"):
            return
        if not reverse:
            handler(instance=instance)
            return
        # Changed from the other side (a resource removed from regions): the affected objects are pk_set.
        objects = (
            model._default_manager.filter(pk__in=pk_set)
            if pk_set is not None
            else model._default_manager.all()
        )
        for obj in objects:
            handler(instance=obj)

    return receiver


# The filters' lists (local resources, SDG goals, prefectures) are not in the index: their own cache scope
# for the rendered result page (``views.results``).
FILTERS_SCOPE = "search:filters"


def connect() -> None:
    """Connect every receiver once (called from ``SearchConfig.ready``)."""
    from junkan.common import cache
    from junkan.municipalities.models import Municipality
    from junkan.registry.models import LocalResource, SdgGoal

    cache.bump_on_change(FILTERS_SCOPE, LocalResource, SdgGoal, Municipality)
    saves = [
        (CaseStudy, _case, _case),
        (CaseOutcome, _outcome, _outcome),
        (Guide, _guide, _guide),
        (RegionRegistration, _region, _region),
        (CompanyRegistration, _company, _company_deleted),
        (Solution, _solution, _solution),
        (Organization, _organization, _organization),
    ]
    for model, on_save, on_delete in saves:
        post_save.connect(
            _unless_raw(on_save), sender=model, dispatch_uid=f"search-save-{model._meta.label}", weak=False
        )
        post_delete.connect(on_delete, sender=model, dispatch_uid=f"search-delete-{model._meta.label}")
    many = [
        (CaseStudy, _case, ("municipalities", "themes", "resources", "sdg_goals")),
        (RegionRegistration, _region, ("municipalities", "resources", "sdg_goals")),
        (Solution, _solution, ("resources", "sdg_goals", "regions_served")),
    ]
    for model, handler, names in many:
        for name in names:
            through = getattr(model, name).through
            m2m_changed.connect(
                _m2m(handler, model),
                sender=through,
                dispatch_uid=f"search-m2m-{model._meta.label}-{name}",
                weak=False,
            )
