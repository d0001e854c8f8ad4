"""What the page-chrome cache keeps is emptied after the change commits, for every change
it shows; scheduled pages go live on the minute."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model

from catalog.models import ProductImage, ProductPage, ProductVariant
from catalog.tests.factories import make_product
from commerce.models import StockRecord
from core import page_cache
from home.tasks import publish_scheduled_task

pytestmark = pytest.mark.django_db


def test_invalidation_waits_for_the_commit(category, committed):
    before = page_cache.generation()
    with committed():
        with transaction.atomic():
            make_product(parent=category, title="Teapot").save_revision().publish()
            assert page_cache.generation() == before  # not while the change is invisible
        assert page_cache.generation() == before
    assert page_cache.generation() != before


@pytest.fixture
def kept_card(client, category):
    """A product whose card the category page has kept."""
    product = make_product(parent=category, title="Teapot", price="20.00", images=1)
    client.get(category.url)
    assert "Teapot" in client.get(category.url).content.decode()
    return product


def card_html(client, category) -> str:
    return client.get(category.url).content.decode()


def test_saving_a_variant_empties_the_kept_cards(client, category, kept_card, committed):
    variant = kept_card.variants.get()
    variant.compare_at_price = Decimal("30.00")
    with committed():
        variant.save()
    assert "30.00" in card_html(client, category)


def test_a_product_picture_changed_empties_the_kept_cards(client, category, kept_card, committed):
    picture = ProductImage.objects.get(product=kept_card)
    picture.alt_text = "A round teapot in blue glaze"
    with committed():
        picture.save()
    assert 'alt="A round teapot in blue glaze"' in card_html(client, category)


def test_a_wagtail_image_edited_empties_the_kept_cards(client, category, kept_card, committed):
    image = get_image_model().objects.get(pk=ProductImage.objects.get(product=kept_card).image_id)
    old_markup = card_html(client, category)
    image.focal_point_x, image.focal_point_y = 1, 1
    image.focal_point_width = image.focal_point_height = 2
    with committed():
        image.save()
    assert card_html(client, category) != old_markup  # the renditions follow the focal point


def test_deleting_a_variant_empties_the_kept_cards(client, category, kept_card, committed):
    assert "€20.00" in card_html(client, category)
    with committed():
        ProductVariant.objects.filter(product=kept_card).delete()
    assert "€20.00" not in card_html(client, category)


def test_beats_task_publishes_a_scheduled_product_and_its_new_price(category, committed):
    product = make_product(parent=category, title="Jug", price="10.00", images=0)
    product.save_revision().publish()
    variant = product.variants.get()
    StockRecord.objects.filter(variant=variant).update(num_on_hand=7, num_reserved=2)

    soon = timezone.now() + timedelta(minutes=1)
    draft = ProductPage.objects.get(pk=product.pk)
    changed = list(draft.variants.all())
    changed[0].price = Decimal("12.50")
    draft.variants = changed  # the edit travels in the page's revision
    draft.go_live_at = soon
    draft.save_revision().publish()  # a go-live time ahead: publishing only schedules it

    new = make_product(parent=category, title="Pitcher", images=0)
    new.unpublish()
    new = ProductPage.objects.get(pk=new.pk)
    new.go_live_at = soon
    new.save_revision().publish()

    publish_scheduled_task.delay()
    assert ProductVariant.objects.get(pk=variant.pk).price == Decimal("10.00")  # not yet
    assert not ProductPage.objects.get(pk=new.pk).live

    with time_machine.travel(soon + timedelta(seconds=30)), committed():
        publish_scheduled_task.delay()

    assert ProductVariant.objects.get(pk=variant.pk).price == Decimal("12.50")
    assert ProductPage.objects.get(pk=new.pk).live
    record = StockRecord.objects.get(variant=variant)
    assert (record.num_on_hand, record.num_reserved) == (7, 2)  # stock never in a revision


def test_beat_runs_scheduled_publishing_every_minute(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["publish-scheduled"]
    assert (entry["task"], entry["schedule"]) == ("home.tasks.publish_scheduled_task", 60.0)


def test_a_migration_run_empties_the_page_chrome_cache(db):
    from django.core.management import call_command

    from core import page_cache

    before = page_cache.generation()
    call_command("migrate", verbosity=0)
    assert page_cache.generation() != before
