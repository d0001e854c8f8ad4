"""The Redis cache, and what the shop does while Redis cannot be reached: it goes on
answering. A cache that fails hands each operation to a stand-in instead (a
per-process memory for the default cache, so shared pages and rate limits keep
working in each process; nothing for sessions, which are then read from the
database), and says so in the log once a minute, not on every request. After a
failure Redis is left alone for a few seconds, so a server that does not answer at
all costs a request one timeout, not one per cache call."""

import logging
import time

from django.core.cache.backends.base import BaseCache
from django.utils.module_loading import import_string
from django_redis.cache import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
LOG_EVERY_SECONDS = 60
RETRY_AFTER_SECONDS = 5
# By server, for every thread of the process.
_last_logged: dict[str, float] = {}
_left_alone_until: dict[str, float] = {}
STANDING_IN = (
    "get",
    "set",
    "add",
    "delete",
    "get_many",
    "set_many",
    "delete_many",
    "incr",
    "decr",
    "touch",
    "has_key",
)


class RedisCacheWithStandIn(RedisCache):
    """django-redis's cache; OPTIONS["STAND_IN"] names the cache backend that answers
    in its place while Redis is unreachable."""

    def __init__(self, server: str, params: dict) -> None:
        options = dict(params.get("OPTIONS", {}))
        stand_in = import_string(options.pop("STAND_IN"))
        super().__init__(server, {**params, "OPTIONS": options})
        # A per-process memory of one name is shared by the threads' cache objects.
        self.stand_in: BaseCache = stand_in(f"stand-in-for-{server}", {})

    def _answering(self) -> BaseCache | None:
        """The stand-in while Redis is being left alone, else None."""
        if time.monotonic() < _left_alone_until.get(self._server, 0):
            return self.stand_in
        return None

    def _unreachable(self, error: Exception) -> BaseCache:
        now = time.monotonic()
        _left_alone_until[self._server] = now + RETRY_AFTER_SECONDS
        last = _last_logged.get(self._server)
        if last is None or now - last >= LOG_EVERY_SECONDS:
            _last_logged[self._server] = now
            logger.error(
                "The cache at %s cannot be reached (%s); the shop answers without it "
                "and says so again in a minute if it still cannot.",
                self._server,
                error,
            )
        return self.stand_in


def _standing_in(name: str):
    redis_method = getattr(RedisCache, name)

    def method(self, *args, **kwargs):
        if (stand_in := self._answering()) is not None:
            return getattr(stand_in, name)(*args, **kwargs)
        try:
            return redis_method(self, *args, **kwargs)
        except UNREACHABLE as error:
            return getattr(self._unreachable(error), name)(*args, **kwargs)

    method.__name__ = name
    return method


for _name in STANDING_IN:
    setattr(RedisCacheWithStandIn, _name, _standing_in(_name))
