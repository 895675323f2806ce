"""Demo claims: one fictional company's solution declares two criteria (one confirmed), one case study is
confirmed by the secretariat. The explanations are written for the demo （デモ）."""

from __future__ import annotations

from collections.abc import Callable

from junkan.accounts.demo import demo_user
from junkan.cases.models import CaseStudy
from junkan.localbiz import services
from junkan.localbiz.models import Claim
from junkan.organizations.models import Membership
from junkan.registry.models import RegistrationStatus, Solution


def load(log: Callable[[str], object]) -> list[tuple[str, str, str]]:
    if Claim.objects.exists():
        return []
    secretariat = demo_user("secretariat@example.jp")
    solution = (
        Solution.objects.filter(registration__status=RegistrationStatus.APPROVED)
        .select_related("registration__organization")
        .order_by("id")
        .first()
    )
    if solution is not None:
        member = Membership.objects.filter(organization=solution.registration.organization).first()
        if member is not None:
            claims = services.declare(
                member.user,
                solution,
                {
                    1: "（デモ）地域の木材を地域の事業者が加工し、熱として地域で使います。",
                    3: "（デモ）化石燃料の購入を減らし、災害時にも使える熱源を地域に置きます。",
                },
            )
            services.decide(secretariat, claims[0], True)
    case = CaseStudy.objects.filter(published=True).order_by("id").first()
    if case is not None:
        services.declare(
            secretariat,
            case,
            {2: "（デモ）都市の企業と流域の地域が、資金と資源を補い合っています。"},
            confirm=True,
        )
    log(f"localbiz: {Claim.objects.count()} claims of the three criteria")
    return []
