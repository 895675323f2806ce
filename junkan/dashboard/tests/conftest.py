"""The applications' fixtures (an open call, a draft, a complete application) for the start page's tests."""

from junkan.applications.tests.conftest import complete, draft, open_call  # noqa: F401
