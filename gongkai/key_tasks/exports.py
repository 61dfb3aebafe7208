"""XLSX ledgers for the office: the task ledger (台账) and the rectification ledger."""

from io import BytesIO

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _response(title: str, header: list[str], rows: list[list], filename: str) -> HttpResponse:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"
    buffer = BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def task_ledger(views) -> HttpResponse:
    rows = []
    for v in views:
        t = v.task
        overdue = [m.title for m, _f, flag in v.milestones if flag == "overdue"]
        rows.append(
            [
                t.pk,
                t.year,
                t.title,
                t.department.name,
                t.get_source_display(),
                t.source_title,
                t.weight,
                t.due_on,
                len(v.milestones),
                v.progress,
                v.status.label,
                "；".join(overdue),
                "演示" if t.is_demo else "",
            ]
        )
    header = [
        "编号",
        "年度",
        "任务名称",
        "牵头处室",
        "任务来源",
        "来源文件",
        "权重",
        "完成时限",
        "节点数",
        "加权进度（%）",
        "状态",
        "逾期节点",
        "备注",
    ]
    return _response("重点任务台账", header, rows, "key-task-ledger.xlsx")


def rectification_ledger(findings, today) -> HttpResponse:
    rows = []
    for f in findings:
        rect = f.rectifications.order_by("-submitted_at").first()
        overdue = f.state != "confirmed" and f.rectify_by < today
        rows.append(
            [
                f.pk,
                f.title,
                f.get_source_display(),
                f.department.name,
                f.found_on,
                f.rectify_by,
                f.get_state_display(),
                "是" if overdue else "",
                rect.measures if rect else "",
                rect.completed_on if rect else None,
                rect.get_decision_display() if rect else "",
                (rect.decided_by.get_full_name() if rect and rect.decided_by else ""),
            ]
        )
    header = [
        "编号",
        "问题",
        "督查来源",
        "整改责任处室",
        "发现日期",
        "整改期限",
        "状态",
        "逾期",
        "整改措施",
        "整改完成日期",
        "督查确认",
        "确认人",
    ]
    return _response("整改台账", header, rows, "rectification-ledger.xlsx")
