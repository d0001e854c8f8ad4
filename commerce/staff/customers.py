"""Customers in the Shop menu: the list with what each has ordered and spent, a page
with their orders and addresses, and what staff may do to an account: send a new
verification link, close it or open it again. Each action asks before it acts."""

from allauth.account.models import EmailAddress
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods
from wagtail_modeladmin.views import IndexView, InspectView

from accounts import selectors as account_selectors
from accounts import services as account_services
from accounts.models import User
from commerce.selectors import customers
from commerce.staff.base import (
    OpenButtonHelper,
    ReadOnlyPermissionHelper,
    ShopModelAdmin,
    staff_time,
)
from core import selectors as core_selectors
from core.money import format_money

CUSTOMER_PAGE = "accounts_user_modeladmin_inspect"
ACTIONS = {
    "verify": "Send a new verification link",
    "deactivate": "Deactivate the account",
    "reactivate": "Reactivate the account",
}


class CustomerButtonHelper(OpenButtonHelper):
    open_title = "Open the customer's page"


class CustomerList(IndexView):
    page_title = "Customers"  # shoppers' accounts, not the admin's users


class CustomerPage(InspectView):
    def get_page_title(self):
        return self.instance.get_full_name() or self.instance.email

    def get_page_subtitle(self):
        return ""

    def get_context_data(self, **kwargs):
        customer = customers.customers().get(pk=self.instance.pk)
        return {
            **super().get_context_data(**kwargs),
            "customer": customer,
            "spent": _money(customer.spent),
            "orders": customers.orders_of_customer(customer),
            "addresses": account_selectors.addresses_of(customer),
            "emails": EmailAddress.objects.filter(user=customer),
            "actions": _available_actions(self.request.user, customer),
        }


def _money(amount) -> str:
    return format_money(amount, core_selectors.default_store_settings().currency)


def _available_actions(staff, customer) -> list[tuple[str, str]]:
    if not staff.has_perm("accounts.change_user"):
        return []
    verified = EmailAddress.objects.filter(user=customer, verified=True).exists()
    names = [] if verified or not customer.is_active else ["verify"]
    names.append("deactivate" if customer.is_active else "reactivate")
    return [(reverse("shop_customer_action", args=[customer.pk, n]), ACTIONS[n]) for n in names]


class CustomerAdmin(ShopModelAdmin):
    model = User
    menu_label = "Customers"
    menu_icon = "group"
    menu_order = 295
    list_display = ("email", "name", "orders_count", "spent_display", "last_order_at", "account")
    list_filter = ("is_active",)
    search_fields = ("email", "first_name", "last_name")
    ordering = ("-date_joined",)
    index_view_class = CustomerList
    inspect_view_enabled = True
    inspect_view_class = CustomerPage
    inspect_template_name = "commerce/admin/customer_page.html"
    permission_helper_class = ReadOnlyPermissionHelper
    button_helper_class = CustomerButtonHelper

    def get_queryset(self, request):
        return customers.customers()

    def name(self, user):
        return user.get_full_name()

    def orders_count(self, user):
        return user.orders_count

    def spent_display(self, user):
        return _money(user.spent)

    def last_order_at(self, user):
        return staff_time(user.last_order_at) if user.last_order_at else None

    def account(self, user):
        return "Active" if user.is_active else "Deactivated"

    orders_count.short_description = "paid orders"
    orders_count.admin_order_field = "orders_count"
    spent_display.short_description = "total spent"
    spent_display.admin_order_field = "spent"
    last_order_at.short_description = "last order"
    last_order_at.admin_order_field = "last_order_at"
    account.admin_order_field = "is_active"


@staff_member_required
@require_http_methods(["GET", "POST"])
def customer_action(request, user_id: int, name: str):
    if name not in ACTIONS:
        raise Http404
    customer = customers.customers().filter(pk=user_id).first()
    if customer is None:
        raise Http404
    if (reverse("shop_customer_action", args=[user_id, name]), ACTIONS[name]) not in (
        _available_actions(request.user, customer)
    ):
        raise PermissionDenied
    page = reverse(CUSTOMER_PAGE, args=[customer.pk])
    if request.method == "POST":
        messages.success(request, _act(request, customer, name))
        return redirect(page)
    return render(
        request,
        "commerce/admin/customer_action.html",
        {"customer": customer, "label": ACTIONS[name], "page": page},
    )


def _act(request, customer: User, name: str) -> str:
    if name == "verify":
        account_services.resend_verification(customer, request=request)
        return f"A new verification link is on its way to {customer.email}."
    account_services.set_active(customer, active=name == "reactivate")
    if name == "deactivate":
        return f"{customer.email} can no longer sign in."
    return f"{customer.email} can sign in again."
