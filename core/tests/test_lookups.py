import pytest
from django.core.exceptions import FieldError

from catalog.models import ProductPage, ProductVariant
from catalog.tests.factories import make_product

pytestmark = pytest.mark.django_db


def test_any_of_is_a_lookup_of_primary_and_foreign_keys(category):
    product_page = make_product(parent=category, images=0)
    variants = ProductVariant.objects.filter(product_id__any_of=[product_page.pk])
    assert list(ProductPage.objects.filter(pk__any_of=[product_page.pk])) == [product_page]
    assert variants.count() == product_page.variants.count()


def test_any_of_is_not_a_lookup_of_other_fields():
    with pytest.raises(FieldError, match="any_of"):
        list(ProductPage.objects.filter(title__any_of=["Mug"]))
