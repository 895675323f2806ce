import pytest

from junkan.accounts import demo as accounts_demo
from junkan.organizations import demo as organizations_demo
from junkan.registry import demo
from junkan.registry.models import CompanyRegistration, RegionRegistration, Solution

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent():
    accounts_demo.load(lambda _: None)
    organizations_demo.load(lambda _: None)
    demo.load(lambda _: None)
    demo.load(lambda _: None)
    assert RegionRegistration.objects.filter(status="approved").count() == 2
    assert CompanyRegistration.objects.get().solutions.count() == 2
    assert Solution.objects.count() == 2
