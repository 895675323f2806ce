"""The Atom feed of the news (お知らせ)."""

from __future__ import annotations

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy

from junkan.common.permissions import enforce
from junkan.jp.dates import TOKYO
from junkan.portal.models import News
from junkan.portal.permissions import can_view_public_page

FEED_SIZE = 30


class NewsFeed(Feed):
    feed_type = Atom1Feed
    title = gettext_lazy("循環：お知らせ")
    subtitle = gettext_lazy("環境省 地域循環共生圏（ローカルSDGs）プラットフォームからのお知らせ")
    # RFC 4287 §4.1.1: a feed has an author unless every entry has one.
    author_name = gettext_lazy("地域循環共生圏プラットフォーム事務局")

    def __call__(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        enforce(can_view_public_page(request.user))
        return super().__call__(request, *args, **kwargs)

    def link(self) -> str:
        return reverse("portal:news_list")

    def items(self) -> list[News]:
        return list(News.objects.published()[:FEED_SIZE])

    def item_title(self, item: News) -> str:
        return item.title

    def item_description(self, item: News) -> str:
        return item.body

    def item_link(self, item: News) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: News) -> datetime:
        return item.published_at.astimezone(TOKYO)

    def item_updateddate(self, item: News) -> datetime:
        return max(item.updated_at, item.published_at).astimezone(TOKYO)
