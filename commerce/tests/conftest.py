import pytest

from catalog.tests.factories import make_product
from commerce.models import StockRecord
from commerce.tests.factories import (
    GUEST_ADDRESS,
    STORE_RULES,
    OrderFactory,
    ShippingMethodFactory,
    VoucherFactory,
)


@pytest.fixture
def variant_with_stock(category):
    """A variant of a new live product holding `stock` units at `price`."""

    def make(stock=10, price="20.00", title="Linen apron"):
        product = make_product(parent=category, stock=stock, price=price, images=0, title=title)
        return product.variants.get()

    return make


@pytest.fixture
def variant(variant_with_stock):
    return variant_with_stock()


@pytest.fixture
def standard_shipping(db):
    return ShippingMethodFactory()


@pytest.fixture
def voucher(db):
    return VoucherFactory()


@pytest.fixture
def rules():
    return STORE_RULES


def stock_of(variant) -> tuple[int, int]:
    record = StockRecord.objects.get(variant=variant)
    return record.num_on_hand, record.num_reserved


def checkout_post(shipping_method, **extra) -> dict:
    data = {f"shipping-{name}": value for name, value in GUEST_ADDRESS.items()}
    return {
        "email": "guest@example.com",
        "billing_same": "on",
        "shipping_method": shipping_method.pk,
        **data,
        **extra,
    }


@pytest.fixture
def place(standard_shipping, rules):
    """Place an order for `quantity` of `variant` straight through the service."""

    def place_for(variant, quantity=1, *more, email=None, voucher_code=""):
        return OrderFactory(
            lines=[(variant, quantity), *more],
            email=email,
            voucher_code=voucher_code,
            shipping=standard_shipping,
            rules=rules,
        )

    return place_for
