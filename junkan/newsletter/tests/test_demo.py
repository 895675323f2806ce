import pytest

from junkan.newsletter import demo
from junkan.newsletter.models import Delivery, Issue, IssueStatus, Subscriber, SubscriberStatus

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent():
    demo.load(lambda _: None)
    demo.load(lambda _: None)
    assert Subscriber.objects.filter(status=SubscriberStatus.CONFIRMED).count() == len(demo.SUBSCRIBERS)
    issue = Issue.objects.get()
    assert issue.status == IssueStatus.SENT
    assert Delivery.objects.filter(issue=issue, status="sent").count() == len(demo.SUBSCRIBERS)
