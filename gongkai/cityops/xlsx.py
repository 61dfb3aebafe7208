"""The official XLSX template of tables 二/三/四 (国办公开办函〔2021〕30号 layout: one sheet per table,
rows and columns in the order and wording of the format) — generated with openpyxl, offered for
download, read back by a bounded parser, and written out filled for the city summary.

Bounds of the reader (as the other office uploads, issue 12): at most MAX_BYTES, refused when the
zip carries macros or unpacks too far (confidentiality.filetypes.archive_problem), read in read-only
(streaming) mode, and only the first MAX_ROWS × MAX_COLUMNS of each of the three sheets is read.
"""

import io

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

from gongkai.annual_reports.tables import TABLE4_KIND_LABELS, TABLE4_RESULT_LABELS
from gongkai.core.errors import ValidationFailed
from gongkai.foi_requests.outcomes import TABLE3_HEADER

from . import tables as T

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 60
MAX_COLUMNS = 20
BOLD = Font(bold=True)


def _title(sheet, text: str, width: int) -> None:
    sheet.cell(row=1, column=1, value=text).font = BOLD
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)


def build(tables: dict | None = None, *, heading: str = "") -> bytes:
    """The template (all zeros) or, given `tables`, the same layout filled in."""
    data = tables or T.empty()
    book = Workbook()
    s2 = book.active
    s2.title = T.SHEET2
    _title(s2, f"{heading}二、主动公开政府信息情况", 4)
    s2.append([])
    s2.append(["信息内容", *[c for _k, c in T.TABLE2_DOC_COLUMNS]])
    for row, label in T.TABLE2_DOC_ROWS:
        s2.append([label, *[data["table2"][f"{row}.{col}"] for col, _c in T.TABLE2_DOC_COLUMNS]])
    s2.append([])
    s2.append(["信息内容", "本年处理决定数量"])
    for key, label in T.TABLE2_DECISIONS:
        s2.append([label, data["table2"][key]])
    s2.append(["信息内容", "本年收费金额（单位：万元）"])
    s2.append(["行政事业性收费", float(data["table2"]["fees"]) if tables else 0])
    s2.column_dimensions["A"].width = 22
    for col in "BCD":
        s2.column_dimensions[col].width = 16

    s3 = book[book.create_sheet(T.SHEET3).title]
    _title(s3, f"{heading}三、收到和处理政府信息公开申请情况", 8)
    s3.append(["本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和", "申请人情况"])
    s3.append(["", *[T.column_label(c) for c in T.TABLE3_COLUMNS]])
    for row in T.TABLE3_VALUE_ROWS:
        s3.append([row.label, *[data["table3"][row.key][c] for c in T.TABLE3_COLUMNS]])
    s3.column_dimensions["A"].width = 60
    s3.cell(row=2, column=1).alignment = Alignment(wrap_text=True)
    s3.cell(row=2, column=1, value=TABLE3_HEADER)

    s4 = book[book.create_sheet(T.SHEET4).title]
    _title(s4, f"{heading}四、政府信息公开行政复议、行政诉讼情况", 15)
    s4.append([TABLE4_KIND_LABELS[k] for k in T.TABLE4_KINDS for _ in range(5)])
    s4.append(
        [
            (TABLE4_RESULT_LABELS[c] if c != T.TOTAL else "总计")
            for _k in T.TABLE4_KINDS
            for c in T.TABLE4_COLUMNS
        ]
    )
    s4.append([data["table4"][k][c] for k in T.TABLE4_KINDS for c in T.TABLE4_COLUMNS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _grid(sheet) -> dict[tuple[int, int], object]:
    values = {}
    for r, row in enumerate(sheet.iter_rows(values_only=True, max_row=MAX_ROWS, max_col=MAX_COLUMNS), 1):
        for c, value in enumerate(row, 1):
            if value is not None:
                values[(r, c)] = value
    return values


def parse(data: bytes, filename: str = "") -> dict:
    """The canonical tables from an uploaded template, each figure read from its cell; a figure that
    is not a count refuses the file naming the cell. The sums are checked by the caller (services)."""
    from gongkai.confidentiality.filetypes import archive_problem

    if not data:
        raise ValidationFailed("文件是空的，请选择填好的 XLSX 模板。", field="file")
    if len(data) > MAX_BYTES:
        raise ValidationFailed(f"文件不能超过 {MAX_BYTES // (1024 * 1024)} MB。", field="file")
    if data[:4] != b"PK\x03\x04" or (filename and not filename.lower().endswith(".xlsx")):
        raise ValidationFailed("请上传 Excel（.xlsx）格式的统计表模板。", field="file")
    problem = archive_problem(data)
    if problem:
        raise ValidationFailed(f"{problem}，未读取。", field="file")
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        names = book.sheetnames
        missing = [s for s in (T.SHEET2, T.SHEET3, T.SHEET4) if s not in names]
        if missing:
            book.close()
            raise ValidationFailed(
                f"文件缺少工作表“{'”“'.join(missing)}”：请使用本平台下载的统计表模板填写。", field="file"
            )
        grids = {name: _grid(book[name]) for name in (T.SHEET2, T.SHEET3, T.SHEET4)}
        book.close()
    except ValidationFailed:
        raise
    except Exception as exc:  # noqa: BLE001 — openpyxl raises many kinds on a corrupt file
        raise ValidationFailed(f"无法读取该 XLSX 文件：{exc.__class__.__name__}", field="file") from None
    out = T.empty()
    for key, (sheet, ref) in T.CELLS.items():
        letters, row = coordinate_from_string(ref)
        raw = grids[sheet].get((row, column_index_from_string(letters)))
        where = f"{T.cell_name(key)}（{T.describe(key)}）"
        if key == ("table2", "fees"):
            out["table2"]["fees"] = T.amount_value(raw, key, where=where)
        elif key[0] == "table2":
            out["table2"][key[1]] = T.count_value(raw, key, where=where)
        else:
            out[key[0]][key[1]][key[2]] = T.count_value(raw, key, where=where)
    return out


def summary_workbook(tables: dict, rows: list, *, year: int) -> bytes:
    """The city summary: the three tables in the template layout, and a sheet of who reported when."""
    data = build(tables, heading=f"{year}年度全市汇总　")
    book = load_workbook(io.BytesIO(data))
    sheet = book.create_sheet("报送情况")
    sheet.append(["机关", "报送方式", "报送日期", "状态"])
    for row in rows:
        sheet.append(
            [
                row.agency.name,
                row.source_label,
                row.submitted_on.isoformat() if row.submitted_on else "",
                row.state_label,
            ]
        )
    for i, width in enumerate((30, 16, 14, 14), 1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
