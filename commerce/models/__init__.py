from commerce.models.cart import Cart, CartLine
from commerce.models.checkout import ShippingMethod, Voucher
from commerce.models.invoices import Invoice, NumberSequence
from commerce.models.orders import Order, OrderEvent, OrderItem, OrderStatus
from commerce.models.payments import Payment, Refund, WebhookEvent
from commerce.models.stock import StockRecord

__all__ = [
    "Cart",
    "CartLine",
    "Invoice",
    "NumberSequence",
    "Order",
    "OrderEvent",
    "OrderItem",
    "OrderStatus",
    "Payment",
    "Refund",
    "ShippingMethod",
    "StockRecord",
    "Voucher",
    "WebhookEvent",
]
