"""PostgreSQL restarted under a running web server: every connection the server kept
is cut, and its next requests still succeed (CONN_HEALTH_CHECKS)."""

import os
import sys
from pathlib import Path
from urllib.request import urlopen

import pytest
from django.db import connection

from core.tests.helpers import database_url, free_port, start_server, stop_server

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
ROOT = Path(__file__).resolve().parents[2]
SERVER_NAME = "shop-web-under-test"


@pytest.fixture
def web_server():
    """gunicorn with one worker that keeps its database connection between requests."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url(application_name=SERVER_NAME),
        "CONN_MAX_AGE": "600",
    }
    command = [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", "1"]
    command += ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"]
    process = start_server(command, port, name="gunicorn", cwd=ROOT, env=env)
    yield f"http://127.0.0.1:{port}"
    stop_server(process)


def cut_the_servers_connections() -> int:
    """What a restart does to a client: its connections end under it."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE application_name = %s",
            [SERVER_NAME],
        )
        return cursor.fetchone()[0]


def status_of(url: str) -> int:
    try:
        # The test's own server, over http.
        with urlopen(url, timeout=30) as response:  # noqa: S310  # nosec B310
            return response.status
    except OSError as error:
        return getattr(error, "code", 0)


def test_requests_after_a_database_restart_succeed(home_page, web_server):
    probe = f"{web_server}/sitemap.xml"  # read from the database on every request
    assert status_of(probe) == 200

    assert cut_the_servers_connections() == 1

    assert [status_of(probe) for _ in range(3)] == [200, 200, 200]
