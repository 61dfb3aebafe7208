"""The citizen's session: its own key in the session, never Django's authenticated user, so a citizen
signed in here is still anonymous to /office/ (ADR 0040)."""

from .models import Citizen

SESSION_KEY = "gongkai_citizen_id"


def sign_in(request, citizen: Citizen) -> None:
    request.session.cycle_key()  # a new session id on sign-in (session fixation)
    request.session[SESSION_KEY] = citizen.pk


def sign_out(request) -> None:
    request.session.pop(SESSION_KEY, None)
    request.session.cycle_key()


def current(request) -> Citizen | None:
    pk = request.session.get(SESSION_KEY)
    if not isinstance(pk, int):
        return None
    return Citizen.objects.filter(pk=pk).first()
