import pytest

from accounts.tests.factories import UserFactory


@pytest.fixture
def shopper(db):
    return UserFactory(email="ada@example.com")
