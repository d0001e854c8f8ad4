"""What the buying Locust users (FastHttpUser) share: the checkout form, and posts that
count any answer but a redirect as a failure."""

import re

FINGERPRINT = re.compile(r'name="fingerprint" value="(\w+)"')
ADDRESS = {
    "shipping-full_name": "Bench Buyer",
    "shipping-line1": "1 Load Street",
    "shipping-city": "Bristol",
    "shipping-postcode": "BS1 4DJ",
    "shipping-country": "GB",
}


def checkout_details(shipping_method: int) -> dict:
    return {
        "email": "bench@example.com",
        "billing_same": "on",
        "shipping_method": shipping_method,
        **ADDRESS,
    }


def csrf_token(client) -> str:
    return next((cookie.value for cookie in client.cookiejar if cookie.name == "csrftoken"), "")


def post_form(client, path, data, name, *, headers=None, to="") -> str | None:
    """POST `data` with the CSRF cookie's token; the redirect's target, if it is one
    (containing `to`)."""
    with client.post(
        path,
        data={**data, "csrfmiddlewaretoken": csrf_token(client)},
        headers=headers,
        name=name,
        allow_redirects=False,
        catch_response=True,
    ) as response:
        location = response.headers.get("Location", "")
        if response.status_code != 302 or to not in location:
            response.failure(f"{response.status_code} {location}")
            return None
        return location


def place_order(client) -> str | None:
    """Review the checkout and place the order: the order's payment page, or None."""
    review = client.get("/checkout/review/", name="review")
    reviewed = FINGERPRINT.search(review.text)
    fingerprint = {"fingerprint": reviewed[1] if reviewed else ""}
    return post_form(client, "/checkout/review/", fingerprint, "place order", to="/pay/")
