"""Business rules for stock, carts, checkout, orders and invoices, one module each."""
