import pytest
from django.utils import timezone

from junkan.accounts import demo as accounts_demo
from junkan.events import demo
from junkan.events.models import Event, Registration, RegistrationStatus
from junkan.organizations import demo as organizations_demo

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent():
    accounts_demo.load(lambda _: None)
    organizations_demo.load(lambda _: None)
    demo.load(lambda _: None)
    demo.load(lambda _: None)
    assert Event.objects.count() == len(demo.EVENTS)
    now = timezone.now()
    assert Event.objects.filter(ends_at__lt=now).count() == 2
    assert Event.objects.filter(starts_at__gt=now).count() == 3
    full = Event.objects.get(title=demo.FULL_EVENT)
    assert full.registrations.filter(status=RegistrationStatus.CONFIRMED).count() == full.capacity
    assert full.registrations.filter(status=RegistrationStatus.WAITLISTED).count() == 2
    assert Registration.objects.count() == len(demo.PEOPLE)
    for event in Event.objects.all():
        event.full_clean()
