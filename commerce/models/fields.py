"""Field arguments shared by the commerce models."""

# Money in the store's currency: Decimal, two places.
MONEY = {"max_digits": 10, "decimal_places": 2}
