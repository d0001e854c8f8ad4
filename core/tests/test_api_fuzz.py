"""Schemathesis against the served schema, over HTTP to a live server: generated requests, bodies
included, to the catalog, cart and checkout endpoints never get a 5xx, and every
documented answer matches the schema. Bounded to a few examples per operation."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle, UserRateThrottle
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from catalog.tests.factories import make_product
from commerce.tests.factories import ShippingMethodFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
EXAMPLES = 25


@pytest.fixture
def served_schema(category, live_server, monkeypatch):
    # Thousands of calls in a minute: the limits are tested on their own.
    for throttle in (AnonRateThrottle, UserRateThrottle, ScopedRateThrottle):
        unlimited = dict.fromkeys(throttle.THROTTLE_RATES, "100000/min")
        monkeypatch.setattr(throttle, "THROTTLE_RATES", unlimited)
    make_product(parent=category, title="Blue mug", stock=5)
    ShippingMethodFactory()
    return schemathesis.openapi.from_url(f"{live_server.url}/api/schema/")


schema = schemathesis.pytest.from_fixture("served_schema").include(
    tag_regex="^(catalog|cart|checkout)$"
)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_generated_requests_get_no_server_error_and_match_the_schema(case):
    case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])
