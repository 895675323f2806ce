from __future__ import annotations

import pytest


@pytest.fixture
def region(organization):
    """A submitted (not yet public) practice region in 長野県飯田市: the area of 中部地方環境事務所."""
    from junkan.municipalities.models import Municipality
    from junkan.registry.models import RegionRegistration, RegistrationStatus

    region = RegionRegistration.objects.create(
        organization=organization,
        name="南信州 地域循環共生圏",
        challenges="人口減少と森林の荒廃",
        desired_future="森と水とエネルギーが地域で回る暮らし",
        backcasting="2030年までに公共施設へ地域の電力を供給する",
        contact_name="環境 太郎",
        contact_email="kankyo@example.jp",
        status=RegistrationStatus.SUBMITTED,
    )
    region.municipalities.set([Municipality.objects.get(code="202053")])
    return region


@pytest.fixture
def make_hub_staff(make_user, with_totp):
    from junkan.hubs import services
    from junkan.hubs.models import Hub

    def make(email: str, slug: str):
        user = make_user(email, full_name="拠点 職員")
        services.assign_staff(None, Hub.objects.get(slug=slug), user)
        with_totp(user)
        return user

    return make


@pytest.fixture
def chubu_staff(make_hub_staff):
    return make_hub_staff("chubu@example.jp", "chubu-office")


@pytest.fixture
def kyushu_staff(make_hub_staff):
    return make_hub_staff("kyushu@example.jp", "epo-kyushu")
