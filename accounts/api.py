"""The account for apps: profile with marketing consent, and the address book with its
defaults. Signing up, in and out, verification, password reset and email change are
allauth's headless API (/_allauth/app/v1/), whose session token these calls take."""

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import selectors, services
from accounts.forms import PostalAddressForm
from accounts.models import Address
from core.api import form_errors
from core.http import found_or_404


class ProfileSerializer(serializers.Serializer):
    email = serializers.EmailField(read_only=True, help_text="Changed through /_allauth/.")
    first_name = serializers.CharField(max_length=150, allow_blank=True)
    last_name = serializers.CharField(max_length=150, allow_blank=True)
    marketing_consent = serializers.BooleanField()


def profile_data(user) -> dict:
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "marketing_consent": user.marketing_consent,
    }


class Profile(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="The caller's profile",
        operation_id="account_profile",
        responses=ProfileSerializer,
        tags=["account"],
    )
    def get(self, request):
        return Response(profile_data(request.user))

    @extend_schema(
        summary="Change name or marketing consent",
        operation_id="account_profile_update",
        request=ProfileSerializer,
        responses=ProfileSerializer,
        tags=["account"],
    )
    def patch(self, request):
        asked = ProfileSerializer(data=request.data, partial=True)
        asked.is_valid(raise_exception=True)
        user = request.user
        wanted = {name: getattr(user, name) for name in ("first_name", "last_name")}
        wanted["marketing_consent"] = user.marketing_consent
        services.update_profile(user, **(wanted | asked.validated_data))
        return Response(profile_data(user))


class PostalFieldsSerializer(serializers.Serializer):
    """A postal address's fields, for the address book and for checkout; the site's
    address form judges what they hold."""

    full_name = serializers.CharField(max_length=150)
    company = serializers.CharField(max_length=150, required=False, allow_blank=True)
    line1 = serializers.CharField(max_length=200)
    line2 = serializers.CharField(max_length=200, required=False, allow_blank=True)
    city = serializers.CharField(max_length=100)
    region = serializers.CharField(max_length=100, required=False, allow_blank=True)
    postcode = serializers.CharField(max_length=20, required=False, allow_blank=True)
    country = serializers.CharField(max_length=2, help_text="ISO 3166 code: GB, FR, DE…")
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True)


class AddressSerializer(PostalFieldsSerializer):
    id = serializers.IntegerField(read_only=True)
    default_for = serializers.MultipleChoiceField(
        choices=Address.Kind.choices, required=False, help_text="shipping, billing, both or none."
    )


def address_data(address: Address) -> dict:
    return {
        "id": address.pk,
        **address.snapshot(),
        "default_for": sorted(
            kind
            for kind, flag in (
                (Address.Kind.SHIPPING, address.is_default_shipping),
                (Address.Kind.BILLING, address.is_default_billing),
            )
            if flag
        ),
    }


def _saved(request, address: Address, *, partial: bool) -> Response:
    asked = AddressSerializer(data=request.data, partial=partial)
    asked.is_valid(raise_exception=True)
    fields = {k: v for k, v in asked.validated_data.items() if k != "default_for"}
    current = {name: getattr(address, name) for name in Address.POSTAL_FIELDS}
    form = PostalAddressForm(data=current | fields, instance=address)
    if not form.is_valid():  # the site's own address rules
        raise serializers.ValidationError(form_errors(form))
    defaults = asked.validated_data.get("default_for")
    if defaults is None:
        defaults = set(address_data(address)["default_for"]) if address.pk else set()
    services.save_address(form.instance, defaults=set(defaults))
    return Response(address_data(form.instance), status=status.HTTP_200_OK if partial else 201)


class Addresses(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="The address book",
        operation_id="account_addresses",
        responses=AddressSerializer(many=True),
        tags=["account"],
    )
    def get(self, request):
        return Response([address_data(a) for a in selectors.addresses_of(request.user)])

    @extend_schema(
        summary="Add an address",
        operation_id="account_addresses_add",
        request=AddressSerializer,
        responses={201: AddressSerializer},
        tags=["account"],
    )
    def post(self, request):
        return _saved(request, Address(user=request.user), partial=False)


class AddressDetail(APIView):
    permission_classes = [IsAuthenticated]

    def _address(self, request, address_id: int) -> Address:
        return found_or_404(selectors.address_of(request.user, address_id), "No such address.")

    @extend_schema(
        summary="An address",
        operation_id="account_address",
        responses=AddressSerializer,
        tags=["account"],
    )
    def get(self, request, address_id: int):
        return Response(address_data(self._address(request, address_id)))

    @extend_schema(
        summary="Change an address or its defaults",
        operation_id="account_address_update",
        request=AddressSerializer,
        responses=AddressSerializer,
        tags=["account"],
    )
    def patch(self, request, address_id: int):
        return _saved(request, self._address(request, address_id), partial=True)

    @extend_schema(
        summary="Delete an address",
        operation_id="account_address_delete",
        request=None,
        responses={204: None},
        tags=["account"],
    )
    def delete(self, request, address_id: int):
        services.delete_address(self._address(request, address_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


urlpatterns = [
    path("account/", Profile.as_view(), name="api_account"),
    path("account/addresses/", Addresses.as_view(), name="api_addresses"),
    path("account/addresses/<int:address_id>/", AddressDetail.as_view(), name="api_address"),
]
