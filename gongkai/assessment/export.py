"""XLSX export of the scores of a period (openpyxl): the board, then one sheet of records per measure."""

from io import BytesIO

from openpyxl import Workbook

from . import scoring
from .measures import MEASURES, PeriodRange


def scores_workbook(agency, period: PeriodRange) -> bytes:
    ranked, whole, rows = scoring.scoreboard(agency, period)
    book = Workbook()
    sheet = book.active
    sheet.title = "考核得分"
    sheet.append([f"{agency.name} 政务公开绩效考核 {period.label}"])
    sheet.append(["排名", "处室", *[f"{m.label}（达标/总数）" for m in MEASURES], "察访核验扣分", "得分"])
    for line in [*ranked, whole]:
        sheet.append(
            [
                line.rank or "",
                line.label,
                *[f"{line.cells[m.code].met}/{line.cells[m.code].total}" for m in MEASURES],
                float(line.deducted),
                float(line.score),
            ]
        )
    for measure in MEASURES:
        detail = book.create_sheet(measure.label[:31])
        detail.append(["记录", "处室", "是否达标", "说明"])
        for row in rows[measure.code]:
            detail.append([row.label, row.department, "是" if row.met else "否", row.detail])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
