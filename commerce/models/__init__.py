from commerce.models.cart import Cart, CartLine
from commerce.models.checkout import PlacementKey, ShippingMethod, Voucher, VoucherUse
from commerce.models.emails import SentEmail
from commerce.models.invoices import Invoice, NumberSequence
from commerce.models.orders import (
    FulfilmentStatus,
    Order,
    OrderEvent,
    OrderItem,
    PaymentStatus,
)
from commerce.models.payments import Payment, Refund, RefundLine, WebhookEvent
from commerce.models.stock import StockMovement, StockRecord

__all__ = [
    "Cart",
    "CartLine",
    "PlacementKey",
    "FulfilmentStatus",
    "Invoice",
    "NumberSequence",
    "Order",
    "OrderEvent",
    "OrderItem",
    "Payment",
    "PaymentStatus",
    "Refund",
    "RefundLine",
    "SentEmail",
    "ShippingMethod",
    "StockMovement",
    "StockRecord",
    "Voucher",
    "VoucherUse",
    "WebhookEvent",
]
