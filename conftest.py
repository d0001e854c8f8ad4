import logging

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.tests.factories import CatalogIndexPageFactory, CategoryPageFactory
from home.models import HomePage


@pytest.fixture
def home_page(db):
    return HomePage.objects.get(depth=2)


@pytest.fixture
def catalog_index(home_page):
    return CatalogIndexPageFactory(parent=home_page)


@pytest.fixture
def category(catalog_index):
    return CategoryPageFactory(parent=catalog_index, title="Kitchen", slug="kitchen")


@pytest.fixture(autouse=True)
def empty_cache():
    """Tests share one Redis; each starts with nothing cached."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """What waits for a commit (emails, cache invalidation) runs when the block ends, as
    it would when the transaction commits; tests run inside one that never does."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def count_queries():
    """The SQL queries of one warm rendering of `url` (not served as a shared page)."""

    from core.tests.helpers import forget_shared_page

    def count(client, url) -> int:
        client.get(url)  # makes the renditions and the store settings, which resets the cache
        forget_shared_page(url)
        client.get(url)  # fills the page-chrome cache
        forget_shared_page(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries)

    return count


@pytest.fixture
def security_log(caplog):
    """The records written to the `shop.security` log (it does not propagate to root)."""
    logger = logging.getLogger("shop.security")
    logger.addHandler(caplog.handler)
    yield lambda: [record for record in caplog.records if record.name == "shop.security"]
    logger.removeHandler(caplog.handler)


@pytest.fixture
def migrate_to():
    """Move the test database to the migration `targets`, returning their models;
    afterwards, every app goes back to its latest migration."""
    from django.db.migrations.executor import MigrationExecutor

    def migrate(targets):
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(targets)
        # The state at the targets; an app taken back to none of its migrations has none.
        return executor.loader.project_state([node for node in targets if node[1]]).apps

    yield migrate
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture(scope="session")
def localstripe_server():
    from commerce.tests import stripe_peer

    process, base = stripe_peer.start()
    yield base
    stripe_peer.stop(process)


@pytest.fixture
def stripe_api(settings, localstripe_server):
    """The shop configured for Stripe, talking to localstripe."""
    from commerce.tests import stripe_peer

    settings.STRIPE_SECRET_KEY = stripe_peer.SECRET_KEY
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_localstripe"
    settings.STRIPE_WEBHOOK_SECRET = stripe_peer.WEBHOOK_SECRET
    settings.STRIPE_API_BASE = localstripe_server
    settings.SHOP_PAYMENT_GATEWAYS = [settings.STRIPE_GATEWAY]
    return localstripe_server
