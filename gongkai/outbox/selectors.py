from django.db.models import Count, QuerySet

from gongkai.accounts.guard import scoped

from .models import OutboxMessage, Status, WebhookEndpoint


def messages_for(user) -> QuerySet[OutboxMessage]:
    return scoped(user, OutboxMessage.objects.select_related("endpoint"), department_field=None)


def status_counts(user) -> dict[str, int]:
    rows = messages_for(user).order_by().values("status").annotate(n=Count("pk"))
    counts = {status.value: 0 for status in Status}
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


def endpoints_for(user) -> QuerySet[WebhookEndpoint]:
    return scoped(user, WebhookEndpoint.objects.all(), department_field=None)
