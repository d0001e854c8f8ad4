from django.db import models


class SentEmail(models.Model):
    """One order email of one kind, claimed before it is sent and marked once it is:
    a task delivered twice finds it here and does not send it again."""

    order = models.ForeignKey("commerce.Order", on_delete=models.CASCADE, related_name="emails")
    kind = models.CharField(max_length=20)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["order", "kind"], name="one_email_per_order_kind")
        ]

    def __str__(self):
        return f"{self.kind} email of {self.order_id}"
