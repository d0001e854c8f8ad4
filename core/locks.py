"""The row locks the core takes, here alone as each app keeps its own (commerce/locks.py).

An outbox row is locked while its task is sent to the broker, so that the relay and
the sending after commit never both send it. The lock is that row's alone: it holds up
no order, and no other lock is taken while it is held."""

from core.models import OutboxMessage


def outbox_message(message_id: int) -> OutboxMessage | None:
    """The row, locked; None if it is gone (sent) or another sender holds it."""
    return OutboxMessage.objects.select_for_update(skip_locked=True).filter(pk=message_id).first()
