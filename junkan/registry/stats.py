"""How many regions and companies are registered (seed 000 quotes 「実践地域登録制度 85団体」), for the pages
where people look: the directories, the hubs, the exchange."""

from __future__ import annotations

from junkan.registry.models import CompanyRegistration, RegionRegistration, RegistrationStatus


def registered_counts() -> dict[str, int]:
    """Approved registrations: two indexed COUNT queries."""
    approved = RegistrationStatus.APPROVED
    return {
        "regions": RegionRegistration.objects.filter(status=approved).count(),
        "companies": CompanyRegistration.objects.filter(status=approved).count(),
    }
