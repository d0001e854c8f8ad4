from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from accounts.staff import needs_two_factor_setup


class StaffTwoFactorMiddleware:
    """Sends staff without two-factor sign-in to set it up before the admin opens.

    Only the admin is fenced off: staff can still reach the storefront and the
    account pages where two-factor is set up.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        if self.admin_prefix is None:
            self.admin_prefix = reverse("wagtailadmin_home")
        if request.path.startswith(self.admin_prefix) and needs_two_factor_setup(request.user):
            messages.warning(
                request, "Set up two-factor sign-in to open the admin. It takes a minute."
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
