from allauth.account import forms as allauth_forms
from django import forms
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.safestring import SafeString

from accounts import passwords
from accounts.models import Address, User
from accounts.widgets import QuickSelect


class ProfileForm(forms.Form):
    # A plain form: the service compares the new consent with the stored one.
    first_name = forms.CharField(label="First name", max_length=150, required=False)
    last_name = forms.CharField(label="Last name", max_length=150, required=False)
    marketing_consent = forms.BooleanField(
        label=User._meta.get_field("marketing_consent").verbose_name.capitalize(), required=False
    )

    @classmethod
    def for_user(cls, user, data=None):
        initial = {name: getattr(user, name) for name in cls.base_fields}
        return cls(data, initial=initial)


class PostalAddressForm(forms.ModelForm):
    """The fields of a postal address, for the address book and for checkout."""

    class Meta:
        model = Address
        fields = list(Address.POSTAL_FIELDS)
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "company": forms.TextInput(attrs={"autocomplete": "organization"}),
            "line1": forms.TextInput(attrs={"autocomplete": "address-line1"}),
            "line2": forms.TextInput(attrs={"autocomplete": "address-line2"}),
            "city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "region": forms.TextInput(attrs={"autocomplete": "address-level1"}),
            "postcode": forms.TextInput(attrs={"autocomplete": "postal-code"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "country": QuickSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].widget.attrs["autocomplete"] = "country"


class AddressForm(PostalAddressForm):
    default_for = forms.MultipleChoiceField(
        label="Use as my default",
        choices=Address.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        address = self.instance
        if address.pk:
            self.initial["default_for"] = [
                kind
                for kind, flag in (
                    (Address.Kind.SHIPPING, address.is_default_shipping),
                    (Address.Kind.BILLING, address.is_default_billing),
                )
                if flag
            ]


class PasswordRules:
    """A form with a new password (`password1`) shows the password rules as one line
    under it, marking the ones it fails once it has been checked."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.failing_rules = set()
        if "password1" in self.fields:
            # Read when the page is drawn, after the form has been checked.
            self.fields["password1"].help_text = lazy(self._password_rules, SafeString)()

    def full_clean(self):
        """The rules a password fails are marked in the line; one message points there
        instead of repeating each."""
        super().full_clean()
        errors = self._errors.as_data().get("password1", []) if self._errors else []
        self.failing_rules = {error.code for error in errors} & passwords.RULE_CODES
        if self.failing_rules:
            others = [error for error in errors if error.code not in passwords.RULE_CODES]
            self._errors["password1"] = self.error_class(
                [ValidationError(passwords.BREAKS_THE_RULES), *others]
            )

    def _password_rules(self) -> SafeString:
        return passwords.rules_line(failing=self.failing_rules)


class SignupForm(PasswordRules, allauth_forms.SignupForm):
    def try_save(self, request):
        if self.account_already_exists:
            # No account is made, but the password is hashed all the same: an answer
            # that came back sooner would tell a stranger that the email has an account.
            make_password(self.cleaned_data["password1"])
        return super().try_save(request)


class ChangePasswordForm(PasswordRules, allauth_forms.ChangePasswordForm):
    pass


class SetPasswordForm(PasswordRules, allauth_forms.SetPasswordForm):
    pass


class ResetPasswordKeyForm(PasswordRules, allauth_forms.ResetPasswordKeyForm):
    pass
