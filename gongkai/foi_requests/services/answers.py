"""The answer (Arts. 36-39): one outcome, the letter, and the release of the disclosed documents."""

from datetime import date

from django.db import transaction

from gongkai.accounts import guard
from gongkai.core.errors import InvalidTransition, ValidationFailed

from ..letters import cn_date, mentions_attachment
from ..models import FoiRequest, RequestDocument
from ..outcomes import ANSWER_OUTCOMES, Outcome, info
from ..states import Action, Status
from .recording import _dated, _today, _transition


def answer(
    *,
    actor,
    foi_request: FoiRequest,
    outcome: str,
    text: str,
    letter_number: str = "",
    on: date | None = None,
    backdate_reason: str = "",
) -> FoiRequest:
    """Arts. 36-39: the answer closes the request with exactly one outcome; the letter states the
    basis and the remedies; disclosed documents must have passed the confidentiality scan. An answer
    is dated the day it is recorded (a back-dated one needs a reason, and "answered on time" is judged
    from the day it was recorded); it cannot precede the end of a consultation (Arts. 32, 34)."""
    guard.require(actor, "foi.handle", foi_request)
    if outcome not in ANSWER_OUTCOMES:
        raise ValidationFailed("请选择答复类型。", field="outcome")
    if not text.strip():
        raise ValidationFailed("请填写答复正文。", field="text")
    with transaction.atomic():
        foi_request = guard.fetch_for(actor, FoiRequest, foi_request.pk, lock=True)
        if foi_request.status == Status.CONSULTING:
            raise InvalidTransition(
                "征求意见尚未结束，不能作出答复：第三方或有关行政机关的意见是答复的依据，应在其答复或法定期限"
                "届满后再作出答复（《条例》第三十二条、第三十四条）。请先登记“征求意见结束”。",
            )
        ended = foi_request.events.filter(kind=Action.END_CONSULTATION).order_by("-on").first()
        if ended is not None and (on or _today()) < ended.on:
            raise ValidationFailed(
                f"答复日期不能早于征求意见结束之日（{cn_date(ended.on)}）：答复须在征求意见结束后作出"
                "（《条例》第三十二条、第三十四条）。",
                field="on",
            )
        on, backdate = _dated(foi_request, Action.ANSWER, on, reason=backdate_reason)
        documents = foi_request.documents.filter(role=RequestDocument.Role.DISCLOSED)
        if mentions_attachment(text) and not documents.exists():
            raise ValidationFailed(
                "答复正文写明“见附件”，但本申请还没有附件：请先上传或从目录附上所提供的政府信息，再发送答复"
                "（《条例》第三十六条第（二）项：予以公开的，应当向申请人提供该政府信息）。",
                field="text",
            )
        pending = []
        if info(outcome).discloses:
            pending = list(documents.filter(is_public=False))
        blocking = [d.title for d in pending if d.blocking]
        if blocking:
            raise ValidationFailed(
                "附件保密审查发现高风险问题，须经保密审查员放行后才能发送：" + "、".join(blocking),
                field="documents",
            )
        foi_request.letter_number, foi_request.answer_text = letter_number, text
        foi_request.save(update_fields=["letter_number", "answer_text"])
        event = _transition(
            foi_request,
            Action.ANSWER,
            actor=actor,
            on=on,
            verb="answered",
            outcome=outcome,
            public_note=f"作出答复：{Outcome(outcome).label}。",
            backdate=backdate,
        )
        for doc in pending:
            doc.is_public, doc.event = True, event
            doc.save(update_fields=["is_public", "event"])
    return foi_request
