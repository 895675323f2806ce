"""Pages of ESG regional finance: offers by area (しかける), institutions, the banks' pages of regions that
consent and the regions' consent page. A bank asks a region to talk through the matching app's
collaboration requests (``junkan.matching.services.ask``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from junkan.common.paging import page_of
from junkan.common.permissions import enforce
from junkan.finance import permissions, services
from junkan.finance.forms import ContactForm, OfferFilterForm, OfferForm, RegionFilterForm
from junkan.finance.models import Institution, Offer
from junkan.hubs.areas import region_q
from junkan.organizations.models import Membership
from junkan.regional.models import BusinessPlan, ConsortiumCase
from junkan.registry.models import RegionRegistration, RegistrationStatus

PER_PAGE = 20


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def offer_list(request: HttpRequest) -> HttpResponse:
    enforce(permissions.can_browse_offers(request.user))
    form = OfferFilterForm(request.GET or None)
    offers = Offer.objects.filter(is_published=True, institution__is_published=True)
    if form.is_valid():
        prefecture = form.cleaned_data["prefecture"]
        if prefecture is not None:
            # The offer's own area, or (none given) its institution's area or nationwide business.
            offers = offers.filter(
                Q(prefectures=prefecture)
                | Q(prefectures__isnull=True, institution__prefectures=prefecture)
                | Q(prefectures__isnull=True, institution__nationwide=True)
            )
        if form.cleaned_data["kind"]:
            offers = offers.filter(kind=form.cleaned_data["kind"])
    offers = (
        offers.select_related("institution__organization")
        .prefetch_related("prefectures", "institution__prefectures")
        .distinct()
        .order_by("-updated_at", "id")
    )
    page = page_of(request, offers, PER_PAGE)
    return render(
        request,
        "finance/offer_list.html",
        {
            "form": form,
            "page": page,
            "query": _query_without_page(request),
            "is_bank": permissions.is_bank(request.user),
        },
    )


def offer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    offer = get_object_or_404(
        Offer.objects.select_related("institution__organization").prefetch_related("prefectures"), pk=pk
    )
    enforce(permissions.can_view_offer(request.user, offer))
    return render(
        request,
        "finance/offer_detail.html",
        {
            "offer": offer,
            "can_manage": permissions.can_manage_offers(request.user, offer.institution).allowed,
        },
    )


def institution_detail(request: HttpRequest, pk: int) -> HttpResponse:
    institution = get_object_or_404(
        Institution.objects.select_related("organization").prefetch_related("prefectures"), pk=pk
    )
    enforce(permissions.can_view_institution(request.user, institution))
    offers = institution.offers.filter(is_published=True).order_by("-updated_at")[:50]
    return render(request, "finance/institution_detail.html", {"institution": institution, "offers": offers})


@login_required
def manage(request: HttpRequest) -> HttpResponse:
    """A bank's own page: its institutions, their offers (published or not) and the requests it sent."""
    institutions = permissions.institutions_of(request.user)
    if not institutions:
        raise Http404(_("金融機関のメンバーではありません。"))
    offers = Offer.objects.filter(institution__in=institutions).select_related("institution__organization")
    return render(
        request,
        "finance/manage.html",
        {"institutions": institutions, "offers": offers.order_by("-updated_at")[:100]},
    )


@login_required
def offer_form(
    request: HttpRequest, institution_pk: int | None = None, pk: int | None = None
) -> HttpResponse:
    offer = None
    if pk is not None:
        offer = get_object_or_404(Offer.objects.select_related("institution__organization"), pk=pk)
        institution = offer.institution
    else:
        institution = get_object_or_404(Institution.objects.select_related("organization"), pk=institution_pk)
    enforce(permissions.can_manage_offers(request.user, institution))
    form = OfferForm(request.POST or None, instance=offer)
    if request.method == "POST" and form.is_valid():
        data, prefectures = form.service_data()
        offer = services.save_offer(request.user, institution, data, prefectures, offer)
        messages.success(request, _("「%(title)s」を保存しました。") % {"title": offer.title})
        return redirect("finance:offer", pk=offer.pk)
    return render(
        request, "finance/offer_form.html", {"form": form, "offer": offer, "institution": institution}
    )


@login_required
def region_list(request: HttpRequest) -> HttpResponse:
    """For banks: the approved regions that agreed to be shown to financial institutions."""
    enforce(permissions.can_browse_regions(request.user))
    form = RegionFilterForm(request.GET or None)
    regions = RegionRegistration.objects.filter(
        status=RegistrationStatus.APPROVED, finance_consent__active=True
    )
    if form.is_valid() and form.cleaned_data["prefecture"] is not None:
        regions = regions.filter(region_q([form.cleaned_data["prefecture"].pk]))
    regions = regions.select_related("organization").prefetch_related("municipalities").distinct()
    page = page_of(request, regions.order_by("name", "id"), PER_PAGE)
    return render(
        request,
        "finance/region_list.html",
        {"form": form, "page": page, "query": _query_without_page(request)},
    )


def _region(request: HttpRequest, pk: int) -> RegionRegistration:
    region = get_object_or_404(
        RegionRegistration.objects.select_related("organization", "partner_government").prefetch_related(
            "municipalities", "resources", "sdg_goals"
        ),
        pk=pk,
    )
    enforce(permissions.can_view_region(request.user, region))
    return region


@login_required
def region_detail(request: HttpRequest, pk: int) -> HttpResponse:
    region = _region(request, pk)
    institutions = permissions.published_institutions_of(request.user)
    form = ContactForm(request.POST or None)
    if request.method == "POST":
        enforce(permissions.can_send_contact(request.user, region))
        if form.is_valid() and institutions:
            item = services.ask_region(request.user, institutions[0], region, form.cleaned_data["message"])
            messages.success(request, _("相談の申込みを送りました。地域からの回答をお待ちください。"))
            return redirect("matching:request", item.pk)
    return render(
        request,
        "finance/region_detail.html",
        {
            "region": region,
            "form": form,
            "can_contact": permissions.can_send_contact(request.user, region).allowed,
            "consent": permissions.consent_active(region),
            # What the region has published of its work (its switches), shown here with its consent.
            "plans": list(
                BusinessPlan.objects.filter(region=region, is_published=True).order_by("-created_at", "id")
            ),
            "cases": list(
                ConsortiumCase.objects.filter(region=region, is_published=True)
                .select_related("round")
                .order_by("-round__fiscal_year", "id")
            ),
        },
    )


@login_required
def consent(request: HttpRequest) -> HttpResponse:
    """For regions: consent to be shown to financial institutions, and the requests received."""
    org_ids = list(Membership.objects.filter(user=request.user).values_list("organization_id", flat=True))
    regions = list(
        RegionRegistration.objects.filter(organization_id__in=org_ids)
        .select_related("finance_consent")
        .order_by("name")
    )
    if not regions:
        raise Http404(_("実践地域等登録をしている団体のメンバーではありません。"))
    for region in regions:
        region.consenting = getattr(getattr(region, "finance_consent", None), "active", False)
    return render(request, "finance/consent.html", {"regions": regions})


@login_required
@require_POST
def consent_set(request: HttpRequest, region_pk: int) -> HttpResponse:
    region = get_object_or_404(RegionRegistration.objects.select_related("organization"), pk=region_pk)
    active = request.POST.get("active") == "1"
    services.set_consent(request.user, region, active)
    if active:
        messages.success(
            request, _("「%(name)s」を金融機関に公開することに同意しました。") % {"name": region}
        )
    else:
        messages.success(request, _("「%(name)s」の金融機関への公開をやめました。") % {"name": region})
    return redirect("finance:consent")
