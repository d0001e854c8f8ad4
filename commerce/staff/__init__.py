"""The merchant's side of the shop in the Wagtail admin: orders and their actions,
stock, the webhook inbox, the dashboard and the reports. Each module holds views
only; what they change goes through the services."""
