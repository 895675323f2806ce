"""The public economy pages (the index's lists, the accounts list, an account's profile) are cached per
economy generation: every change of the data shows on the very next request, and private data is never
cached for those who see only public data."""

from __future__ import annotations

import pytest

from junkan.economy import demo, services
from junkan.economy.models import Visibility

pytestmark = pytest.mark.django_db


def _page(client, url: str) -> str:
    return client.get(url).content.decode()


def test_public_pages_follow_every_change(client_as, owner, member, organization, account, table, analysis):
    anonymous = client_as(None)
    detail = f"/economy/accounts/{account.public_id}/"
    for url in ("/economy/", "/economy/accounts/"):
        assert "架空市" not in _page(anonymous, url)  # private: nobody outside sees it, cached or not
    assert "架空市" in _page(client_as(member), "/economy/accounts/")
    for obj in (account, table, analysis):
        services.set_visibility(owner, obj, Visibility.PUBLIC)
    for url in ("/economy/", "/economy/accounts/"):
        assert "架空市" in _page(anonymous, url)  # public: shown at once
    assert "チップボイラーの波及効果" in _page(anonymous, "/economy/")
    assert "87.7%" in _page(anonymous, detail)
    # A new version (the account saved, its industries replaced in bulk) shows at once.
    values = {**demo.ACCOUNT, "distribution": 3200, "area_name": "架空市（改）"}
    services.save_account(
        owner,
        values,
        demo.INDUSTRIES[:1],
        organization=organization,
        account=account,
        visibility=Visibility.PUBLIC,
        is_fictional=True,
    )
    page = _page(anonymous, detail)
    assert "100.0%" in page and "第2版" in page and "架空市（改）" in page
    assert demo.INDUSTRIES[1]["name"] not in page
    assert "架空市（改）" in _page(anonymous, "/economy/accounts/")
    # The owner's name, from the organization.
    organization.name = "架空市役所（改）"
    organization.save(update_fields=["name"])
    assert "架空市役所（改）" in _page(anonymous, detail)
    assert "架空市役所（改）" in _page(anonymous, "/economy/accounts/")
    # Private again: gone from the public lists, 404 for outsiders.
    services.set_visibility(owner, account, Visibility.PRIVATE)
    assert "架空市（改）" not in _page(anonymous, "/economy/accounts/")
    assert anonymous.get(detail).status_code == 404


def test_an_editor_gets_the_forms_around_the_cached_profile(client_as, owner, member, outsider, account):
    """The edit button and the visibility form stay per person, around the cached profile."""
    services.set_visibility(owner, account, Visibility.PUBLIC)
    detail = f"/economy/accounts/{account.public_id}/"
    edit = f"/economy/accounts/{account.public_id}/edit/"
    assert edit in _page(client_as(member), detail)
    page = _page(client_as(outsider), detail)
    assert edit not in page and 'name="visibility"' not in page and "87.7%" in page
