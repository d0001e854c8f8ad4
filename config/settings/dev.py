from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["*"])

# The printed admin sign-in works without two-factor set-up on a development machine.
STAFF_REQUIRE_2FA = env.bool("STAFF_REQUIRE_2FA", default=False)
