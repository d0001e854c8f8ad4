import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "a-long-random-production-secret-" + "x" * 40,
    "ALLOWED_HOSTS": "shop.example.com",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
    "REDIS_URL": "redis://127.0.0.1:6379/9",
    "STRIPE_SECRET_KEY": "sk_test_production_like",
    "STRIPE_PUBLISHABLE_KEY": "pk_test_production_like",
    "STRIPE_WEBHOOK_SECRET": "whsec_production_like",
}
# What the environment of the test run sets that would change the production settings.
UNSET = {"STAFF_REQUIRE_2FA", "SHOP_ALLOW_DEMO_PAYMENTS", "SHOP_ALLOW_LOCAL_CACHE"}


def run_python(*args, settings_env):
    env = {k: v for k, v in os.environ.items() if k not in UNSET}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**env, **settings_env},
        capture_output=True,
        text=True,
        check=False,
    )


def run_manage(*args, settings_env):
    return run_python("manage.py", *args, settings_env=settings_env)


def start_web_process(settings_env):
    """What gunicorn does first: import the WSGI application."""
    return run_python("-c", "import config.wsgi", settings_env=settings_env)


def test_production_starts_with_stripe_and_redis():
    result = start_web_process(PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr


WITHOUT_STRIPE = {k: v for k, v in PRODUCTION_ENV.items() if not k.startswith("STRIPE_")}
WITHOUT_REDIS = {k: v for k, v in PRODUCTION_ENV.items() if k != "REDIS_URL"}
WITHOUT_WEBHOOK_SECRET = {k: v for k, v in PRODUCTION_ENV.items() if k != "STRIPE_WEBHOOK_SECRET"}


@pytest.mark.parametrize(
    "unsafe, reason, on_purpose",
    [
        (WITHOUT_STRIPE, "marks orders paid without taking any money", "SHOP_ALLOW_DEMO_PAYMENTS"),
        (WITHOUT_REDIS, "The cache lives in each process", "SHOP_ALLOW_LOCAL_CACHE"),
        (WITHOUT_WEBHOOK_SECRET, "Stripe needs STRIPE_WEBHOOK_SECRET", None),
    ],
)
def test_production_refuses_to_start_on_unsafe_fallbacks(unsafe, reason, on_purpose):
    for refused in (
        start_web_process(unsafe),
        run_manage("migrate", "--check", settings_env=unsafe),
    ):
        assert refused.returncode != 0
        assert reason in refused.stderr

    if on_purpose:
        started = start_web_process({**unsafe, on_purpose: "true"})
        assert started.returncode == 0, started.stderr


def test_an_unknown_gateway_is_an_error_not_the_demo_gateway():
    result = start_web_process(
        {**PRODUCTION_ENV, "SHOP_PAYMENT_GATEWAYS": "commerce.payments.stripe_gateway.Stripe"}
    )
    assert result.returncode != 0
    assert "cannot be imported" in result.stderr


def test_production_settings_pass_the_deploy_checks():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", settings_env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize(
    "settings_env, required",
    [(PRODUCTION_ENV, "True"), ({"DJANGO_SETTINGS_MODULE": "config.settings.dev"}, "False")],
)
def test_staff_need_two_factor_in_production_but_not_in_development(settings_env, required):
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.STAFF_REQUIRE_2FA)",
        settings_env=settings_env,
    )
    assert result.stdout.strip() == required, result.stderr


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_celery_workers_refuse_unsafe_settings_too():
    refused = run_python(
        "-m", "celery", "-A", "config", "worker", "--loglevel=warning", settings_env=WITHOUT_STRIPE
    )
    assert refused.returncode == 1
    assert "marks orders paid without taking any money" in refused.stderr


def compose(*args) -> subprocess.CompletedProcess:
    """docker-compose with the example environment (it needs no Docker engine to check
    the file); `make test` installs it."""
    docker_compose = shutil.which("docker-compose")
    assert docker_compose, "docker-compose is missing: `make test` installs it"
    return subprocess.run(
        [docker_compose, "--env-file", ".env.example", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_compose_file_is_valid_with_the_example_environment():
    checked = compose("config", "--quiet")
    assert checked.returncode == 0, checked.stderr
    assert sorted(compose("config", "--services").stdout.split()) == [
        "beat",
        "elasticsearch",
        "nginx",
        "postgres",
        "redis",
        "web",
        "worker",
    ]
