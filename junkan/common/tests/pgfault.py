"""A real database fault for the upload tests: the request's own PostgreSQL backend is terminated
(``pg_terminate_backend`` from a second connection) right after a chosen step of the upload has run.

Only on PostgreSQL (``DATABASE_URL=postgres://…``): SQLite has no server process to kill. The tests that use
it are transactional, so the request's transaction is a real one that dies with its backend.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

ON_POSTGRESQL = connection.vendor == "postgresql"
requires_postgresql = pytest.mark.skipif(
    not ON_POSTGRESQL,
    reason="kills the request's PostgreSQL backend with pg_terminate_backend; SQLite has no server process "
    "(run with DATABASE_URL=postgres://…). The simulated fault tests cover SQLite.",
)


def terminate(pid: int) -> None:
    """End backend ``pid`` from a second connection and wait (up to 5 s) until it is gone."""
    import psycopg

    settings = connection.settings_dict
    with psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"] or None,
        password=settings["PASSWORD"] or None,
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        autocommit=True,
    ) as other:
        row = other.execute("SELECT pg_terminate_backend(%s, 5000)", [pid]).fetchone()
    assert row and row[0], f"backend {pid} was not terminated"


def killing_after(original: Callable[..., Any], killed: list[int]) -> Callable[..., Any]:
    """``original`` as usual, then the backend of the connection it used terminated (pid in ``killed``)."""

    def step(*args: Any, **kwargs: Any) -> Any:
        result = original(*args, **kwargs)
        if not killed:  # once: the next request (the retry) runs undisturbed
            connection.ensure_connection()
            pid = connection.connection.info.backend_pid
            terminate(pid)
            killed.append(pid)
        return result

    return step


def reconnect() -> None:
    """Drop the dead connection; the next query opens a new one."""
    connection.close()
