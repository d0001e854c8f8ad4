"""What staff may do to an order, each with its own permission and the states it
fits: the order page shows the actions a user may take now, and each action's
view checks the same."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from commerce import order_states
from commerce.models import FulfilmentStatus, Order, PaymentStatus


@dataclass(frozen=True)
class OrderAction:
    name: str
    label: str
    permission: str
    fits: Callable[[Order], bool]
    primary: bool = False

    def url(self, order: Order) -> str:
        return reverse("shop_order_action", args=[order.pk, self.name])


def _unshipped_and_paid(order: Order) -> bool:
    return (
        order.payment_status in order_states.REFUNDABLE
        and order.fulfilment_status in order_states.CANCELLABLE_FULFILMENT
    )


ACTIONS = {
    action.name: action
    for action in (
        OrderAction(
            "ship",
            "Mark shipped",
            "commerce.ship_order",
            lambda o: order_states.can_move_fulfilment(o, FulfilmentStatus.SHIPPED),
            primary=True,
        ),
        OrderAction(
            "deliver",
            "Mark delivered",
            "commerce.ship_order",
            lambda o: order_states.can_move_fulfilment(o, FulfilmentStatus.DELIVERED),
        ),
        OrderAction(
            "refund",
            "Refund",
            "commerce.refund_order",
            lambda o: o.payment_status in order_states.REFUNDABLE,
        ),
        # An unpaid order is cancelled and its stock released; a paid one that has
        # not left is refunded whole, every unit back in stock (refunds' own right).
        OrderAction(
            "cancel",
            "Cancel order",
            "commerce.cancel_order",
            lambda o: order_states.can_move_payment(o, PaymentStatus.CANCELLED),
        ),
        OrderAction(
            "cancel_paid",
            "Cancel and refund",
            "commerce.refund_order",
            _unshipped_and_paid,
        ),
        OrderAction("email", "Resend an email", "commerce.email_order", lambda o: True),
        OrderAction("note", "Add a note", "commerce.note_order", lambda o: True),
    )
}


def allowed(user, order: Order, name: str) -> bool:
    action = ACTIONS.get(name)
    if action is None or not user.has_perm(action.permission):
        return False
    if name == "cancel_paid" and not user.has_perm("commerce.cancel_order"):
        return False
    return action.fits(order)


@dataclass(frozen=True)
class ActionLink:
    """An action as the order page offers it: a button to its confirmation page."""

    label: str
    url: str
    primary: bool


def available(user, order: Order) -> list[ActionLink]:
    return [
        ActionLink(action.label, action.url(order), action.primary)
        for name, action in ACTIONS.items()
        if allowed(user, order, name)
    ]
