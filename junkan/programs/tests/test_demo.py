"""The demo adds one fictional open call, once."""

from __future__ import annotations

import pytest

from junkan.programs import demo
from junkan.programs.models import Program, ProgramStatus

pytestmark = pytest.mark.django_db


def test_demo_call_is_open_marked_fictional_and_loaded_once():
    messages: list[str] = []
    demo.load(messages.append)
    program = Program.objects.get(slug=demo.DEMO_SLUG)
    assert program.status() == ProgramStatus.OPEN
    assert program.name.startswith("【デモ】") and "架空" in program.name
    assert "example.jp" in program.contact
    assert program.project_types.count() == 3
    first = (program.opens_at, program.closes_at, Program.objects.count())
    demo.load(messages.append)
    program.refresh_from_db()
    assert (program.opens_at, program.closes_at, Program.objects.count()) == first
    assert messages[-1] == "programs: the demo call exists already"
