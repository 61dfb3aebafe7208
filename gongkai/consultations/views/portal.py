"""Public pages of 意见征集: the list, a consultation with its articles and approved comments, the
comment form (works without JavaScript), the commenter's own page (secret link), the 采纳情况 report
and the clause-by-clause comparison. User text is always escaped by the templates (never mark_safe)."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from gongkai.core import ratelimit, secret_links
from gongkai.core.errors import DomainError
from gongkai.core.pagecache import evaluated_page, memoised
from gongkai.core.selectors import public_agency

from .. import rules, selectors, services
from ..forms import CommentForm
from ..models import Comment, CommentState

HDJL = ("互动交流", "/hdjl/")
LIST = ("意见征集", "/hdjl/zqyj/")
PHASES = [("open", "正在征求"), ("closed", "已结束"), ("upcoming", "即将开始"), ("", "全部")]


def _agency(request):
    agency = getattr(request, "agency", None) or public_agency()
    if not agency:
        raise Http404("没有可显示的机关。")
    return agency


def _consultation(request, pk):
    agency = _agency(request)
    consultation = memoised(
        f"consultations.one:{agency.pk}:{pk}", lambda: selectors.public_consultation(agency, pk)
    )
    if consultation is None:
        raise Http404("没有找到该征求意见。")
    return consultation


def consultation_list(request):
    agency = _agency(request)
    phase = request.GET.get("phase", "open")
    if phase not in dict(PHASES):
        phase = "open"
    number = request.GET.get("page")

    def listing():
        now = timezone.now()
        qs = selectors.filter_phase(selectors.public_consultations(agency, now=now), phase, now=now)
        page = evaluated_page(qs, number, 20)
        for c in page.object_list:
            c.phase = selectors.phase_of(c, now)
            c.phase_label = rules.PHASE_LABELS[c.phase]
        return page

    # The same for every reader until a committed write or the next opening or closing minute (a page
    # cache schedule, consultations.apps; ADR 0043).
    page = memoised(f"consultations.list:{agency.pk}:{phase}:{number}", listing)
    return render(
        request,
        "consultations/portal/list.html",
        {
            "page_title": "意见征集",
            "breadcrumb": [HDJL, ("意见征集", None)],
            "page": page,
            "phase": phase,
            "phases": PHASES,
        },
    )


def _article_asked(request, articles) -> str | None:
    """`?article=` as the comment form's initial value. A value that names no choice selects nothing,
    exactly as any other such value does, so all of them are one value: the unbound form's markup is
    kept per consultation and initial value (`{% formmemo %}`, ADR 0061) and typed values must not
    multiply those entries."""
    asked = request.GET.get("article")
    if asked is None or asked == "" or asked in {str(a.pk) for a in articles}:
        return asked
    return "-"


def _detail_context(request, consultation, form=None):
    now = timezone.now()
    phase = selectors.phase_of(consultation, now)

    def published():
        return {
            "articles": list(consultation.articles.exclude(text="")),
            "groups": selectors.comments_by_article(consultation),
            "attachments": list(consultation.attachments.all()),
            "hearings": list(consultation.hearings.all()),
            "report": selectors.published_report(consultation),
            "has_final": selectors.has_final_text(consultation),
        }

    # What is published on the page is the same for every reader until a committed write (a comment
    # published, the report) or an opening or closing minute ends the page-cache generation (ADR 0043);
    # the form, with its CSRF token, is made for each visitor.
    kept = memoised(f"consultations.detail:{consultation.agency_id}:{consultation.pk}", published)
    articles = kept["articles"]
    return {
        "page_title": consultation.title,
        "breadcrumb": [HDJL, LIST, (consultation.title, None)],
        "c": consultation,
        "phase": phase,
        "phase_label": rules.PHASE_LABELS[phase],
        "groups": kept["groups"],
        "attachments": kept["attachments"],
        "hearings": kept["hearings"],
        "report": kept["report"],
        "has_final": kept["has_final"],
        "form": form
        or CommentForm(articles=articles, initial={"article": _article_asked(request, articles)}),
        "min_days": rules.MIN_WINDOW_DAYS,
    }


def detail(request, pk):
    consultation = _consultation(request, pk)
    return render(request, "consultations/portal/detail.html", _detail_context(request, consultation))


@require_http_methods(["GET", "POST"])
def comment(request, pk):
    consultation = _consultation(request, pk)
    articles = list(consultation.articles.exclude(text=""))
    if request.method == "GET":
        return redirect(reverse("consultations:detail", args=[pk]) + "#comment-form")
    form = CommentForm(request.POST, articles=articles)
    status = 400
    if form.is_valid():
        if form.cleaned_data["website"]:
            form.add_error(None, "提交未成功，请刷新页面后重试。")
        else:
            article = next((a for a in articles if a.pk == form.cleaned_data["article"]), None)
            try:
                row, token = services.submit_comment(
                    consultation=consultation,
                    article=article,
                    body=form.cleaned_data["body"],
                    name=form.cleaned_data["name"],
                    contact=form.cleaned_data["contact"],
                    ip=ratelimit.client_ip(request),
                )
            except DomainError as exc:
                status = exc.http_status if exc.http_status in (409, 429) else 400
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                return redirect("consultations:my_comment", pk=row.pk, token=token)
    context = _detail_context(request, consultation, form=form)
    return render(request, "consultations/portal/detail.html", context, status=status)


def my_comment(request, pk, token):
    """The commenter's own page: their comment whatever its state, with the state and the reason."""
    comment = Comment.objects.select_related("consultation", "article").filter(pk=pk).first()
    if comment is None or not services.token_matches(comment, token):
        raise Http404("没有找到该意见，请检查链接是否完整。")
    link = request.build_absolute_uri(reverse("consultations:my_comment", args=[pk, token]))
    return secret_links.private(
        render(
            request,
            "consultations/portal/my_comment.html",
            {
                "page_title": "我的意见",
                "breadcrumb": [HDJL, LIST, ("我的意见", None)],
                "comment": comment,
                "link": link,
                "report": selectors.published_report(comment.consultation),
                "states": CommentState,
            },
        )
    )


def report(request, pk):
    consultation = _consultation(request, pk)
    # Kept until a committed write or a scheduled publication minute ends the generation (ADR 0043/0063).
    report = memoised(
        f"consultations.report:{consultation.agency_id}:{consultation.pk}",
        lambda: selectors.published_report(consultation),
    )
    if report is None:
        raise Http404("该征求意见的采纳情况尚未公布。")
    snapshot = report.snapshot
    from ..models import Disposition

    return render(
        request,
        "consultations/portal/report.html",
        {
            "page_title": report.title,
            "c": consultation,
            "report": report,
            "breadcrumb": [
                HDJL,
                LIST,
                (consultation.title, reverse("consultations:detail", args=[pk])),
                ("采纳情况", None),
            ],
            "counts": [
                (label, snapshot.get("counts", {}).get(value, 0)) for value, label in Disposition.choices
            ],
            "per_article": [
                (name, [row.get(v, 0) for v in Disposition.values])
                for name, row in snapshot.get("per_article", {}).items()
            ],
            "dispositions": Disposition,
            "disposition_labels": dict(Disposition.choices),
            "groups": snapshot.get("groups", []),
            "snapshot": snapshot,
        },
    )


def comparison(request, pk):
    consultation = _consultation(request, pk)
    if not selectors.has_final_text(consultation):
        raise Http404("尚未公布定稿对照。")
    return render(
        request,
        "consultations/portal/comparison.html",
        {
            "page_title": f"《{consultation.title}》草案与定稿对照",
            "c": consultation,
            "breadcrumb": [
                HDJL,
                LIST,
                (consultation.title, reverse("consultations:detail", args=[pk])),
                ("条文对照", None),
            ],
            "rows": selectors.comparison(consultation),
        },
    )


def attachment(request, pk, attachment_pk):
    consultation = _consultation(request, pk)
    found = consultation.attachments.filter(pk=attachment_pk).first()
    if found is None:
        raise Http404("没有找到该附件。")
    try:
        with found.file.open("rb") as handle:
            data = handle.read()
    except (OSError, ValueError):
        raise Http404("附件暂时无法下载。") from None
    from urllib.parse import quote

    response = HttpResponse(data, content_type=found.mime)
    ascii_name = "".join(
        ch if ch.isascii() and ch.isalnum() or ch in "._-" else "_" for ch in found.original_name
    )
    response["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(found.original_name, safe='')}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
