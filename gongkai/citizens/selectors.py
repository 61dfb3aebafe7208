"""Everything filed on the platform with a citizen's verified e-mail address or mobile number, across
agencies (issue 18 item 5): 依申请公开 requests, 留言, 征求意见 comments and subscriptions. Matching is
by the verified values only (exact, case-insensitive for e-mail); messages and comments keep only a keyed
hash of the contact given, which is compared."""

from dataclasses import dataclass

from django.db.models import Q

from gongkai.consultations.models import Comment
from gongkai.core import ratelimit
from gongkai.foi_requests.models import FoiRequest
from gongkai.notifications.models import Subscription
from gongkai.public_messages.models import Message

from .models import Citizen


@dataclass
class MyRecords:
    requests: list
    messages: list
    comments: list
    subscriptions: list

    @property
    def empty(self) -> bool:
        return not (self.requests or self.messages or self.comments or self.subscriptions)


def _contact_hashes(citizen: Citizen) -> list[str]:
    return [ratelimit.fingerprint(v, purpose="contact") for v in (citizen.email, citizen.mobile) if v]


def records_of(citizen: Citizen) -> MyRecords:
    foi = Q(pk__in=[])
    if citizen.email:
        foi |= Q(email__iexact=citizen.email)
    if citizen.mobile:
        foi |= Q(phone=citizen.mobile)
    hashes = _contact_hashes(citizen)
    return MyRecords(
        requests=list(
            FoiRequest.objects.filter(foi)
            .select_related("agency", "forwarded_from")
            .order_by("-submitted_at")[:200]
        ),
        messages=list(
            Message.objects.filter(contact_hash__in=hashes)
            .select_related("agency")
            .order_by("-received_at")[:200]
        ),
        comments=list(
            Comment.objects.filter(contact_hash__in=hashes)
            .select_related("consultation", "consultation__agency")
            .order_by("-submitted_at")[:200]
        ),
        subscriptions=list(
            Subscription.objects.filter(email__iexact=citizen.email or "", unsubscribed_at__isnull=True)
            .select_related("agency")
            .order_by("-created_at")[:200]
        )
        if citizen.email
        else [],
    )
