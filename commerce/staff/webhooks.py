"""The webhook inbox, read-only: every event a gateway sent, with what came of it.
A failed or skipped event can be replayed through the same once-only handlers."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.admin import messages
from wagtail_modeladmin.helpers import ButtonHelper

from commerce.exceptions import CommerceError
from commerce.models import WebhookEvent
from commerce.services import webhooks
from commerce.staff.base import ReadOnlyPermissionHelper, ShopModelAdmin

INBOX = "commerce_webhookevent_modeladmin_index"


class InboxButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, **kwargs):
        buttons = super().get_buttons_for_obj(obj, **kwargs)
        if obj.status in webhooks.REPLAYABLE and self.request.user.has_perm(
            "commerce.change_webhookevent"
        ):
            buttons.append(
                {
                    "url": reverse("shop_webhook_replay", args=[obj.pk]),
                    "label": "Replay",
                    "classname": "button button-small button-secondary",
                    "title": f"Run event {obj.event_id} again",
                }
            )
        return buttons


class WebhookInboxAdmin(ShopModelAdmin):
    model = WebhookEvent
    menu_label = "Webhook inbox"
    menu_icon = "mail"
    menu_order = 900
    list_display = ("received_at", "gateway", "type", "status", "outcome", "error_start")
    list_filter = ("status", "gateway", "type")
    search_fields = ("event_id", "type", "outcome")
    inspect_view_enabled = True
    inspect_view_fields = (
        "gateway",
        "event_id",
        "type",
        "status",
        "outcome",
        "error",
        "received_at",
        "processed_at",
        "payload",
    )
    permission_helper_class = ReadOnlyPermissionHelper
    button_helper_class = InboxButtonHelper

    def error_start(self, event):
        return event.error[:80] + ("…" if len(event.error) > 80 else "")

    error_start.short_description = "error"


def replay(request, event_id: int):
    if not request.user.has_perm("commerce.change_webhookevent"):
        raise PermissionDenied
    event = get_object_or_404(WebhookEvent, pk=event_id)
    if request.method == "POST":
        try:
            event = webhooks.replay(event.pk)
        except CommerceError as error:
            messages.error(request, str(error))
        else:
            say = messages.error if event.status == WebhookEvent.Status.FAILED else messages.success
            say(request, f"Event {event.event_id} replayed: {event.get_status_display()}.")
        return redirect(reverse(INBOX))
    return TemplateResponse(
        request, "commerce/admin/webhook_replay.html", {"event": event, "inbox_url": reverse(INBOX)}
    )
