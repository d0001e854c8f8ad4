from django.urls import path

from commerce.views import cart, checkout, orders, payments, session

urlpatterns = [
    path("session/", session.session_state, name="session"),
    path("cart/", cart.cart_page, name="cart"),
    path("cart/add/", cart.add, name="cart_add"),
    path("cart/lines/<int:line_id>/", cart.update_line, name="cart_update_line"),
    path("cart/lines/<int:line_id>/remove/", cart.remove_line, name="cart_remove_line"),
    path("checkout/", checkout.checkout, name="checkout"),
    path("checkout/review/", checkout.review, name="checkout_review"),
    path("checkout/summary/", checkout.summary, name="checkout_summary"),
    path("orders/find/", orders.lookup, name="order_lookup"),
    path("orders/<str:token>/", orders.order_by_token, name="order_detail_by_token"),
    path("orders/<str:token>/invoice.pdf", orders.invoice_by_token, name="order_invoice_by_token"),
    path("orders/<str:token>/pay/", payments.pay_page, name="order_pay"),
    path("orders/<str:token>/pay/return/", payments.pay_return, name="order_pay_return"),
    path(
        "orders/<str:token>/credit-notes/<int:refund_id>.pdf",
        orders.credit_note_by_token,
        name="order_credit_note_by_token",
    ),
    path("payments/<slug:gateway>/webhook/", payments.gateway_webhook, name="gateway_webhook"),
]

account_urlpatterns = [
    path("", orders.account_orders, name="account_orders"),
    path("<str:number>/", orders.account_order, name="account_order"),
    path("<str:number>/invoice.pdf", orders.account_invoice, name="account_order_invoice"),
]
