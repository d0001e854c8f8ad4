"""What the checkout views keep in the shopper's session between steps: the details
chosen, the key of the order the review will place, and the reviews lately shown."""

import uuid
from dataclasses import asdict

from commerce.services.checkout import CheckoutDetails, Review

DETAILS_KEY = "checkout_details"
# A new key each time the review step is shown: posting it twice finds the order it made.
CHECKOUT_KEY = "checkout_key"
# The reviews recently shown, by fingerprint, to tell a shopper what changed since.
REVIEWS_KEY = "checkout_reviews"
CHANGES_KEY = "checkout_changes"
REVIEWS_KEPT = 3


class CheckoutSession:
    def __init__(self, session):
        self.session = session

    @property
    def saved_details(self) -> dict:
        """The details last chosen, as stored: the form's initial values."""
        return self.session.get(DETAILS_KEY, {})

    def details(self) -> CheckoutDetails | None:
        saved = self.saved_details
        return CheckoutDetails(**saved) if saved else None

    def save_details(self, details: CheckoutDetails) -> None:
        self.session[DETAILS_KEY] = asdict(details)

    def new_key(self) -> uuid.UUID:
        key = uuid.uuid4()
        self.session[CHECKOUT_KEY] = str(key)
        return key

    def key(self) -> uuid.UUID | None:
        key = self.session.get(CHECKOUT_KEY)
        return uuid.UUID(key) if key else None

    def remember(self, review: Review) -> None:
        """Keep the last few reviews shown, so that a changed cart can be explained
        whichever open tab the shopper places the order from."""
        reviews = dict(self.session.get(REVIEWS_KEY, {}))
        reviews.pop(review.fingerprint, None)
        reviews[review.fingerprint] = review.to_json()
        self.session[REVIEWS_KEY] = dict(list(reviews.items())[-REVIEWS_KEPT:])

    def shown_review(self, fingerprint: str) -> Review | None:
        shown = self.session.get(REVIEWS_KEY, {}).get(fingerprint)
        return Review.from_json(shown) if shown is not None else None

    def note_changes(self, changes: list[str]) -> None:
        self.session[CHANGES_KEY] = changes

    def pop_changes(self) -> list[str]:
        return self.session.pop(CHANGES_KEY, [])
