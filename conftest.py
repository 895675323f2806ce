"""Fixtures shared by every test: the people every view is tested as.

For any object there is an owner, a member, an outsider and an anonymous visitor; staff
(secretariat) and reviewers come with a TOTP device, as the platform requires.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

# Property tests check results, not speed: on a loaded 2-core CI machine a pure engine can take longer than
# Hypothesis' 200 ms deadline or trip its "too slow" health check without anything being wrong.
hypothesis_settings.register_profile("junkan", deadline=None, suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.load_profile("junkan")

PASSWORD = "correct-horse-battery-staple"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def totp_code(secret: str = TOTP_SECRET) -> str:
    """The code an authenticator app shows right now for ``secret``."""
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def pytest_configure(config: pytest.Config) -> None:
    """Tests run tasks immediately and serve static files without a collectstatic manifest."""
    from django.conf import settings

    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "mail"],
        }
    }
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = True
    # Password hashing is deliberately slow; tests don't need that strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


IMMEDIATE_TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default", "mail"]}
}


@pytest.fixture(autouse=True)
def _immediate_tasks(settings) -> None:
    """Tasks run at once in every test. Set through the settings fixture as well, which resets django-tasks'
    cached backends: a module that imports a task while Django starts (admin autodiscovery) would otherwise
    keep the database backend of settings.py. Tests of the real worker override this."""
    settings.TASKS = IMMEDIATE_TASKS


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Each test starts with an empty cache: cached pages and results never leak from one test into the
    next (primary keys repeat after a rollback)."""
    from django.core.cache import cache

    cache.clear()


def _is_transactional(request: pytest.FixtureRequest) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
        or (marker is not None and marker.kwargs.get("transaction"))
    )


@pytest.fixture(autouse=True)
def _reference_data_after_flush(request: pytest.FixtureRequest) -> None:
    """Transactional tests flush every table afterwards, including the municipality master that a migration
    ships; put it back before each transactional test (other tests see it through their rolled-back
    transaction)."""
    if not _is_transactional(request):
        return
    request.getfixturevalue("transactional_db")
    import importlib

    from django.apps import apps
    from django.db import connection

    migration = importlib.import_module("junkan.municipalities.migrations.0002_load_official_codes")
    with connection.schema_editor() as schema_editor:
        migration.load(apps, schema_editor)


@pytest.fixture
def make_user(db) -> Callable[..., object]:
    """Create a person with a verified e-mail address."""
    from allauth.account.models import EmailAddress

    from junkan.accounts.models import User

    def make(email: str, full_name: str = "テスト 利用者", **extra: object) -> User:
        user = User.objects.create_user(email=email, password=PASSWORD, full_name=full_name, **extra)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        return user

    return make


@pytest.fixture
def with_totp() -> Callable[[object], object]:
    """Give a person a TOTP device (needed by staff and reviewers to get past 2FA setup)."""
    from allauth.mfa.totp.internal.auth import TOTP

    def activate(user: object) -> object:
        TOTP.activate(user, TOTP_SECRET)
        return user

    return activate


@pytest.fixture
def make_staff(make_user, with_totp) -> Callable[..., object]:
    from junkan.accounts.models import Role
    from junkan.accounts.services import grant_role

    def make(email: str = "staff@example.jp", role: Role = Role.SECRETARIAT, totp: bool = True) -> object:
        user = make_user(email, full_name="事務局 職員")
        grant_role(None, user, role)
        if totp:
            with_totp(user)
        return user

    return make


@pytest.fixture
def owner(make_user):
    return make_user("owner@example.jp", full_name="管理 太郎")


@pytest.fixture
def member(make_user):
    return make_user("member@example.jp", full_name="所属 花子")


@pytest.fixture
def outsider(make_user):
    return make_user("outsider@example.jp", full_name="部外 次郎")


@pytest.fixture
def staff(make_staff):
    return make_staff()


@pytest.fixture
def organization(owner, member):
    """長野県飯田市 with an owner and a member."""
    from junkan.municipalities.models import Municipality
    from junkan.organizations.models import Membership, MembershipRole, Organization

    org = Organization.objects.create(
        kind="municipality", name="長野県飯田市", municipality=Municipality.objects.get(code="202053")
    )
    Membership.objects.create(organization=org, user=owner, role=MembershipRole.OWNER)
    Membership.objects.create(organization=org, user=member, role=MembershipRole.MEMBER)
    return org


@pytest.fixture
def client_as(db) -> Callable[[object | None], Client]:
    """A test client logged in as the given person (None: anonymous)."""

    def make(user: object | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return make
