"""The inspection rules as named constants and pure functions (no database).

Source of every figure: 《国务院办公厅秘书局关于印发政府网站与政务新媒体检查指标、监管工作年度考核
指标的通知》（国办秘函〔2019〕19号），附件1《政府网站与政务新媒体检查指标》，单项否决指标“站点无法访问、
网站不更新、栏目不更新、严重错误、互动回应差”.
"""

from datetime import datetime, timedelta

from .models import Verdict

SOURCE = "国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》"

HOME_STALE_DAYS = 14  # 网站不更新：首页栏目信息超过 2 周未更新
HOME_WARNING_DAYS = 10  # the platform warns four days before the 2-week veto
DYNAMIC_STALE_DAYS = 14  # 栏目不更新：动态、要闻类栏目超过 2 周未更新
NOTICE_STALE_MONTHS = 6  # 栏目不更新：通知公告、政策文件类栏目超过 6 个月未更新
STALE_COLUMNS_FAIL_AT = 5  # 上述栏目累计超过 5 个（含）即单项否决
LONG_STALE_DAYS = 365  # 应更新但长期（超过 1 年）未更新的栏目
LONG_STALE_FAIL_AT = 10  # 应更新但长期未更新的栏目数量超过 10 个（含）
EMPTY_COLUMNS_FAIL_AT = 5  # 空白栏目数量超过 5 个（含）
MESSAGE_UNANSWERED_MONTHS = 3  # 互动回应差：超过 3 个月对网民留言不回应
NEWMEDIA_STALE_DAYS = 14  # 政务新媒体：超过 2 周未更新
BROKEN_LINKS_FAIL_AT = 5  # 严重错误：不可用链接（本平台：1 个起预警，5 个起不合格）
CRAWL_MAX_PAGES = 300  # the crawler's bound per run
# 无障碍 (GB/T 37668-2019): axe-core over the first pages of the crawl; a local rule of this platform,
# not a veto item of 国办秘函〔2019〕19号 — one page with violations warns, five fail.
ACCESSIBILITY_MAX_PAGES = 20
ACCESSIBILITY_FAIL_AT = 5

DYNAMIC_KEYWORDS = ("动态", "要闻", "新闻", "工作信息", "热点")
NOTICE_POLICY_KEYWORDS = ("通知", "公告", "政策", "文件", "规划", "计划", "公示", "解读")


class ColumnKind:
    DYNAMIC = "dynamic"
    NOTICE_POLICY = "notice_policy"
    OTHER = "other"

    LABELS = {DYNAMIC: "动态、要闻类", NOTICE_POLICY: "通知公告、政策文件类", OTHER: "其他应更新栏目"}


def column_kind(label: str) -> str:
    if any(word in label for word in DYNAMIC_KEYWORDS):
        return ColumnKind.DYNAMIC
    if any(word in label for word in NOTICE_POLICY_KEYWORDS):
        return ColumnKind.NOTICE_POLICY
    return ColumnKind.OTHER


def months_before(moment: datetime, months: int) -> datetime:
    """The same clock time `months` calendar months earlier (the 31st falls back to the month's last day)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    day = moment.day
    while True:
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            day -= 1


def stale_cutoff(kind: str, now: datetime) -> datetime:
    """Updated before this moment = stale for a column of `kind`."""
    if kind == ColumnKind.DYNAMIC:
        return now - timedelta(days=DYNAMIC_STALE_DAYS)
    if kind == ColumnKind.NOTICE_POLICY:
        return months_before(now, NOTICE_STALE_MONTHS)
    return now - timedelta(days=LONG_STALE_DAYS)


def by_count(count: int, *, fail_at: int, warn_at: int = 1) -> str:
    if count >= fail_at:
        return Verdict.FAIL
    if count >= warn_at:
        return Verdict.WARNING
    return Verdict.PASS


def home_verdict(last_update: datetime | None, now: datetime) -> str:
    if last_update is None or last_update < now - timedelta(days=HOME_STALE_DAYS):
        return Verdict.FAIL
    if last_update < now - timedelta(days=HOME_WARNING_DAYS):
        return Verdict.WARNING
    return Verdict.PASS


def overall(verdicts: list[str]) -> str:
    if Verdict.FAIL in verdicts:
        return Verdict.FAIL
    if Verdict.WARNING in verdicts:
        return Verdict.WARNING
    return Verdict.PASS
