from django.urls import reverse

from gongkai.accounts.permissions import has_perm
from gongkai.core.work_panels import Panel

from . import selectors


def notice_panels(user):
    """The agency's office home: 督办通知 from the city office still to answer."""
    if not has_perm(user, "cityops.notices_view"):
        return []
    pending = list(selectors.notices_for(user).filter(answered_on__isnull=True)[:10])
    if not pending:
        return []
    return [
        Panel(
            "市政务公开办督办通知",
            [
                (
                    n.subject,
                    reverse("cityops_office:notice", args=[n.pk]),
                    f"办理期限 {n.due_on:%Y-%m-%d}" + ("（已超期）" if selectors.is_overdue(n) else ""),
                )
                for n in pending
            ],
            more_url=reverse("cityops_office:notices"),
        )
    ]
