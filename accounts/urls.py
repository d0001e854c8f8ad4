from django.urls import path

from accounts import views

urlpatterns = [
    path("", views.profile, name="account_profile"),
    path("addresses/", views.address_list, name="account_addresses"),
    path("addresses/new/", views.address_create, name="account_address_create"),
    path("addresses/<int:address_id>/edit/", views.address_edit, name="account_address_edit"),
    path("addresses/<int:address_id>/delete/", views.address_delete, name="account_address_delete"),
    path(
        "addresses/<int:address_id>/default/<str:kind>/",
        views.address_make_default,
        name="account_address_default",
    ),
    path("security/", views.security, name="account_security"),
]
