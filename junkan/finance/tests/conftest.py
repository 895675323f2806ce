from __future__ import annotations

import pytest


@pytest.fixture
def region(organization):
    """An approved practice region of 長野県飯田市; owner and member act for it."""
    from junkan.municipalities.models import Municipality
    from junkan.registry.models import RegionRegistration, RegistrationStatus

    region = RegionRegistration.objects.create(
        organization=organization,
        name="南信州 地域循環共生圏",
        challenges="人口減少と森林の荒廃",
        desired_future="森と水とエネルギーが地域で回る暮らし",
        backcasting="2030年までに公共施設へ地域の電力を供給する",
        contact_name="環境 太郎",
        contact_email="kankyo-contact@example.jp",
        status=RegistrationStatus.APPROVED,
    )
    region.municipalities.set([Municipality.objects.get(code="202053")])
    return region


@pytest.fixture
def banker(make_user):
    return make_user("banker@example.jp", full_name="金融 次郎")


@pytest.fixture
def institution(banker):
    from junkan.finance.models import Institution, InstitutionKind
    from junkan.municipalities.models import Municipality
    from junkan.organizations.models import Membership, MembershipRole, Organization

    org = Organization.objects.create(kind="financial_institution", name="テスト信用金庫（架空）")
    Membership.objects.create(organization=org, user=banker, role=MembershipRole.OWNER)
    institution = Institution.objects.create(
        organization=org, kind=InstitutionKind.SHINKIN, principles_signatory=True, is_published=True
    )
    institution.prefectures.set(Municipality.objects.filter(kind="prefecture", name="長野県"))
    return institution


@pytest.fixture
def offer(institution):
    from junkan.finance.models import Offer, OfferKind

    return Offer.objects.create(
        institution=institution,
        kind=OfferKind.LOAN,
        title="地域エネルギー融資",
        summary="再エネ事業向け",
        conditions="区域内の事業者",
        contact="esg@example.jp",
        is_published=True,
    )
