"""Celery tasks of the content app."""

from celery import shared_task
from django.core.management import call_command


@shared_task(ignore_result=True)
def publish_scheduled_task() -> None:
    """Wagtail's own scheduled publishing: pages (and their variants, which travel in
    the page's revision) whose go-live time has come, and pages whose time is up.
    Celery beat runs it every minute; without beat, cron runs the command."""
    call_command("publish_scheduled", verbosity=0)
