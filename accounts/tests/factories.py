import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from accounts.models import Address

PASSWORD = "correct-horse-battery"  # noqa: S105 - test accounts only


class UserFactory(factory.django.DjangoModelFactory):
    """A customer whose email address is verified, so that they can sign in."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"shopper{n}@example.com")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified_email(user, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


class AddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Address

    user = factory.SubFactory(UserFactory)
    full_name = "Ada Lovelace"
    line1 = factory.Sequence(lambda n: f"{n} Harbour Street")
    city = "Bristol"
    postcode = "BS1 4DJ"
    country = "GB"
