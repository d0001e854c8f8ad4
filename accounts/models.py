from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.validators import RegexValidator
from django.db import models
from django_countries.fields import CountryField


class UserManager(DjangoUserManager):
    """Creates users keyed by email; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("Users need an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not (extra_fields["is_staff"] and extra_fields["is_superuser"]):
            raise ValueError("A superuser needs is_staff and is_superuser.")
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    email = models.EmailField("email address", unique=True)
    marketing_consent = models.BooleanField("send me news and offers by email", default=False)
    # When consent was last given: the proof a mailing list needs.
    marketing_consent_at = models.DateTimeField(null=True, blank=True, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    def __str__(self):
        return self.email


phone_validator = RegexValidator(
    r"^\+?[0-9 ()./-]{6,20}$", "Enter a phone number: digits, spaces and an optional leading +."
)


class Address(models.Model):
    """A postal address in a customer's address book."""

    class Kind(models.TextChoices):
        SHIPPING = "shipping", "shipping"
        BILLING = "billing", "billing"

    POSTAL_FIELDS = (
        "full_name",
        "company",
        "line1",
        "line2",
        "city",
        "region",
        "postcode",
        "country",
        "phone",
    )

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="addresses")
    full_name = models.CharField("full name", max_length=150)
    company = models.CharField(max_length=150, blank=True)
    line1 = models.CharField("address line 1", max_length=200)
    line2 = models.CharField("address line 2", max_length=200, blank=True)
    city = models.CharField("town or city", max_length=100)
    region = models.CharField("county, state or region", max_length=100, blank=True)
    postcode = models.CharField("postcode", max_length=20)
    country = CountryField()
    phone = models.CharField(max_length=30, blank=True, validators=[phone_validator])
    is_default_shipping = models.BooleanField("default shipping address", default=False)
    is_default_billing = models.BooleanField("default billing address", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-is_default_shipping", "-is_default_billing", "-created_at", "-id"]
        verbose_name_plural = "addresses"
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(is_default_shipping=True),
                name="one_default_shipping_address_per_user",
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(is_default_billing=True),
                name="one_default_billing_address_per_user",
            ),
        ]

    def __str__(self):
        return ", ".join(self.lines)

    def snapshot(self) -> dict[str, str]:
        """The postal address as plain data, copied onto an order."""
        return {name: str(getattr(self, name) or "") for name in self.POSTAL_FIELDS}

    @classmethod
    def from_snapshot(cls, snapshot: dict) -> "Address":
        """An unsaved address, to print a snapshot the same way as a saved one."""
        return cls(**{name: snapshot.get(name, "") for name in cls.POSTAL_FIELDS})

    @classmethod
    def snapshot_lines(cls, snapshot: dict) -> list[str]:
        """A snapshot printed as a saved address is."""
        return cls.from_snapshot(snapshot).lines

    @property
    def lines(self) -> list[str]:
        """The address as printed on a label, one line each, blanks left out."""
        town = " ".join(part for part in (self.city, self.region, self.postcode) if part)
        candidates = [
            self.full_name,
            self.company,
            self.line1,
            self.line2,
            town,
            self.country.name,
        ]
        return [line for line in candidates if line]
