"""The published OpenAPI document matches the answers: schemathesis on every mounted operation.

Whatever router is mounted under /api/v1/ is covered (the operations are read from the live document). A
bounded number of examples per operation keeps it fast (derandomized: the same cases on every run). Every
check runs (no 500, status codes, bodies and content types as documented, schema-violating input refused),
except "valid input accepted" on the operations listed below, whose rules JSON Schema cannot state.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from junkan.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """The WSGI handler closes "old" database connections at the start and end of every request, as a server
    must; inside a test that closes the test's own transaction on PostgreSQL (SQLite's in-memory database is
    never closed). Django's test client disconnects the same handlers around its requests."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


#: Operations whose valid-looking input may still be refused with 400, and why.
BUSINESS_RULES = {
    # a 団体コード's sixth digit is a check digit; a prefecture number must exist; kinds are a fixed list
    "GET /api/v1/municipalities": "prefecture numbers 1–47 only",
    "GET /api/v1/municipalities/{code}": "check digit",
    # dates must be in order, repayments after the receipt, amounts within what was received
    "POST /api/v1/calc/additional-charge": "dates and amounts in order",
    # the call's type, the amounts and dates must fit the call
    "POST /api/v1/programs/{slug}/estimate": "fits the call",
    "POST /api/v1/programs/{slug}/eligibility": "fits the call",
    "GET /api/v1/programs/{slug}/due-dates": "fits the call",
    # sector lists and matrices must have the same size; amounts within the engine's bounds
    "POST /api/v1/economy/circulation": "amounts within bounds",
    "POST /api/v1/economy/ripple": "matrix sizes agree",
    # municipality codes must exist in the master; prefecture names must be read as prefectures
    "POST /api/v1/matching/rank": "known municipality codes and prefectures",
    # activities must name known fuels and units
    "POST /api/v1/co2/reduction": "known fuels, units and factors",
}


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_matches_its_schema(case: schemathesis.Case) -> None:
    label = f"{case.method.upper()} {case.operation.path}"
    excluded = [positive_data_acceptance] if label in BUSINESS_RULES else []
    case.call_and_validate(excluded_checks=excluded)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "offset=9223372036854775808",  # one past bigint: a 500 on both databases before the bound
        "offset=10000001",
        "offset=-1",
        "limit=0",
        "limit=1001",
        "limit=abc",
    ],
)
def test_paging_beyond_its_bounds_is_a_400_in_the_one_shape(client, query):
    response = client.get(f"/api/v1/municipalities?{query}")
    assert response.status_code == 400
    body = response.json()
    name = query.split("=")[0]
    assert [error["field"] for error in body["errors"]] == [name]
    assert name in body["detail"] and body["detail"].isascii() is False  # Japanese, naming the parameter


@pytest.mark.django_db
def test_the_largest_offset_answers_an_empty_page(client):
    response = client.get("/api/v1/municipalities?offset=10000000&limit=1000")
    assert response.status_code == 200
    assert response.json()["items"] == []


@pytest.mark.django_db
def test_every_operation_documents_400_and_none_422(client):
    document = client.get("/api/v1/openapi.json").json()
    operations = [op for methods in document["paths"].values() for op in methods.values()]
    assert operations
    for operation in operations:
        assert "400" in operation["responses"]
        assert "422" not in operation["responses"]
    assert "422" in document["info"]["description"]  # the decision is written down
