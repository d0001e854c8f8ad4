import logging

import pytest

from accounts.tests.factories import UserFactory


@pytest.fixture
def security_log(caplog):
    """The records written to the `shop.security` log (it does not propagate to root)."""
    logger = logging.getLogger("shop.security")
    logger.addHandler(caplog.handler)
    yield lambda: [record for record in caplog.records if record.name == "shop.security"]
    logger.removeHandler(caplog.handler)


@pytest.fixture
def shopper(db):
    return UserFactory(email="ada@example.com")
