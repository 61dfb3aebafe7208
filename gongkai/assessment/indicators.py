"""Each website inspection indicator, computed from the records and the live site at `now`.

Every function returns an Outcome: the verdict, the rule as applied (with its source) and the records or
URLs behind it. Verdicts come from the pure rules in `rules.py`.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from gongkai.catalogue import columns as agency_columns
from gongkai.catalogue.models import CatalogueNode
from gongkai.catalogue.selectors import public_revisions
from gongkai.core import sites
from gongkai.interpretations.selectors import public_interpretations
from gongkai.newmedia.selectors import stale_accounts
from gongkai.public_messages.models import Message
from gongkai.public_messages.states import State as MessageState

from . import accessibility as a11y
from . import rules
from .crawler import crawl
from .models import Verdict
from .rules import ColumnKind

EVIDENCE_LIMIT = 200  # rows kept per indicator (the count is always exact)


@dataclass
class Outcome:
    code: str
    name: str
    verdict: str
    rule: str
    summary: str
    measured: int | None = None
    evidence: list[dict] = field(default_factory=list)
    source: str = rules.SOURCE


def _url(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _ev(label: str, url: str = "", detail: str = "") -> dict:
    return {"label": str(label)[:200], "url": url, "detail": str(detail)[:300]}


def _fmt(moment: datetime | None) -> str:
    if moment is None:
        return "从未更新"
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


# ---------------------------------------------------------------- columns (栏目)


@dataclass
class ColumnState:
    label: str
    url: str
    kind: str
    last_update: datetime | None
    count: int


def columns(agency, now: datetime) -> list[ColumnState]:
    """The columns of `agency`'s site that carry records: each leaf of the 政府信息公开目录, the 政策解读
    column, and the agency's list columns (上级文件 and the columns it added)."""
    latest: dict[int, datetime] = {}
    counts: dict[int, int] = {}
    for node_id, public_at in public_revisions(agency, now=now).values_list("node_id", "public_at"):
        if node_id is None:
            continue
        counts[node_id] = counts.get(node_id, 0) + 1
        if public_at and (node_id not in latest or public_at > latest[node_id]):
            latest[node_id] = public_at
    nodes = list(CatalogueNode.objects.filter(agency=agency, is_active=True).order_by("sort_order", "pk"))
    parents = {n.parent_id for n in nodes if n.parent_id}
    catalogue_url = _url("catalogue:catalogue")
    result = [
        ColumnState(
            label=f"政府信息公开目录 › {node.name}",
            url=f"{catalogue_url}?node={node.pk}" if catalogue_url else "",
            kind=rules.column_kind(node.name),
            last_update=latest.get(node.pk),
            count=counts.get(node.pk, 0),
        )
        for node in nodes
        if node.pk not in parents
    ]
    interpretations = list(public_interpretations(agency, now=now).values_list("published_at", flat=True))
    result.append(
        ColumnState(
            label="政策解读",
            url=_url("interpretations:texts"),
            kind=ColumnKind.NOTICE_POLICY,
            last_update=max((p for p in interpretations if p), default=None),
            count=len(interpretations),
        )
    )
    # The agency's own list columns as its site shows them (上级文件, the columns its administrator
    # added; ADR 0050): a hidden or merged column is not on the site and is not counted.
    for view in agency_columns.list_columns_shown(agency):
        count, last = agency_columns.column_figures(agency, view, now=now)
        result.append(
            ColumnState(
                label=view.label,
                url=sites.agency_path(agency, view.url),
                kind=rules.column_kind(view.label),
                last_update=last,
                count=count,
            )
        )
    return result


def home_page(agency, now: datetime) -> Outcome:
    candidates = []
    newest_item = public_revisions(agency, now=now).order_by("-public_at").first()
    if newest_item and newest_item.public_at:
        candidates.append(
            (newest_item.public_at, newest_item.title, _url("catalogue:item", newest_item.item.slug))
        )
    newest_interpretation = public_interpretations(agency, now=now).order_by("-published_at").first()
    if newest_interpretation and newest_interpretation.published_at:
        candidates.append((newest_interpretation.published_at, newest_interpretation.title, ""))
    last = max(candidates, key=lambda c: c[0]) if candidates else None
    verdict = rules.home_verdict(last[0] if last else None, now)
    days = (now - last[0]).days if last else None
    return Outcome(
        code="home_page",
        name="首页更新",
        verdict=verdict,
        rule=f"首页栏目信息超过 {rules.HOME_STALE_DAYS} 天（2 周）未更新为不合格（单项否决）；"
        f"超过 {rules.HOME_WARNING_DAYS} 天本平台提前预警。",
        summary=f"首页最近更新：{_fmt(last[0]) if last else '从未更新'}"
        + (f"（{days} 天前）" if days is not None else ""),
        measured=days,
        evidence=[_ev(last[1], last[2], f"发布于 {_fmt(last[0])}")] if last else [],
    )


def stale_columns(agency, now: datetime, cols: list[ColumnState]) -> Outcome:
    stale = [
        c
        for c in cols
        if c.kind in (ColumnKind.DYNAMIC, ColumnKind.NOTICE_POLICY)
        and c.count
        and c.last_update < rules.stale_cutoff(c.kind, now)
    ]
    return Outcome(
        code="stale_columns",
        name="栏目不更新",
        verdict=rules.by_count(len(stale), fail_at=rules.STALE_COLUMNS_FAIL_AT),
        rule=f"动态、要闻类栏目超过 {rules.DYNAMIC_STALE_DAYS} 天（2 周）未更新，通知公告、政策文件类栏目超过 "
        f"{rules.NOTICE_STALE_MONTHS} 个月未更新，累计 {rules.STALE_COLUMNS_FAIL_AT} 个及以上为不合格；1 个起预警。",
        summary=f"{len(stale)} 个栏目超期未更新。",
        measured=len(stale),
        evidence=[
            _ev(c.label, c.url, f"{ColumnKind.LABELS[c.kind]}，最近更新 {_fmt(c.last_update)}")
            for c in stale[:EVIDENCE_LIMIT]
        ],
    )


def long_stale_columns(agency, now: datetime, cols: list[ColumnState]) -> Outcome:
    cutoff = now - timedelta(days=rules.LONG_STALE_DAYS)
    stale = [c for c in cols if c.count and c.last_update < cutoff]
    return Outcome(
        code="long_stale_columns",
        name="栏目长期未更新",
        verdict=rules.by_count(len(stale), fail_at=rules.LONG_STALE_FAIL_AT),
        rule=f"应更新但超过 {rules.LONG_STALE_DAYS} 天未更新的栏目 {rules.LONG_STALE_FAIL_AT} 个及以上为不合格；1 个起预警。",
        summary=f"{len(stale)} 个栏目长期未更新。",
        measured=len(stale),
        evidence=[_ev(c.label, c.url, f"最近更新 {_fmt(c.last_update)}") for c in stale[:EVIDENCE_LIMIT]],
    )


def empty_columns(agency, now: datetime, cols: list[ColumnState]) -> Outcome:
    empty = [c for c in cols if not c.count]
    return Outcome(
        code="empty_columns",
        name="空白栏目",
        verdict=rules.by_count(len(empty), fail_at=rules.EMPTY_COLUMNS_FAIL_AT),
        rule=f"没有任何公开信息的空白栏目 {rules.EMPTY_COLUMNS_FAIL_AT} 个及以上为不合格；1 个起预警。",
        summary=f"{len(empty)} 个空白栏目。",
        measured=len(empty),
        evidence=[_ev(c.label, c.url, "无公开信息") for c in empty[:EVIDENCE_LIMIT]],
    )


def unanswered_messages(agency, now: datetime) -> Outcome:
    open_states = (MessageState.RECEIVED, MessageState.ASSIGNED)
    pending = Message.objects.filter(agency=agency, state__in=open_states).order_by("received_at", "pk")
    cutoff = rules.months_before(now, rules.MESSAGE_UNANSWERED_MONTHS)
    over = list(pending.filter(received_at__lt=cutoff))
    overdue = list(pending.filter(received_at__gte=cutoff, due_on__lt=timezone.localdate(now)))
    verdict = Verdict.FAIL if over else (Verdict.WARNING if overdue else Verdict.PASS)
    return Outcome(
        code="unanswered_messages",
        name="互动回应",
        verdict=verdict,
        rule=f"超过 {rules.MESSAGE_UNANSWERED_MONTHS} 个月未答复网民留言为不合格（单项否决）；已过答复期限但未满 "
        f"{rules.MESSAGE_UNANSWERED_MONTHS} 个月的留言预警。",
        summary=f"{len(over)} 条留言超过 3 个月未答复，{len(overdue)} 条已过答复期限。",
        measured=len(over),
        evidence=[
            _ev(
                f"{m.number or m.pk} {m.subject}",
                _url("public_messages_office:detail", m.pk),
                f"收到于 {_fmt(m.received_at)}，答复期限 {m.due_on:%Y-%m-%d}"
                + ("，超过 3 个月" if m in over else "，已过期限"),
            )
            for m in (over + overdue)[:EVIDENCE_LIMIT]
        ],
    )


def newmedia(agency, now: datetime) -> Outcome:
    stale = list(stale_accounts(agency, now).order_by("pk"))
    return Outcome(
        code="newmedia_stale",
        name="政务新媒体更新",
        verdict=Verdict.FAIL if stale else Verdict.PASS,
        rule=f"政务新媒体账号超过 {rules.NEWMEDIA_STALE_DAYS} 天（2 周）未更新为不合格（单项否决）。",
        summary=f"{len(stale)} 个账号超过 2 周未更新。",
        measured=len(stale),
        evidence=[
            _ev(
                f"{a.get_platform_display()} {a.name}",
                _url("newmedia_office:accounts"),
                f"最近更新 {_fmt(a.last_post_at)}",
            )
            for a in stale[:EVIDENCE_LIMIT]
        ],
    )


def site_crawl(agency, now: datetime, *, max_pages: int) -> tuple[list[Outcome], int, list[str] | None]:
    """Broken links, links to withdrawn items and server errors, from one crawl of the public site."""
    public = agency.code == settings.GONGKAI_DEFAULT_AGENCY
    if not public:
        reason = f"本机关的网站不在本平台上（平台公开站点服务 {settings.GONGKAI_DEFAULT_AGENCY}）。"
        return (
            [
                Outcome("broken_links", "不可用链接", Verdict.NOT_AVAILABLE, _BROKEN_RULE, reason),
                Outcome("server_errors", "页面错误", Verdict.NOT_AVAILABLE, _ERROR_RULE, reason),
            ],
            0,
            None,
        )
    report = crawl(max_pages=max_pages)
    bound = f"（已抓取 {report.pages} 个页面{'，达到上限' if report.truncated else ''}）"
    bad = len(report.broken) + len(report.withdrawn)
    links = [_ev(url, url, f"无法打开（404），见于 {src or '首页'}") for url, src in report.broken] + [
        _ev(url, url, f"指向已撤回的信息（410），见于 {src or '首页'}") for url, src in report.withdrawn
    ]
    return (
        [
            Outcome(
                "broken_links",
                "不可用链接",
                rules.by_count(bad, fail_at=rules.BROKEN_LINKS_FAIL_AT),
                _BROKEN_RULE,
                f"{len(report.broken)} 个链接无法打开，{len(report.withdrawn)} 个链接指向已撤回的信息{bound}。",
                bad,
                links[:EVIDENCE_LIMIT],
            ),
            Outcome(
                "server_errors",
                "页面错误",
                Verdict.FAIL if report.errors else Verdict.PASS,
                _ERROR_RULE,
                f"{len(report.errors)} 个页面出现服务器错误{bound}。",
                len(report.errors),
                [_ev(url, url, f"服务器错误：{status}") for url, status in report.errors[:EVIDENCE_LIMIT]],
            ),
        ],
        report.pages,
        report.html_pages,
    )


_BROKEN_RULE = (
    f"站内链接无法打开（404）或仍指向已撤回的信息（410）。本平台：1 个起预警，{rules.BROKEN_LINKS_FAIL_AT} 个及以上"
    f"为不合格；每次最多抓取 {rules.CRAWL_MAX_PAGES} 个页面。"
)
_ERROR_RULE = "页面出现服务器错误（5xx）或无法打开为严重错误，1 个即不合格。"


ACCESSIBILITY_RULE = (
    "页面应符合 GB/T 37668-2019 与 WCAG 2.1 A/AA：由无头浏览器加载 axe-core 逐页检查网站自查抓取到的前 "
    f"{rules.ACCESSIBILITY_MAX_PAGES} 个页面；有违规的页面 1 个起预警，{rules.ACCESSIBILITY_FAIL_AT} 个及以上为不合格。"
    "服务器没有浏览器时注明“无法检查”及原因，不作合格处理。"
)
ACCESSIBILITY_SOURCE = "GB/T 37668-2019；国办秘函〔2019〕19号"


def accessibility_outcome(agency, html_pages: list[str] | None) -> Outcome:
    def not_checked(reason: str) -> Outcome:
        return Outcome(
            "accessibility",
            "无障碍",
            Verdict.NOT_AVAILABLE,
            ACCESSIBILITY_RULE,
            f"无法检查：{reason}",
            source=ACCESSIBILITY_SOURCE,
        )

    if html_pages is None:
        return not_checked(
            f"本机关的网站不在本平台上（平台公开站点服务 {settings.GONGKAI_DEFAULT_AGENCY}）。"
        )
    reason = a11y.availability()
    if reason:
        return not_checked(reason)
    limit = min(
        getattr(settings, "GONGKAI_ACCESSIBILITY_PAGES", rules.ACCESSIBILITY_MAX_PAGES),
        rules.ACCESSIBILITY_MAX_PAGES,
    )
    paths = html_pages[:limit]
    if not paths:
        return not_checked("网站自查没有抓取到可检查的页面。")
    try:
        results = a11y.check(paths)
    except RuntimeError as exc:
        return not_checked(f"浏览器未能运行（{exc}）。")
    failed = [r for r in results if r.error]
    flagged = [r for r in results if r.violations]
    checked = len(results) - len(failed)
    if not checked:
        return not_checked(f"{len(failed)} 个页面均未能在浏览器中打开（{failed[0].error}）。")
    evidence = [
        _ev(
            r.path,
            r.path,
            f"{len(r.violations)} 项违规："
            + "；".join(
                f"{v['id']}（{v['impact'] or '—'}，{v['nodes']} 处）{v['help']}" for v in r.violations[:5]
            ),
        )
        for r in flagged
    ] + [_ev(r.path, r.path, f"未能检查：{r.error}") for r in failed]
    return Outcome(
        "accessibility",
        "无障碍",
        rules.by_count(len(flagged), fail_at=rules.ACCESSIBILITY_FAIL_AT),
        ACCESSIBILITY_RULE,
        f"已用 axe-core 检查 {checked} 个页面，{len(flagged)} 个页面有违规"
        + (f"，{len(failed)} 个页面未能打开" if failed else "")
        + "。",
        len(flagged),
        evidence[:EVIDENCE_LIMIT],
        source=ACCESSIBILITY_SOURCE,
    )


def compute(agency, now: datetime, *, max_pages: int = rules.CRAWL_MAX_PAGES) -> tuple[list[Outcome], int]:
    cols = columns(agency, now)
    crawled, pages, html_pages = site_crawl(agency, now, max_pages=max_pages)
    outcomes = [
        home_page(agency, now),
        stale_columns(agency, now, cols),
        long_stale_columns(agency, now, cols),
        empty_columns(agency, now, cols),
        unanswered_messages(agency, now),
        *crawled,
        newmedia(agency, now),
        accessibility_outcome(agency, html_pages),
    ]
    return outcomes, pages
