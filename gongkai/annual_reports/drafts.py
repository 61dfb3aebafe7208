"""Pre-filled drafts of the narrative sections 一 / 五 / 六 of the annual report, from the year's records.

The office edits them; what only people know is left as a 【待填写：…】 gap, and the completeness check
(services.check_complete) refuses a report that still has one. Section 五 is prompted by the failed
inspection indicators and assessment measures of the year: the assessment app sits above this one, so
it registers a problem source here (`register_problem_source`) instead of being imported.
"""

from collections.abc import Callable
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.db.models import Count, Q, Sum
from django.utils import timezone

GAP_OPEN = "【待填写"  # a gap the office must fill before the report can be submitted
SHANGHAI = ZoneInfo("Asia/Shanghai")

_problem_sources: list[Callable] = []


def register_problem_source(source: Callable) -> Callable:
    """`source(agency, year)` returns lines naming what went wrong in the year (with the figures)."""
    _problem_sources.append(source)
    return source


def gap(text: str) -> str:
    return f"{GAP_OPEN}：{text}】"


def has_gap(text: str) -> bool:
    return GAP_OPEN in (text or "")


def _span(year: int) -> tuple[datetime, datetime]:
    start = datetime.combine(date(year, 1, 1), time.min, tzinfo=SHANGHAI)
    return start, datetime.combine(date(year + 1, 1, 1), time.min, tzinfo=SHANGHAI)


def figures(agency, year: int) -> dict:
    """The year's counts behind section 一 (each from the records of its capability)."""
    from gongkai.catalogue.models import ItemRevision, RevisionStatus
    from gongkai.consultations.models import Comment, Consultation
    from gongkai.foi_requests.models import FoiRequest
    from gongkai.interpretations.models import Interpretation
    from gongkai.interpretations.models import Status as InterpretationStatus
    from gongkai.interviews.models import Interview
    from gongkai.newmedia.models import Account
    from gongkai.opendata.models import Release
    from gongkai.press.models import Conference
    from gongkai.public_messages.models import Message

    start, end = _span(year)
    in_year = {"__gte": start, "__lt": end}

    def between(field: str) -> dict:
        return {f"{field}{k}": v for k, v in in_year.items()}

    revisions = ItemRevision.objects.filter(item__agency=agency, **between("published_at")).exclude(
        status=RevisionStatus.DRAFT
    )
    foi = FoiRequest.objects.filter(agency=agency)
    messages = Message.objects.filter(agency=agency)
    return {
        "items": revisions.values("item").distinct().count(),
        "policies": revisions.filter(needs_interpretation=True).values("item").distinct().count(),
        "interpretations": Interpretation.objects.filter(
            agency=agency, status=InterpretationStatus.PUBLISHED, **between("published_at")
        ).count(),
        "foi_received": foi.filter(submitted_at__gte=start, submitted_at__lt=end).count(),
        "foi_closed": foi.filter(closed_on__gte=date(year, 1, 1), closed_on__lte=date(year, 12, 31)).count(),
        "consultations": Consultation.objects.filter(agency=agency, **between("opens_at")).count(),
        "comments": Comment.objects.filter(consultation__agency=agency, **between("submitted_at")).count(),
        "messages_received": messages.filter(**between("received_at")).count(),
        "messages_replied": messages.filter(**between("replied_at")).count(),
        "interviews": Interview.objects.filter(agency=agency, **between("starts_at")).count(),
        "conferences": Conference.objects.filter(agency=agency, **between("starts_at")).count(),
        "data_releases": Release.objects.filter(agency=agency, **between("scheduled_at"))
        .exclude(state=Release.State.CANCELLED)
        .count(),
        "newmedia_accounts": Account.objects.filter(agency=agency).count(),
    }


def overview(agency, year: int) -> str:
    f = figures(agency, year)
    return "\n\n".join(
        [
            f"{year}年，{agency.name}深入贯彻《中华人民共和国政府信息公开条例》，"
            + gap("本年度政务公开工作的主要部署和成效"),
            f"（一）主动公开。全年主动公开政府信息 {f['items']} 条，其中需解读的政策文件 {f['policies']} 件；"
            f"发布政策解读 {f['interpretations']} 篇。",
            f"（二）依申请公开。全年收到政府信息公开申请 {f['foi_received']} 件，办结 {f['foi_closed']} 件"
            "（详见第三部分）。",
            f"（三）政民互动。开展征求意见 {f['consultations']} 次，收到意见 {f['comments']} 条；收到网民留言 "
            f"{f['messages_received']} 件，答复 {f['messages_replied']} 件；举办在线访谈 {f['interviews']} 期、"
            f"新闻发布会 {f['conferences']} 场。",
            f"（四）平台建设。按发布日程发布统计数据 {f['data_releases']} 次；管理政务新媒体账号 "
            f"{f['newmedia_accounts']} 个；" + gap("政府网站和政务新媒体建设管理情况"),
            "（五）监督保障。" + gap("组织领导、制度建设、培训和考核情况"),
        ]
    )


def problems(agency, year: int) -> str:
    found = [line for source in _problem_sources for line in source(agency, year)]
    parts = []
    if found:
        parts.append(
            "（一）存在的主要问题。根据本年度网站自查和绩效考核记录：\n"
            + "\n".join(f"{n}. {line}" for n, line in enumerate(found, 1))
        )
    else:
        parts.append(
            "（一）存在的主要问题。本年度网站自查和绩效考核未发现不合格或未达标项；" + gap("其他问题")
        )
    parts.append("（二）改进情况。" + gap("针对上述问题的整改措施，以及上一年度问题的整改落实情况"))
    return "\n\n".join(parts)


def fee_figures(agency, year: int) -> dict:
    """信息处理费 charged on requests closed in the year (国办函〔2020〕109号)."""
    from gongkai.foi_requests.models import FoiRequest

    closed = FoiRequest.objects.filter(
        agency=agency, closed_on__gte=date(year, 1, 1), closed_on__lte=date(year, 12, 31)
    )
    charged = closed.exclude(fee_method="none").filter(Q(fee_amount__gt=0) | Q(fee_full_amount__gt=0))
    totals = charged.aggregate(amount=Sum("fee_amount"), full=Sum("fee_full_amount"), count=Count("pk"))
    return {
        "count": totals["count"] or 0,
        "amount": totals["amount"] or 0,
        "relieved": (totals["full"] or 0) - (totals["amount"] or 0),
    }


def key_task_figures(agency, year: int) -> dict | None:
    from gongkai.key_tasks.models import KeyTask
    from gongkai.key_tasks.selectors import task_views

    tasks = KeyTask.objects.filter(agency=agency, year=year)
    if not tasks.exists():
        return None
    today = min(timezone.localdate(), date(year, 12, 31))  # the status as at the year's end
    counts: dict[str, int] = {}
    for view in task_views(tasks, today):
        counts[view.status.label] = counts.get(view.status.label, 0) + 1
    return {"total": sum(counts.values()), "by_status": counts}


def other_matters(agency, year: int) -> str:
    fees = fee_figures(agency, year)
    if fees["count"]:
        fee_text = (
            f"（一）信息处理费收取情况。依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），本年度对 "
            f"{fees['count']} 件申请收取信息处理费，共计 {fees['amount']} 元"
            + (f"，减免 {fees['relieved']} 元" if fees["relieved"] else "")
            + "。"
        )
    else:
        fee_text = (
            "（一）信息处理费收取情况。依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），"
            "本年度未收取信息处理费。"
        )
    tasks = key_task_figures(agency, year)
    if tasks:
        statuses = "，".join(f"{label} {n} 项" for label, n in tasks["by_status"].items())
        task_text = f"（二）重点工作任务落实情况。本年度公开重点任务 {tasks['total']} 项，其中{statuses}。"
    else:
        task_text = "（二）重点工作任务落实情况。" + gap("本年度重点工作任务及落实情况")
    return "\n\n".join(
        [
            fee_text,
            task_text,
            "（三）人大代表建议和政协提案办理结果公开情况。"
            + gap("本年度承办的建议、提案件数和办理结果公开情况（平台未记录）"),
            "（四）落实上级年度政务公开工作要点情况。" + gap("逐项落实情况"),
        ]
    )


def sections(agency, year: int) -> dict[str, str]:
    return {
        "overview": overview(agency, year),
        "problems": problems(agency, year),
        "other_matters": other_matters(agency, year),
    }
