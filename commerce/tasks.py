"""Celery tasks: thin wrappers around the services, each named after its service and
safe to run twice."""

from celery import shared_task

from commerce import emails
from commerce.models import Order
from commerce.services import orders as order_services


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_order_email_task(self, order_id: int, kind: str) -> None:
    order = Order.objects.select_related("invoice").filter(pk=order_id).first()
    if order is None:
        return
    try:
        emails.send_order_email(order, kind=kind)
    except emails.EmailBeingSent as elsewhere:
        # Delivered again after its worker died mid-send: come back when that claim runs
        # out. (Run eagerly, in one process, there is no other sender to wait for.)
        if not self.request.is_eager:
            raise self.retry(eta=elsewhere.until, max_retries=None) from elsewhere


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def resend_order_email_task(order_id: int, kind: str) -> None:
    order = Order.objects.select_related("invoice").filter(pk=order_id).first()
    if order is not None:
        emails.resend_order_email(order, kind=kind)


@shared_task
def release_expired_reservations_task() -> int:
    return order_services.release_expired_reservations()
