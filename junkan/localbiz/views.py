"""Pages of the criteria: a company's declaration per solution, the secretariat's for a case study, and the
secretariat's queue of declarations to confirm."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from junkan.cases.models import CaseStudy
from junkan.common.forms import service_errors
from junkan.common.paging import page_of
from junkan.common.permissions import enforce
from junkan.localbiz import permissions, services
from junkan.localbiz.forms import DeclarationForm
from junkan.localbiz.models import Claim, ClaimStatus
from junkan.registry.models import Solution

PER_PAGE = 30


def _declare(
    request: HttpRequest, target: object, claims: dict, back: str, confirm: bool
) -> HttpResponse | None:
    form = DeclarationForm(request.POST or None, claims=claims)
    if request.method == "POST" and form.is_valid():
        with service_errors(form) as outcome:
            services.declare(request.user, target, form.explanations(), confirm=confirm)
        if outcome.ok:
            messages.success(
                request,
                _("要件を確認済みにしました。") if confirm else _("要件を申告しました。事務局が確認します。"),
            )
            return redirect(back)
    request.localbiz_form = form  # type: ignore[attr-defined]
    return None


@login_required
def solution(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Solution.objects.select_related("registration__organization"), pk=pk)
    enforce(permissions.can_declare_for_solution(request.user, item))
    claims = {c.criterion: c for c in item.localbiz_claims.all()}
    back = reverse("registry:company", args=[item.registration.pk])
    done = _declare(request, item, claims, back, confirm=False)
    if done:
        return done
    return render(
        request,
        "localbiz/declare.html",
        {"target": item, "claims": claims, "form": request.localbiz_form, "cancel_url": back},  # type: ignore[attr-defined]
    )


@login_required
def case(request: HttpRequest, slug: str) -> HttpResponse:
    item = get_object_or_404(CaseStudy, slug=slug)
    enforce(permissions.can_declare_for_case(request.user, item))
    claims = {c.criterion: c for c in item.localbiz_claims.all()}
    back = reverse("cases:detail", args=[item.slug])
    done = _declare(request, item, claims, back, confirm=True)
    if done:
        return done
    return render(
        request,
        "localbiz/declare.html",
        {
            "target": item,
            "claims": claims,
            "form": request.localbiz_form,
            "cancel_url": back,
            "is_case": True,
        },  # type: ignore[attr-defined]
    )


@login_required
def review(request: HttpRequest) -> HttpResponse:
    enforce(permissions.can_decide(request.user))
    claims = Claim.objects.filter(status=ClaimStatus.DECLARED).select_related(
        "solution__registration__organization", "declared_by"
    )
    page = page_of(request, claims.order_by("declared_at", "id"), PER_PAGE)
    return render(request, "localbiz/review.html", {"page": page})


@login_required
@require_POST
def decide(request: HttpRequest, pk: int, verb: str) -> HttpResponse:
    enforce(permissions.can_decide(request.user))
    if verb not in ("confirm", "return"):
        raise Http404
    claim = get_object_or_404(Claim, pk=pk)
    with service_errors(request=request) as outcome:
        services.decide(request.user, claim, verb == "confirm", request.POST.get("reason", ""))
    if outcome.ok:
        messages.success(
            request, _("確認しました。") if verb == "confirm" else _("理由を添えて差し戻しました。")
        )
    return redirect("localbiz:review")
