from __future__ import annotations

import pytest

from junkan.portal import demo
from junkan.portal.models import News

pytestmark = pytest.mark.django_db


def test_demo_news_is_marked_and_idempotent():
    demo.load(lambda _: None)
    demo.load(lambda _: None)
    assert News.objects.count() == len(demo.NEWS)
    assert all(item.title.startswith("【デモ】") and "デモ用" in item.body for item in News.objects.all())
    assert News.objects.published().count() == len(demo.NEWS)
