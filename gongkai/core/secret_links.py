"""Secret links: the one way a citizen's case page is reached without an account (issue 12, item 13).

A citizen who applies (依申请公开), writes a 留言 or comments on a draft gets a link holding a random
token. Only the token's SHA-256 is stored (ADR 0032): a copy of the database, a backup or a staff
screen never yields a working link. The raw token exists in exactly three places: the link the
citizen holds, the response that hands it over, and the body of an outbox e-mail that carries it
until delivery (`redact` then removes it).

    token = secret_links.new_token()
    obj.token_hash = secret_links.hash_token(token)
    ...
    Model.objects.filter(number=number, token_hash=secret_links.hash_token(given))  # look up by hash
    secret_links.matches(obj.token_hash, given)  # or compare, in constant time

Every citizen case page answers through `private` (no-store, noindex, no referrer to other sites).
"""

import hashlib
import hmac
import re
import secrets
from functools import wraps

TOKEN_BYTES = 24  # 32 URL-safe characters, 192 bits
MAX_TOKEN_LENGTH = 64  # longer input is refused before hashing (nothing legitimate is longer)
# A token as it appears in a link: 32+ URL-safe characters (what `new_token` makes).
_TOKEN_IN_TEXT = re.compile(r"(?<=/)[A-Za-z0-9_-]{32,64}(?=/|$|\s)")
REDACTED = "[查询链接已隐去]"


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    """The stored form of a token: hex SHA-256 (a random 192-bit token needs no salt or slow hash)."""
    return hashlib.sha256((token or "").encode("utf-8")).hexdigest()


def plausible(token: str) -> bool:
    """A cheap check before any lookup: empty or over-long input never reaches the database."""
    return bool(token) and len(token) <= MAX_TOKEN_LENGTH


def matches(stored_hash: str, token: str) -> bool:
    """Constant-time comparison of a given token with a stored hash; an empty hash never matches."""
    return bool(stored_hash) and plausible(token) and hmac.compare_digest(stored_hash, hash_token(token))


def derived_token(stored_hash: str, purpose: str) -> str:
    """A second secret bound to a stored one, for a record made later without the citizen present —
    a request another agency received by forwarding (ADR 0032, 0042): HMAC of the first secret's
    hash under the deployment's SECRET_KEY, so a copy of the database alone never yields it, and the
    holder of the first link can always be given the second."""
    import base64

    from django.conf import settings

    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"gongkai:{purpose}:{stored_hash}".encode(), hashlib.sha256
    ).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def redact(text: str) -> str:
    """The text of a message with every link token replaced (for staff screens and after delivery)."""
    return _TOKEN_IN_TEXT.sub(REDACTED, text or "")


PRIVATE_HEADERS = {
    # same-origin, not no-referrer: with no-referrer Chromium sends "Origin: null" on the page's POST
    # forms (supplement, rating), which Django's CSRF check refuses; same-origin still never sends the
    # link to another site.
    "Referrer-Policy": "same-origin",
    "X-Robots-Tag": "noindex, nofollow",
    "Cache-Control": "private, no-store",
}


def private(response):
    """Marks a response reached through a secret link: never cached, indexed or sent on as a referrer."""
    for header, value in PRIVATE_HEADERS.items():
        response[header] = value
    return response


def private_page(view):
    """Decorator form of `private` for a view whose every answer (404 included) is private."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return private(view(request, *args, **kwargs))

    return wrapper
