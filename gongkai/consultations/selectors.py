"""Reads of consultations: the public side (read-time visibility and phase) and the office queues."""

from collections import Counter, OrderedDict
from datetime import date, datetime, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from gongkai.accounts.permissions import has_perm
from gongkai.accounts.selectors import scope_for
from gongkai.workdays.selectors import add_working_days, legal_today

from . import rules
from .models import (
    AdoptionReport,
    Article,
    ArticleFinalState,
    Comment,
    CommentState,
    Consultation,
    Disposition,
)


# --- public -------------------------------------------------------------------------------------
def public_consultations(agency, *, now: datetime | None = None) -> QuerySet[Consultation]:
    from gongkai.publishing.selectors import public_object_ids

    now = now or timezone.now()
    return Consultation.objects.filter(
        agency=agency, pk__in=public_object_ids(Consultation, now=now, agency=agency)
    )


def latest_public_consultations(agency_ids, *, limit: int, now: datetime | None = None) -> list[Consultation]:
    """The `limit` public consultations of the agencies `agency_ids` that opened last (the city
    portal's latest list): one query whatever the number of agencies, newest first through
    `consultation_opens_idx` (issue 18 item 11)."""
    from gongkai.publishing.selectors import public_object_ids

    now = now or timezone.now()
    return list(
        Consultation.objects.filter(
            agency_id__in=list(agency_ids), pk__in=public_object_ids(Consultation, now=now)
        ).order_by("-opens_at", "-id")[:limit]
    )


def filter_phase(
    qs: QuerySet[Consultation], phase: str, *, now: datetime | None = None
) -> QuerySet[Consultation]:
    now = now or timezone.now()
    if phase == "open":
        return qs.filter(opens_at__lte=now, closes_at__gt=now).order_by("closes_at", "id")
    if phase == "closed":
        return qs.filter(closes_at__lte=now).order_by("-closes_at", "-id")
    if phase == "upcoming":
        return qs.filter(opens_at__gt=now).order_by("opens_at", "id")
    return qs.order_by("-opens_at", "-id")


def public_consultation(agency, pk) -> Consultation | None:
    try:
        return public_consultations(agency).filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        return None


def phase_of(consultation: Consultation, now: datetime | None = None) -> str:
    return rules.phase(
        now=now or timezone.now(), opens_at=consultation.opens_at, closes_at=consultation.closes_at
    )


def published_report(consultation: Consultation) -> AdoptionReport | None:
    from gongkai.publishing.selectors import is_public

    report = AdoptionReport.objects.filter(consultation=consultation).first()
    return report if report is not None and is_public(report) else None


def approved_comments(consultation: Consultation) -> QuerySet[Comment]:
    return consultation.comments.filter(state=CommentState.APPROVED).select_related("article")


def comments_by_article(consultation: Consultation) -> list[tuple[Article | None, list[Comment]]]:
    """[(article or None for general comments, approved comments)], in article order."""
    grouped: OrderedDict = OrderedDict((a.pk, (a, [])) for a in consultation.articles.exclude(text=""))
    general: list[Comment] = []
    for comment in approved_comments(consultation):
        (grouped[comment.article_id][1] if comment.article_id in grouped else general).append(comment)
    return [*grouped.values(), (None, general)]


def report_snapshot(consultation: Consultation) -> dict:
    """Counts per disposition, per channel and per article, and the reasons (stored on generation).

    A comment hidden by moderation is counted like any other once it has a disposition (its text is not
    shown); without one it is listed apart — "不予公开的意见 N 条，原因…" — and never counted as studied.
    """
    everything = list(consultation.comments.select_related("article"))
    comments = [c for c in everything if c.state != CommentState.HIDDEN or c.disposition]
    withheld = [c for c in everything if c.state == CommentState.HIDDEN and not c.disposition]
    reasons = Counter(c.hidden_reason for c in withheld)
    counts = Counter(c.disposition for c in comments)
    channels = Counter(c.channel for c in comments)
    per_article: dict[str, dict] = OrderedDict()
    for article in consultation.articles.exclude(text=""):
        per_article[article.label] = {d: 0 for d in Disposition.values}
    per_article["总体意见"] = {d: 0 for d in Disposition.values}
    groups: OrderedDict = OrderedDict()
    for c in comments:
        key = c.article.label if c.article_id and c.article.text else "总体意见"
        bucket = per_article.setdefault(key, {d: 0 for d in Disposition.values})
        bucket[c.disposition] = bucket.get(c.disposition, 0) + 1
        group = c.group_label or f"意见{c.pk}"
        entry = groups.setdefault(
            group,
            {
                "label": c.group_label,
                "article": key,
                "disposition": c.disposition,
                "reason": c.disposition_reason,
                "count": 0,
                "excerpt": (c.public_body or c.body)[:120] if c.state == CommentState.APPROVED else "",
                "changed_article": c.changed_article.label if c.changed_article_id else "",
            },
        )
        entry["count"] += 1
    return {
        "total": len(comments),
        "hidden": len(withheld),
        "withheld_reasons": [{"reason": reason, "count": n} for reason, n in reasons.most_common()],
        "counts": {d: counts.get(d, 0) for d in Disposition.values},
        "channels": dict(channels),
        "per_article": per_article,
        "groups": list(groups.values()),
    }


def comparison(consultation: Consultation) -> list[dict]:
    """Clause by clause: draft, final, the character diff and the comments that changed the article."""
    changers: dict[int, list[Comment]] = {}
    for c in consultation.comments.filter(changed_article__isnull=False).exclude(state=CommentState.HIDDEN):
        changers.setdefault(c.changed_article_id, []).append(c)
    rows = []
    for article in consultation.articles.all():
        rows.append(
            {
                "article": article,
                "state": article.final_state,
                "state_label": article.get_final_state_display(),
                "segments": rules.diff_segments(article.text, article.final)
                if article.final_state != ArticleFinalState.UNCHANGED
                else [],
                "comments": changers.get(article.pk, []),
            }
        )
    return rows


def has_final_text(consultation: Consultation) -> bool:
    return consultation.articles.exclude(final_state=ArticleFinalState.UNCHANGED).exists() or bool(
        consultation.decision_title
    )


# --- office -------------------------------------------------------------------------------------
def consultations_for(user) -> QuerySet[Consultation]:
    if not has_perm(user, "consultations.view"):
        return Consultation.objects.none()
    return scope_for(user, Consultation.objects.select_related("department")).annotate(
        comment_count=Count("comments"),
        pending_count=Count("comments", filter=Q(comments__state=CommentState.PENDING)),
    )


def get_consultation(user, pk) -> Consultation | None:
    try:
        return consultations_for(user).filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        return None


def moderation_queue(user) -> QuerySet[Comment]:
    if not has_perm(user, "consultations.moderate"):
        return Comment.objects.none()
    return Comment.objects.filter(
        consultation__in=scope_for(user, Consultation.objects.all()), state=CommentState.PENDING
    ).select_related("consultation", "article")


def comments_for(user, consultation: Consultation) -> QuerySet[Comment]:
    return Comment.objects.filter(
        consultation__in=consultations_for(user).filter(pk=consultation.pk)
    ).select_related("article", "changed_article")


def closing_soon(user, *, now: datetime | None = None, days: int = 7) -> QuerySet[Consultation]:
    """Open consultations that close within `days` calendar days."""
    now = now or timezone.now()
    return (
        consultations_for(user)
        .filter(opens_at__lte=now, closes_at__gt=now, closes_at__lte=now + timedelta(days=days))
        .order_by("closes_at")
    )


def reports_due(user, *, now: datetime | None = None) -> QuerySet[Consultation]:
    """Closed consultations whose report is not yet published, soonest due first."""
    now = now or timezone.now()
    return (
        consultations_for(user)
        .filter(closes_at__lte=now)
        .exclude(report__published_at__isnull=False)
        .order_by("report_due_on", "id")
    )


def report_overdue(consultation: Consultation, today: date | None = None) -> bool:
    today = today or legal_today()
    return bool(consultation.report_due_on and consultation.report_due_on < today)


def due_ledger(consultation: Consultation):
    """How the report due date was computed (the working-day ledger)."""
    from gongkai.workdays.selectors import legal_date

    from .services import report_days

    return add_working_days(legal_date(consultation.closes_at), report_days(consultation.agency))
