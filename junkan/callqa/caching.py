"""The call Q&A's cache scope: the published answers (on a call's page and at /calls/qa/<call>/) are
rendered once per change of what they show.

Every save or delete of a question, a call or a project type (the label shown with an answer) bumps
``SCOPE``; code that changes questions with ``QuerySet.update`` calls ``invalidate()``.
"""

from __future__ import annotations

from junkan.common import cache

SCOPE = "callqa"


def invalidate() -> None:
    cache.bump(SCOPE)


def connect() -> None:
    from junkan.callqa.models import Question
    from junkan.programs.models import Program, ProjectType

    cache.bump_on_change(SCOPE, Question, Program, ProjectType)
