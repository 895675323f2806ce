"""The key pages of the platform, in one place: what ``run.py`` measures.

Each page names who requests it (None: anonymous; "owner", "staff", "reviewer": the bench people of
``fill.py``), how its path is built from the filled data (``Ids``), and for a POST its body. A page
of a later issue goes here with the data it needs filled by a function in ``fill.AREAS``; ``ids()``
finds the objects (a page whose object is missing is reported as skipped, never silently dropped).

``python bench/pages.py`` (with DATABASE_URL set) prints, as JSON, the ids, a session cookie per
person and the SQL queries and bytes of each page counted in-process; ``run.py`` reads it.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fill import OWNER_EMAIL, REVIEW_PROGRAM, REVIEWER_EMAIL, STAFF_EMAIL

Ids = dict[str, Any]
# Double-submit CSRF: the same secret in the cookie and the header (loopback benchmark only).
CSRF = "benchcsrfbenchcsrfbenchcsrfbench"


@dataclass(frozen=True)
class Page:
    name: str
    who: str | None
    path: Callable[[Ids], str]
    method: str = "GET"
    form: Callable[[Ids], dict[str, str]] | None = None  # application/x-www-form-urlencoded
    json: Callable[[Ids], dict[str, Any]] | None = None
    needs: tuple[str, ...] = field(default=())  # ids the page needs; skipped when missing
    headers: dict[str, str] = field(default_factory=dict)  # sent as they are (e.g. htmx's HX-Request)


HTMX = {"HX-Request": "true"}


def co2_form(ids: Ids) -> dict[str, str]:
    """A calculation with one line in each part (fuel, electricity by supplier, fuel, biomass)."""
    form = {"fuel_revision": ids["fuel_revision"], "action": "calculate", "title": ""}
    for prefix in ("c", "d", "a", "b", "bn", "re"):
        form.update({f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-INITIAL_FORMS": "0"})
    form.update({"c-0-kind": "fuel", "c-0-fuel": ids["fuel_key"], "c-0-amount": "120", "c-0-label": "A重油"})
    form.update({"d-0-kind": "electricity", "d-0-supplier": ids["supplier"], "d-0-amount": "50000"})
    form.update({"a-0-kind": "fuel", "a-0-fuel": ids["fuel_key"], "a-0-amount": "10"})
    form.update({"b-0-kind": "biomass", "b-0-amount": "300", "b-0-unit": "t"})
    return form


def estimate_body(ids: Ids) -> dict[str, Any]:
    return {
        "project_type": ids["project_type"],
        "total_cost": 12_000_000,
        "other_income": 0,
        "eligible_cost": 11_000_000,
    }


PAGES: list[Page] = [
    Page("home", None, lambda ids: "/"),
    Page("しる (case studies)", None, lambda ids: "/cases/"),
    Page("まなぶ (guides)", None, lambda ids: "/cases/guides/"),
    Page("つながる (map)", None, lambda ids: "/tsunagaru/"),
    Page("であう", None, lambda ids: "/deau/"),
    Page("しかける (funding)", None, lambda ids: "/support/funding/"),
    Page("search 地域", None, lambda ids: "/search/?q=%E5%9C%B0%E5%9F%9F"),
    Page(
        "search 木質バイオマス 森林",
        None,
        lambda ids: (
            "/search/?q=%E6%9C%A8%E8%B3%AA%E3%83%90%E3%82%A4%E3%82%AA%E3%83%9E%E3%82%B9+%E6%A3%AE%E6%9E%97"
        ),
    ),
    Page("calls for proposals", None, lambda ids: "/programs/"),
    Page("call detail (seed 002)", None, lambda ids: f"/programs/{REVIEW_PROGRAM}/"),
    Page(
        "API subsidy estimate",
        None,
        lambda ids: f"/api/v1/programs/{REVIEW_PROGRAM}/subsidy-estimate",
        method="POST",
        json=estimate_body,
    ),
    Page("CO2 calculator GET", None, lambda ids: "/co2/"),
    # A computation as the browser sends it (htmx: only the result comes back, the form stays as typed) and
    # as it is sent without JavaScript (the whole page comes back, every line re-rendered as typed).
    Page("CO2 calculator POST", None, lambda ids: "/co2/", method="POST", form=co2_form, headers=HTMX),
    Page("CO2 calculator POST, no JavaScript", None, lambda ids: "/co2/", method="POST", form=co2_form),
    Page("regions directory", None, lambda ids: "/registry/"),
    Page("regions directory, page 5", None, lambda ids: "/registry/?page=5"),
    Page("region profile", None, lambda ids: f"/registry/regions/{ids['region']}/", needs=("region",)),
    Page("companies directory", None, lambda ids: "/registry/companies/"),
    Page("company profile", None, lambda ids: f"/registry/companies/{ids['company']}/", needs=("company",)),
    Page("case study", None, lambda ids: f"/cases/{ids['case']}/", needs=("case",)),
    Page("application inbox", "staff", lambda ids: f"/applications/inbox/{REVIEW_PROGRAM}/"),
    Page("review: a member's list", "reviewer", lambda ids: f"/review/{ids['committee']}/assigned/"),
    Page("review: assignment", "staff", lambda ids: f"/review/{ids['committee']}/assignment/"),
    Page("review: results", "staff", lambda ids: f"/review/{ids['committee']}/results/"),
    Page("grants list", "staff", lambda ids: "/grants/"),
    Page("project overview", "staff", lambda ids: f"/grants/p/{ids['project']}/", needs=("project",)),
    Page("my organizations (50)", "owner", lambda ids: "/organizations/"),
    Page("organization detail", "owner", lambda ids: f"/organizations/{ids['org']}/"),
    # Pages of later issues (matching, economy, regional support, hubs, finance).
    Page(
        "API matching: solutions for a region",
        None,
        lambda ids: f"/api/v1/matching/regions/{ids['region']}/solutions",
        needs=("region",),
    ),
    Page("economy analysis (index)", None, lambda ids: "/economy/"),
    Page("regional support (index)", "staff", lambda ids: "/regional/"),
    Page("regional support progress", "staff", lambda ids: "/regional/progress/"),
    Page("regional hubs", None, lambda ids: "/hubs/"),
    Page("ESG finance offers", None, lambda ids: "/finance/"),
    # The data of fill.fill_network: regional support, economy, matching, exchange and call Q&A at scale.
    Page(
        "regional support: a case", "staff", lambda ids: f"/regional/cases/{ids['rcase']}/", needs=("rcase",)
    ),
    Page(
        "regional support: a region",
        "staff",
        lambda ids: f"/regional/regions/{ids['rregion']}/",
        needs=("rregion",),
    ),
    Page(
        "regional support: a business plan",
        None,
        lambda ids: f"/regional/plans/{ids['plan']}/",
        needs=("plan",),
    ),
    Page("economy: regional accounts", None, lambda ids: "/economy/accounts/"),
    Page(
        "economy: a region's profile",
        None,
        lambda ids: f"/economy/accounts/{ids['account']}/",
        needs=("account",),
    ),
    Page("economy: ripple calculator", None, lambda ids: "/economy/ripple/"),
    Page("matching: my requests", "owner", lambda ids: "/matching/requests/"),
    Page(
        "matching: a request",
        "owner",
        lambda ids: f"/matching/requests/{ids['mrequest']}/",
        needs=("mrequest",),
    ),
    Page("matching: the secretariat's view", "staff", lambda ids: "/matching/manage/"),
    Page("exchange: themes", "owner", lambda ids: "/exchange/"),
    Page("exchange: a theme", "owner", lambda ids: "/exchange/themes/bench-0/"),
    Page("exchange: a topic", "owner", lambda ids: f"/exchange/topics/{ids['topic']}/", needs=("topic",)),
    Page("exchange: consultations (secretariat)", "staff", lambda ids: "/exchange/consultations/"),
    Page("call Q&A (public)", None, lambda ids: f"/calls/qa/{REVIEW_PROGRAM}/"),
    Page("call Q&A inbox", "staff", lambda ids: "/calls/qa/inbox/"),
    Page(
        "hub: grant projects of its area",
        "staff",
        lambda ids: f"/hubs/{ids['hub']}/projects/",
        needs=("hub",),
    ),
]


def ids() -> Ids:
    """The objects the paths point at (None when the data is not there)."""
    from junkan.accounts.models import User
    from junkan.carbon.models import FactorKind, FuelFactor, SupplierFactor
    from junkan.cases.models import CaseStudy
    from junkan.grants.models import Project
    from junkan.organizations.models import Membership
    from junkan.programs.models import Program
    from junkan.registry.models import CompanyRegistration, RegionRegistration, RegistrationStatus
    from junkan.review.models import Committee

    owner = User.objects.get(email=OWNER_EMAIL)
    program = Program.objects.get(slug=REVIEW_PROGRAM)
    fuel = FuelFactor.objects.order_by("-factor_set__revision", "id").select_related("factor_set").first()
    supplier = SupplierFactor.objects.filter(factor_set__kind=FactorKind.ELECTRICITY).order_by("id").first()
    approved = RegistrationStatus.APPROVED
    region = RegionRegistration.objects.filter(status=approved).order_by("id").values_list("pk", flat=True)
    company = CompanyRegistration.objects.filter(status=approved).order_by("id").values_list("pk", flat=True)
    project = Project.objects.order_by("id").values_list("public_id", flat=True).first()
    return {
        "org": Membership.objects.filter(user=owner).order_by("organization_id").first().organization_id,
        "committee": Committee.objects.get(program=program).pk,
        "project_type": program.project_types.order_by("id").first().code,
        "project_type_pk": program.project_types.order_by("id").first().pk,
        "fuel_revision": fuel.factor_set.revision,
        "fuel_key": fuel.key,
        "supplier": str(supplier.pk),
        "region": region.first(),
        "company": company.first(),
        "case": CaseStudy.objects.filter(published=True)
        .order_by("id")
        .values_list("slug", flat=True)
        .first(),
        "project": str(project) if project else None,
        **network_ids(owner),
    }


def network_ids(owner: Any) -> Ids:
    """The objects of fill.fill_network's pages."""
    from junkan.economy.models import RegionalAccount
    from junkan.exchange.models import Topic
    from junkan.hubs.models import Hub
    from junkan.matching.models import CollaborationRequest
    from junkan.organizations.models import Membership
    from junkan.regional.models import BusinessPlan, ConsortiumCase

    mine = Membership.objects.filter(user=owner).values("organization_id")
    case = ConsortiumCase.objects.order_by("id").values_list("pk", "region_id").first()
    return {
        "rcase": case[0] if case else None,
        "rregion": case[1] if case else None,
        "plan": BusinessPlan.objects.filter(is_published=True)
        .order_by("id")
        .values_list("pk", flat=True)
        .first(),
        "account": RegionalAccount.objects.order_by("id").values_list("public_id", flat=True).first(),
        "mrequest": CollaborationRequest.objects.filter(requester__in=mine)
        .order_by("id")
        .values_list("pk", flat=True)
        .first(),
        "topic": Topic.objects.order_by("id").values_list("pk", flat=True).first(),
        "hub": Hub.objects.order_by("id").values_list("slug", flat=True).first(),
    }


def request_kwargs(page: Page, found: Ids) -> dict[str, Any]:
    """Body and headers of the page's request, for the Django test client."""
    headers = {"headers": page.headers} if page.headers else {}
    if page.method == "GET":
        return headers
    if page.json is not None:
        return {"data": json.dumps(page.json(found)), "content_type": "application/json", **headers}
    return {"data": page.form(found) if page.form else {}, **headers}


def prepare() -> dict[str, Any]:
    """Ids, a session per person, and each page's SQL queries and bytes (in-process, after one warm-up)."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from junkan.accounts.models import User

    found = ids()
    clients: dict[str | None, Client] = {None: Client(enforce_csrf_checks=False)}
    cookies: dict[str, str] = {}
    for key, email in (("owner", OWNER_EMAIL), ("staff", STAFF_EMAIL), ("reviewer", REVIEWER_EMAIL)):
        client = Client()
        client.force_login(User.objects.get(email=email), backend="django.contrib.auth.backends.ModelBackend")
        clients[key] = client
        cookies[key] = client.cookies["sessionid"].value
    pages: dict[str, dict[str, Any]] = {}
    for page in PAGES:
        missing = [name for name in page.needs if found.get(name) is None]
        if missing:
            pages[page.name] = {"skipped": f"no {', '.join(missing)} in the bench data"}
            continue
        path = page.path(found)
        client = clients[page.who]
        call = client.post if page.method == "POST" else client.get
        call(path, HTTP_HOST="127.0.0.1", **request_kwargs(page, found))  # warm-up (templates, caches)
        with CaptureQueriesContext(connection) as captured:
            response = call(path, HTTP_HOST="127.0.0.1", **request_kwargs(page, found))
        if response.status_code != 200:
            pages[page.name] = {"skipped": f"HTTP {response.status_code} in-process", "path": path}
            continue
        pages[page.name] = {
            "path": path,
            "who": page.who,
            "method": page.method,
            "queries": len(captured.captured_queries),
            "bytes": len(response.content),
            "headers": page.headers,
        }
        if page.method == "POST":
            body = request_kwargs(page, found)
            if page.json is not None:
                pages[page.name].update(body=body["data"], content_type="application/json")
            else:
                from urllib.parse import urlencode

                pages[page.name].update(
                    body=urlencode(body["data"]), content_type="application/x-www-form-urlencoded"
                )
    return {"ids": {k: str(v) for k, v in found.items()}, "cookies": cookies, "pages": pages}


if __name__ == "__main__":
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "junkan.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    print(json.dumps(prepare(), ensure_ascii=False))
