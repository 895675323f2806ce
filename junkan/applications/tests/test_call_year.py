"""The budget excerpt is named by the call's own fiscal year (issue 13: a 令和8年度 call asked for the
「平成31年度歳入歳出予算書」, fixed text in the forms)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from junkan.applications import checklist

pytestmark = pytest.mark.django_db


def test_a_later_call_asks_for_its_own_years_budget(draft, owner, client_as):
    from junkan.programs.models import Program

    Program.objects.filter(pk=draft.program_id).update(fiscal_year=2026)
    draft.program.refresh_from_db()
    budget = next(s for s in checklist.sections_of(draft) if s.kind == "budget")
    assert budget.title == "令和8年度歳入歳出予算書（見込書）抜粋"
    page = client_as(owner).get(reverse("applications:detail", args=[draft.public_id])).content.decode()
    assert "令和8年度歳入歳出予算書" in page
    assert "平成31年度歳入歳出予算書" not in page
