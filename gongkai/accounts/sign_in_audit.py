"""Sign-in, sign-out and failed sign-in are audited (issue 11.14).

The only signal receivers of the project, and on purpose: they are infrastructure, not domain flow.
Django's login view, django-axes (login throttling) and the admin all authenticate through
`django.contrib.auth`, whose signals are the one place that sees every sign-in, whichever path it
took. Connected in `AccountsConfig.ready()`.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from gongkai.core import audit
from gongkai.core.selectors import public_agency

USERNAME_MAX = 150
ANONYMOUS = "未登录访客"


@receiver(user_logged_in, dispatch_uid="gongkai.audit.login")
def record_login(sender, request, user, **kwargs):
    audit.record(actor=user, verb="auth.login", obj=user, agency=user.agency)


@receiver(user_logged_out, dispatch_uid="gongkai.audit.logout")
def record_logout(sender, request, user, **kwargs):
    if user is not None and user.is_authenticated:  # signing out without a session is no event
        audit.record(actor=user, verb="auth.logout", obj=user, agency=user.agency)


@receiver(user_login_failed, dispatch_uid="gongkai.audit.login_failed")
def record_login_failed(sender, credentials, request=None, **kwargs):
    """The account tried (when it exists) is the record, so the audit screen's record filter shows
    every failed attempt at it; an unknown name is filed under the public site's agency. The password
    is never recorded (Django has already masked it in `credentials`)."""
    User = get_user_model()
    username = str(credentials.get(User.USERNAME_FIELD) or credentials.get("username") or "")[:USERNAME_MAX]
    user = User.objects.filter(**{User.USERNAME_FIELD: username}).select_related("agency").first()
    after = {"username": username, "locked_out": bool(getattr(request, "axes_locked_out", False))}
    if user is not None:
        audit.record(
            actor=None,
            actor_label=ANONYMOUS,
            verb="auth.login_failed",
            obj=user,
            agency=user.agency,
            after=after,
        )
    else:
        audit.record(
            actor=None,
            actor_label=ANONYMOUS,
            verb="auth.login_failed",
            agency=public_agency(),
            object_type="accounts.user",
            object_repr=username or "（未填写）",
            after=after,
        )
