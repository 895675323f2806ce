"""Paging of every list: ``?page=`` is a page that exists, or the answer is 404.

Django's ``get_page`` quietly shows another page for a wrong number; a crafted value (``?page=10**30``,
``?page=-1``, ``?page=abc``) is answered here with 404, never with a 500 or an expensive query.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

MAX_DIGITS = 6  # a million pages: more than any list here holds


def paginate(object_list: QuerySet[Any] | Sequence[Any], per_page: int, number: object = None) -> Page:
    """Page ``number`` (the raw ``?page=`` value; empty or None is the first page) or 404."""
    text = "" if number is None else str(number).strip()
    paginator = Paginator(object_list, per_page)
    if not text:
        return paginator.page(1)
    if text == "last":
        return paginator.page(paginator.num_pages)
    if not text.isascii() or not text.isdigit() or len(text) > MAX_DIGITS:
        raise Http404(_("ページの指定が正しくありません。"))
    try:
        return paginator.page(int(text))
    except InvalidPage as error:
        raise Http404(_("このページはありません。")) from error


def page_of(request: HttpRequest, object_list: QuerySet[Any] | Sequence[Any], per_page: int) -> Page:
    """The page of ``object_list`` that ``request`` asks for with ``?page=``, or 404."""
    return paginate(object_list, per_page, request.GET.get("page"))
