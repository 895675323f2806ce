from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone


@pytest.fixture
def people(owner, member, outsider, staff, organization):
    return {"anonymous": None, "owner": owner, "member": member, "outsider": outsider, "staff": staff}


@pytest.fixture
def field_energy():
    from junkan.support.models import SupportField

    return SupportField.objects.get(name="再生可能エネルギー")


@pytest.fixture
def make_expert(field_energy) -> Callable[..., object]:
    from junkan.municipalities.models import Municipality
    from junkan.support.models import Expert

    def make(
        name: str = "川辺 誠",
        *,
        published: bool = True,
        prefectures=("200000",),
        nationwide=False,
        fields=None,
    ):
        expert = Expert.objects.create(
            name=name,
            affiliation="木質バイオマス技術士事務所（架空）",
            bio="森林資源の熱利用を支援。",
            private_email="kawabe-private@example.jp",
            is_published=published,
            nationwide=nationwide,
        )
        expert.fields.set(fields if fields is not None else [field_energy])
        expert.regions.set(Municipality.objects.filter(code__in=prefectures))
        return expert

    return make


@pytest.fixture
def make_measure() -> Callable[..., object]:
    from junkan.support.models import Ministry, SupportMeasure

    def make(
        title: str,
        deadline_days: int | None = 10,
        *,
        ministry: str = "農林水産省",
        published: bool = True,
        period_end_days: int | None = None,
        fields=(),
    ):
        today = timezone.localdate()
        measure = SupportMeasure.objects.create(
            title=title,
            ministry=Ministry.objects.get(name=ministry),
            summary="地域資源を活かした事業の立ち上げを支援します。",
            eligible_applicants="市町村、地域協議会",
            deadline=None if deadline_days is None else today + timedelta(days=deadline_days),
            period_end=None if period_end_days is None else today + timedelta(days=period_end_days),
            url="https://www.maff.go.jp/",
            is_published=published,
        )
        measure.fields.set(fields)
        return measure

    return make


@pytest.fixture
def make_region(organization):
    from junkan.municipalities.models import Municipality
    from junkan.registry.models import RegionRegistration, RegistrationStatus

    def make(name: str, status: str = RegistrationStatus.APPROVED):
        region = RegionRegistration.objects.create(
            organization=organization,
            name=name,
            status=status,
            challenges="c",
            desired_future="f",
            backcasting="b",
            contact_name="n",
            contact_email="n@example.jp",
        )
        region.municipalities.set(Municipality.objects.filter(code="202053"))
        return region

    return make
