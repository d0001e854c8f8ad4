import contextlib
import socket
import subprocess
import time

from django.db import connection
from django.test import RequestFactory

from config.celery import app
from core import shared_pages


def forget_shared_page(url: str) -> None:
    """Drop the whole page kept for `url`, so that the next request renders it."""
    shared_pages.forget(shared_pages.key_for(RequestFactory().get(url)))


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (until a test starts something there)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(command: list[str], port: int, *, name: str, **popen) -> subprocess.Popen:
    """Start `command`, a server for a test, and wait until it listens on `port`."""
    process = subprocess.Popen(command, **popen)  # noqa: S603 - the tests' own commands
    wait_for_port(port, process=process, name=name)
    return process


def wait_for_port(port: int, *, process=None, name: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    if process is not None:
        process.terminate()
    raise RuntimeError(f"{name} did not start on port {port}")


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# No snapshots, no append-only file: Redis needs a directory, and writes nothing to it.
NOTHING_WRITTEN_HERE = "/tmp"  # noqa: S108  # nosec B108


def start_redis(port: int) -> subprocess.Popen:
    """A Redis server of the test's own, nothing kept on disk."""
    command = ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", ""]
    command += ["--appendonly", "no", "--dir", NOTHING_WRITTEN_HERE]
    return start_server(command, port, name="redis-server", stdout=subprocess.DEVNULL)


@contextlib.contextmanager
def broker_at(url: str):
    """Celery sends to `url` (not eagerly) for the block."""
    saved = app.conf.broker_url, app.conf.task_always_eager
    app.conf.broker_url, app.conf.task_always_eager = url, False
    _forget_connections()
    try:
        yield
    finally:
        app.conf.broker_url, app.conf.task_always_eager = saved
        _forget_connections()


def _forget_connections() -> None:
    # Celery keeps its connection and producer pools for the URL it first used.
    app._pool = None
    app.amqp._producer_pool = None


def wait_for(predicate, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while not predicate() and time.monotonic() < deadline:
        time.sleep(0.1)
    return predicate()


def database_url(**query: str) -> str:
    """The tests' database, for a server or worker a test starts in a process of its own."""
    database = connection.settings_dict
    url = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")
