"""Whether a measure is closed: the Python rule and the database annotation agree, ordering is open-first."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from junkan.support.models import Ministry, SupportMeasure, is_closed

TODAY = date(2026, 6, 1)
offsets = st.one_of(st.none(), st.integers(-400, 400))


def test_is_closed_rules():
    assert is_closed(TODAY - timedelta(days=1), None, TODAY)
    assert not is_closed(TODAY, None, TODAY)  # the deadline day itself is still open
    assert not is_closed(None, None, TODAY)  # no deadline, no end: always open
    assert is_closed(None, TODAY - timedelta(days=1), TODAY)
    assert not is_closed(TODAY + timedelta(days=1), TODAY - timedelta(days=10), TODAY)  # the deadline decides


class TestAnnotationMatchesRule(HypothesisTestCase):
    @settings(max_examples=30, deadline=None)
    @given(st.lists(st.tuples(offsets, offsets), min_size=1, max_size=8))
    def test_with_state_agrees_with_is_closed_and_orders_open_first(self, rows):
        ministry = Ministry.objects.first()
        SupportMeasure.objects.all().delete()
        for i, (deadline, end) in enumerate(rows):
            SupportMeasure.objects.create(
                title=f"施策{i}",
                ministry=ministry,
                summary="s",
                eligible_applicants="e",
                deadline=None if deadline is None else TODAY + timedelta(days=deadline),
                period_end=None if end is None else TODAY + timedelta(days=end),
            )
        listed = list(SupportMeasure.objects.with_state(TODAY))
        for measure in listed:
            assert bool(measure.closed) is measure.is_closed(TODAY)
        states = [measure.closed for measure in listed]
        assert states == sorted(states)  # every open one before every closed one
        open_deadlines = [m.deadline for m in listed if not m.closed and m.deadline is not None]
        assert open_deadlines == sorted(open_deadlines)
        closed_deadlines = [m.deadline for m in listed if m.closed and m.deadline is not None]
        assert closed_deadlines == sorted(closed_deadlines, reverse=True)


@pytest.mark.django_db
def test_vocabularies_are_shipped():
    from junkan.support.models import SupportField

    assert SupportField.objects.filter(name="情報技術（AI・IoT等）").exists()
    assert Ministry.objects.filter(name="農林水産省").exists()
    assert Ministry.objects.count() >= 20
