"""Matching over the registries: profiles written at approval, the index kept per process, suggestions,
and every change to collaboration requests, events and digest settings.

The engine is pure (``engine/``); here the registries are turned into its inputs:

- a solution: its title; its description, track record and the company's summary as text; its 分野 and
  the company's industry as fields; its resources; its goals; its area (empty = 全国);
- a region: its name; its municipalities; its resources (and their note); each sentence of its
  challenges; its goals; its future and path as text.
"""

from __future__ import annotations

import hashlib
import re
import threading
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse

from junkan.audit.services import record
from junkan.common import cache as common_cache
from junkan.common import workflow
from junkan.common.permissions import enforce
from junkan.matching import mail, permissions
from junkan.matching.engine import ranking
from junkan.matching.engine.index import SolutionIndex
from junkan.matching.models import (
    CollaborationRequest,
    DigestSubscription,
    EventPair,
    MatchingEvent,
    Origin,
    RequestMessage,
    SolutionProfile,
)
from junkan.matching.processes import REQUEST
from junkan.registry.caching import SCOPE as REGISTRY_SCOPE
from junkan.registry.models import CompanyRegistration, RegionRegistration, RegistrationStatus, Solution

_SENTENCES = re.compile(r"[。\n]+")
_lock = threading.Lock()
_index: dict[str, Any] = {"version": None, "index": None}
CACHE_SECONDS = 6 * 3600


# ---- inputs --------------------------------------------------------------------------------------


def _served_names(solution: Solution) -> tuple[str, ...]:
    names = tuple(m.full_name for m in solution.regions_served.all())
    return names or ("全国",)


def solution_input(solution: Solution) -> ranking.Solution:
    """A registered solution as the engine reads it."""
    registration = solution.registration
    fields = [f for f in re.split(r"[・、,／/\s]+", solution.fields) if f]
    if registration.industry_id:
        fields.append(registration.industry.name)
    return ranking.Solution(
        id=str(solution.pk),
        title=solution.title,
        text="\n".join(t for t in (solution.description, solution.track_record, registration.summary) if t),
        fields=tuple(fields),
        uses_resources=tuple(r.name for r in solution.resources.all()),
        sdgs=tuple(g.number for g in solution.sdg_goals.all()),
        regions_served=_served_names(solution),
    )


def region_input(region: RegionRegistration) -> ranking.Region:
    """A registered region as the engine reads it."""
    return ranking.Region(
        name=region.name,
        municipalities=tuple(m.code for m in region.municipalities.all()),
        resources=tuple(r.name for r in region.resources.all()),
        challenges=tuple(s.strip() for s in _SENTENCES.split(region.challenges) if s.strip()),
        sdgs=tuple(g.number for g in region.sdg_goals.all()),
        text="\n".join(t for t in (region.resources_note, region.desired_future, region.backcasting) if t),
    )


def _solutions() -> Any:
    return Solution.objects.select_related(
        "registration__industry", "registration__organization"
    ).prefetch_related("resources", "sdg_goals", "regions_served")


def _regions() -> Any:
    return RegionRegistration.objects.select_related("organization").prefetch_related(
        "resources", "sdg_goals", "municipalities"
    )


# ---- profiles (precomputed at approval) -----------------------------------------------------------


def refresh_company(registration: CompanyRegistration) -> int:
    """Write the profiles of an approved company's solutions, or remove them if it is not public."""
    if registration.status != RegistrationStatus.APPROVED:
        SolutionProfile.objects.filter(solution__registration=registration).delete()
        return 0
    count = 0
    for solution in _solutions().filter(registration=registration):
        prepared = ranking.prepare_solution(solution_input(solution))
        SolutionProfile.objects.update_or_create(solution=solution, defaults={"data": prepared.to_json()})
        count += 1
    SolutionProfile.objects.filter(solution__registration=registration).exclude(
        solution__in=registration.solutions.all()
    ).delete()
    return count


def rebuild_profiles() -> int:
    """Every approved company's profiles again (after a thesaurus change or bulk edits)."""
    SolutionProfile.objects.exclude(solution__registration__status=RegistrationStatus.APPROVED).delete()
    return sum(
        refresh_company(r) for r in CompanyRegistration.objects.filter(status=RegistrationStatus.APPROVED)
    )


def index_version() -> str:
    """Changes whenever a profile is written or removed: the registry's generation (``registry.caching``
    bumps it on every save or delete of a profile, registration or solution), read without a query."""
    return common_cache.tokens(REGISTRY_SCOPE)


def solution_index() -> SolutionIndex:
    """This process's index of every approved solution, rebuilt when the profiles change."""
    version = index_version()
    with _lock:
        if _index["version"] != version:
            profiles = SolutionProfile.objects.order_by("solution_id").values_list("data", flat=True)
            _index["index"] = SolutionIndex([ranking.PreparedSolution.from_json(d) for d in profiles])
            _index["version"] = version
        return _index["index"]


# ---- suggestions ----------------------------------------------------------------------------------


def public_region(pk: int) -> RegionRegistration | None:
    return _regions().filter(pk=pk, status=RegistrationStatus.APPROVED).first()


def public_solution(pk: int) -> Solution | None:
    return _solutions().filter(pk=pk, registration__status=RegistrationStatus.APPROVED).first()


def _key(kind: str, *parts: Any) -> str:
    """A cache key that changes with every part (hashed: the parts hold spaces and colons)."""
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f"matching:{kind}:{digest}"


def _result(result: ranking.Result, title: str, organization: str, url: str) -> dict[str, Any]:
    return {
        "id": result.id,
        "score": result.score,
        "reasons": list(result.reasons),
        "parts": result.parts,
        "title": title,
        "organization": organization,
        "url": url,
    }


def solutions_for_region(region: RegionRegistration, limit: int = 10) -> list[dict[str, Any]]:
    """The approved solutions that fit an approved region, best first (cached until profiles change)."""
    index = solution_index()
    key = _key("region", region.pk, region.updated_at.timestamp(), index_version(), limit)
    cached = cache.get(key)
    if cached is not None:
        return cached
    results = index.rank(ranking.prepare_region(region_input(region)), limit)
    solutions = {str(s.pk): s for s in _solutions().filter(pk__in=[int(r.id) for r in results])}
    out = []
    for result in results:
        solution = solutions.get(result.id)
        if solution is None:
            continue
        registration = solution.registration
        out.append(
            _result(
                result,
                solution.title,
                str(registration.organization),
                reverse("registry:company", args=[registration.pk]) + f"#solution-{solution.pk}",
            )
        )
    cache.set(key, out, CACHE_SECONDS)
    return out


def _region_version() -> str:
    """Changes with any region (its status, places, resources): the registry's generation, without a query."""
    return common_cache.tokens(REGISTRY_SCOPE)


def regions_for_solution(solution: Solution, limit: int = 10) -> list[dict[str, Any]]:
    """The approved regions that fit an approved solution, best first (cached until regions change)."""
    stamp = solution.registration.updated_at.timestamp()
    key = _key("solution", solution.pk, stamp, _region_version(), limit)
    cached = cache.get(key)
    if cached is not None:
        return cached
    index = solution_index()
    prepared = ranking.prepare_solution(solution_input(solution))
    scored = []
    for region in _regions().filter(status=RegistrationStatus.APPROVED):
        result = ranking.score(ranking.prepare_region(region_input(region)), prepared, index.corpus)
        scored.append((result, region))
    scored.sort(key=lambda pair: (-pair[0].score, int(pair[0].id) if pair[0].id.isdigit() else 0, pair[1].pk))
    out = [
        _result(
            ranking.Result(str(region.pk), result.score, result.reasons, result.parts),
            region.name,
            str(region.organization),
            reverse("registry:region", args=[region.pk]),
        )
        for result, region in scored[:limit]
        if result.score > 0
    ]
    cache.set(key, out, CACHE_SECONDS)
    return out


def regions_for_company(registration: CompanyRegistration, limit: int = 5) -> list[dict[str, Any]]:
    """The best regions over all of a company's solutions, each region once (its best solution's reasons);
    computed once per change of the registry."""
    return common_cache.cached(
        f"matching:company:{registration.pk}:{limit}",
        (REGISTRY_SCOPE,),
        lambda: _regions_for_company(registration, limit),
    )


def _regions_for_company(registration: CompanyRegistration, limit: int) -> list[dict[str, Any]]:
    best: dict[str, dict[str, Any]] = {}
    for solution in _solutions().filter(registration=registration):
        for item in regions_for_solution(solution, limit):
            current = best.get(item["id"])
            if current is None or item["score"] > current["score"]:
                best[item["id"]] = {**item, "solution": solution.title, "solution_id": solution.pk}
    return sorted(best.values(), key=lambda i: (-i["score"], i["id"]))[:limit]


# ---- collaboration requests -----------------------------------------------------------------------


def ask(
    user: Any,
    requester: Any,
    recipient: Any,
    message: str,
    *,
    region: RegionRegistration | None = None,
    solution: Solution | None = None,
    origin: str = Origin.SUGGESTION,
    score: float | None = None,
    event: MatchingEvent | None = None,
) -> CollaborationRequest:
    """One organization asks another to be introduced (協業の相談)."""
    enforce(permissions.can_ask(user, requester, recipient))
    with transaction.atomic():
        request = CollaborationRequest.objects.create(
            requester=requester,
            recipient=recipient,
            region=region,
            solution=solution,
            origin=origin,
            score=score,
            message=message.strip(),
            requested_by=user,
            event=event,
        )
        record(user, "matching.request.created", request, data={"origin": origin})
        mail.request_created(request)
    return request


def move(
    user: Any, request: CollaborationRequest, name: str, reason: str = "", **fields: Any
) -> CollaborationRequest:
    """Make one move of the request's process (see ``processes.REQUEST``)."""
    return workflow.transition(REQUEST, user, request, name, fields=fields or None, reason=reason)


def post_message(user: Any, request: CollaborationRequest, body: str) -> RequestMessage:
    """Add a message to the request's thread."""
    enforce(permissions.can_post_message(user, request))
    with transaction.atomic():
        message = RequestMessage.objects.create(request=request, author=user, body=body.strip())
        record(user, "matching.request.message", request, data={"message": message.pk})
    return message


def requests_of(user: Any) -> Any:
    """The requests in which one of the person's organizations takes part."""
    from django.db.models import Q

    organizations = user.memberships.values_list("organization_id", flat=True)
    return CollaborationRequest.objects.filter(
        Q(requester__in=organizations) | Q(recipient__in=organizations)
    )


def add_event(
    user: Any, title: str, held_on: Any, mode: str, place: str = "", note: str = ""
) -> MatchingEvent:
    """The secretariat records a matching event."""
    enforce(permissions.can_manage_matching(user))
    with transaction.atomic():
        event = MatchingEvent.objects.create(title=title, held_on=held_on, mode=mode, place=place, note=note)
        record(user, "matching.event.created", event)
    return event


def add_pair(user: Any, event: MatchingEvent, region: Any, company: Any, note: str = "") -> EventPair:
    """The secretariat records a pair that met at an event."""
    enforce(permissions.can_manage_matching(user))
    with transaction.atomic():
        pair, _created = EventPair.objects.get_or_create(
            event=event, region=region, company=company, defaults={"note": note}
        )
        record(user, "matching.event.pair", event, data={"region": region.pk, "company": company.pk})
    return pair


def set_digest(user: Any, enabled: bool) -> DigestSubscription:
    """Turn the weekly digest on or off for oneself."""
    with transaction.atomic():
        subscription, _created = DigestSubscription.objects.get_or_create(user=user)
        if subscription.enabled != enabled:
            subscription.enabled = enabled
            subscription.save(update_fields=["enabled"])
            record(user, "matching.digest." + ("on" if enabled else "off"), subscription)
    return subscription


def funnel() -> dict[str, int]:
    """Conversion: requests from suggestions, accepted ones, and collaborations (incl. closed as business)."""
    from junkan.matching.models import Outcome, RequestStatus

    return CollaborationRequest.objects.order_by().aggregate(
        requests=Count("id"),
        from_suggestions=Count("id", filter=Q(origin=Origin.SUGGESTION)),
        accepted=Count(
            "id",
            filter=~Q(status__in=[RequestStatus.REQUESTED, RequestStatus.DECLINED, RequestStatus.WITHDRAWN]),
        ),
        collaborating=Count(
            "id",
            filter=Q(status=RequestStatus.COLLABORATING)
            | Q(status=RequestStatus.CLOSED, outcome__in=[Outcome.BUSINESS, Outcome.PILOT]),
        ),
    )
