from django.db.models import QuerySet

from gongkai.accounts.guard import scoped

from .models import Conference, MediaRequest, Spokesperson


def public_conferences(agency) -> QuerySet[Conference]:
    from gongkai.publishing.selectors import public_object_ids

    return Conference.objects.filter(
        agency=agency, pk__in=public_object_ids(Conference, agency=agency)
    ).order_by("-starts_at")


def public_spokespersons(agency) -> QuerySet[Spokesperson]:
    return Spokesperson.objects.filter(agency=agency, is_active=True)


def conferences_for(user) -> QuerySet[Conference]:
    return scoped(user, Conference.objects.all(), department_field=None)


def spokespersons_for(user) -> QuerySet[Spokesperson]:
    return scoped(user, Spokesperson.objects.all(), department_field=None)


def media_requests_for(user) -> QuerySet[MediaRequest]:
    return scoped(user, MediaRequest.objects.all(), department_field=None)
