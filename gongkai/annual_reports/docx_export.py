"""The annual report as a Word document (DOCX), the form in which the bureau sends it to its superior
office. `build_docx` is pure: it takes the plain data of `report_data` (the tables in the JSON shape of
`tables.compute` / `AnnualReport.snapshot`) and lays it out as the public page does — same section
headings, same table labels (国办公开办函〔2021〕30号) — in the fonts of an official document
(GB/T 9704, as foi_requests.letters does: title 方正小标宋, headings 黑体, text 仿宋_GB2312, tables 宋体)."""

import io

from gongkai.foi_requests.letters import paragraphs

from . import tables

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DRAFT_MARK = "（草稿）"
# (heading, narrative field shown under it); 二/三/四 are followed by their tables.
SECTIONS = (
    ("一、总体情况", "overview"),
    ("二、主动公开政府信息情况", "proactive_note"),
    ("三、收到和处理政府信息公开申请情况", None),
    ("四、政府信息公开行政复议、行政诉讼情况", None),
    ("五、存在的主要问题及改进情况", "problems"),
    ("六、其他需要报告的事项", "other_matters"),
)
MISSING = "未填写"

TITLE_FONT, HEADING_FONT, TEXT_FONT, TABLE_FONT = "方正小标宋简体", "黑体", "仿宋_GB2312", "宋体"
TEXT_SIZE, TABLE_SIZE = 16, 9  # 三号 for the text; small enough for the 15 columns of table 四


def intro_text(year: int) -> str:
    """The sentence under the title, on the public page and in the document."""
    return (
        "本报告根据《中华人民共和国政府信息公开条例》第四十九条、第五十条和《中华人民共和国政府信息公开"
        "工作年度报告格式》（国办公开办函〔2021〕30号）编制。报告中所列数据的统计期限为"
        f"{year}年1月1日至12月31日。"
    )


def report_data(report, report_tables: dict, *, draft: bool) -> dict:
    """The plain input of `build_docx`; `report_tables` is the snapshot, or the live tables of a draft."""
    title = report.title + (DRAFT_MARK if draft else "")
    return {
        "title": title,
        "filename": f"{title}.docx",
        "draft": draft,
        "intro": intro_text(report.year),
        "sections": {field: getattr(report, field) for _h, field in SECTIONS if field},
        "tables": report_tables,
    }


def build_docx(report_data: dict) -> bytes:
    from docx import Document
    from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    from gongkai.core.docx_style import official_page, set_font

    font = set_font

    def text(para, value: str, name=TEXT_FONT, size=TEXT_SIZE, bold=False):
        font(para.add_run(value), name, size, bold)
        return para

    def body(value: str):
        para = doc.add_paragraph()
        para.paragraph_format.line_spacing = Pt(28)
        para.paragraph_format.first_line_indent = Pt(2 * TEXT_SIZE)
        return text(para, value)

    def heading(value: str):
        para = doc.add_paragraph()
        para.paragraph_format.line_spacing = Pt(28)
        para.paragraph_format.first_line_indent = Pt(2 * TEXT_SIZE)
        para.paragraph_format.keep_with_next = True
        # Outline level 1, so that Word's navigation pane lists the six sections.
        ppr = para._p.get_or_add_pPr()
        ppr.append(ppr.makeelement(qn("w:outlineLvl"), {qn("w:val"): "0"}))
        return text(para, value, HEADING_FONT)

    def caption(value: str):
        para = doc.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.paragraph_format.space_before = Pt(6)
        para.paragraph_format.keep_with_next = True
        return text(para, value, TABLE_FONT, TABLE_SIZE + 1.5, bold=True)

    def new_table(rows: int, widths: list[float], header_rows: int):
        table = doc.add_table(rows=rows, cols=len(widths))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Cm(width)
        for row in table.rows[:header_rows]:
            # The header rows repeat at the top of every page the table runs over.
            trpr = row._tr.get_or_add_trPr()
            trpr.append(trpr.makeelement(qn("w:tblHeader"), {}))
        return table

    def put(cell, value, *, align=WD_ALIGN_PARAGRAPH.CENTER, bold=False, indent=0):
        para = cell.paragraphs[0]
        para.alignment = align
        if indent:
            para.paragraph_format.left_indent = Pt(indent * TABLE_SIZE)
        text(para, str(value), TABLE_FONT, TABLE_SIZE, bold)
        cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER

    def number(cell, value):
        put(cell, MISSING if value is None else value, align=WD_ALIGN_PARAGRAPH.RIGHT)

    def merged(table, top: int, left: int, bottom: int, right: int, value: str, **kw):
        cell = table.cell(top, left).merge(table.cell(bottom, right))
        put(cell, value, bold=True, **kw)
        return cell

    t = tables.display(report_data["tables"])
    doc = Document()
    section = doc.sections[0]
    official_page(section)
    width = 21.0 - 2.8 - 2.6

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    text(title, report_data["title"], TITLE_FONT, 22)
    if report_data["draft"]:
        note = doc.add_paragraph()
        note.alignment = WD_ALIGN_PARAGRAPH.CENTER
        text(note, "草稿：表中数字由系统记录实时生成，报告发布时才固定。", TEXT_FONT, 12)
    body(report_data["intro"])

    def table2():
        decisions = [(label, [value]) for label, value in t["table2_decisions"]]
        count = ["本年处理决定数量"]
        parts = [
            ("第二十条第（一）项", t["table2_document_columns"], t["table2_documents"]),
            ("第二十条第（五）项", count, decisions[:1]),  # 行政许可
            ("第二十条第（六）项", count, decisions[1:]),  # 行政处罚, 行政强制
            ("第二十条第（八）项", ["本年收费金额（单位：万元）"], [("行政事业性收费", [t["table2_fees"]])]),
        ]
        for cap, heads, rows in parts:
            caption(cap)
            label_width = 4.6
            widths = [label_width] + [(width - label_width) / len(heads)] * len(heads)
            table = new_table(1 + len(rows), widths, header_rows=1)
            for col, label in enumerate(["信息内容", *heads]):
                put(table.cell(0, col), label, bold=True)
            for r, (label, values) in enumerate(rows, start=1):
                put(table.cell(r, 0), label)
                for col, value in enumerate(values, start=1):
                    number(table.cell(r, col), value)

    def table3():
        # 3 label columns (merged, as the HTML's colspan="3") and 7 figures: 自然人, 5 kinds of 法人或其他组织, 总计.
        figure = 1.3
        label = (width - 7 * figure) / 3
        rows = t["table3_rows"]
        table = new_table(3 + len(rows), [label] * 3 + [figure] * 7, header_rows=3)
        merged(table, 0, 0, 2, 2, t["table3_header"])
        merged(table, 0, 3, 0, 9, "申请人情况")
        merged(table, 1, 3, 2, 3, "自然人")
        merged(table, 1, 4, 1, 8, "法人或其他组织")
        merged(table, 1, 9, 2, 9, "总计")
        for col, org in enumerate(t["table3_org_labels"], start=4):
            put(table.cell(2, col), org, bold=True)
        for r, row in enumerate(rows, start=3):
            cell = table.cell(r, 0).merge(table.cell(r, 2))
            put(cell, row["label"], align=WD_ALIGN_PARAGRAPH.LEFT, indent=row["level"])
            if not row["cells"]:
                table.cell(r, 3).merge(table.cell(r, 9))
                continue
            for col, (value, _column) in enumerate(row["cells"], start=3):
                number(table.cell(r, col), value or 0)

    def table4():
        results = t["table4_results"]
        table = new_table(4, [width / 15] * 15, header_rows=3)
        merged(table, 0, 0, 1, 4, "行政复议")
        merged(table, 0, 5, 0, 14, "行政诉讼")
        merged(table, 1, 5, 1, 9, "未经复议直接起诉")
        merged(table, 1, 10, 1, 14, "复议后起诉")
        values = [
            *t["table4_rows"]["review"],
            *t["table4_rows"]["suit_direct"],
            *t["table4_rows"]["suit_after_review"],
        ]
        for col, (label, value) in enumerate(zip(results * 3, values, strict=True)):
            put(table.cell(2, col), label, bold=True)
            number(table.cell(3, col), value)

    section_tables = {"二": table2, "三": table3, "四": table4}
    for title_text, field in SECTIONS:
        heading(title_text)
        if field:
            for part in paragraphs(report_data["sections"].get(field) or ""):
                body(part)
        if title_text[0] in section_tables:
            section_tables[title_text[0]]()
    if not report_data["draft"]:
        para = doc.add_paragraph()
        para.paragraph_format.space_before = Pt(12)
        text(
            para,
            "表中数字为本报告发布时由政务公开平台记录生成并经校验的数据，发布后不再变动。",
            TEXT_FONT,
            12,
        )
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
