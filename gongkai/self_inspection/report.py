"""The self-inspection report to the city government office (seed 四(一): 自查整改情况应及时报送市政府办公厅),
as a DOCX built from the campaign's records."""

from __future__ import annotations

import io

from django.utils import timezone
from docx import Document
from docx.shared import Pt

from gongkai.accounts.guard import actor_label

from . import rules, selectors
from .models import Campaign
from .rules import Decision, Status

RECIPIENT = "市人民政府办公厅"


def _decision_text(entry) -> str:
    if entry.decision == Decision.KEEP_WITHHELD:
        article = rules.article(entry.article)
        return f"继续不公开（{article.citation if article else entry.article}）"
    if entry.decision == Decision.PUBLISH:
        return f"转为主动公开（{entry.publication_state}）"
    if entry.decision == Decision.ALREADY_PUBLIC:
        return "已公开"
    return "未决定"


def _table(document, header: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text


def title_of(campaign: Campaign) -> str:
    return f"{campaign.agency.name}{campaign.year}年度政务公开自查情况报告"


def build(campaign: Campaign) -> bytes:
    figures = selectors.figures(campaign)
    entries = selectors.with_states(selectors.entries_of(campaign))
    document = Document()
    style = document.styles["Normal"]
    style.font.size = Pt(12)
    document.add_heading(title_of(campaign), level=1)
    if campaign.status != Status.CLOSED:
        document.add_paragraph("（草稿：自查尚未完成，以下数字以导出时为准。）")
    document.add_paragraph(f"{RECIPIENT}：")
    document.add_paragraph(
        f"按照政务公开工作要点“每年对不予公开的信息以及依申请公开较为集中的信息进行全面自查”的要求，"
        f"我单位对{campaign.year}年度不予公开的信息和依申请公开较为集中的信息进行了全面自查"
        f"（《政府信息公开条例》第十八条、第四十四条），现将有关情况报告如下。"
    )
    document.add_heading("一、自查范围和数量", level=2)
    lines = [
        f"共自查信息 {figures.total} 项，其中："
        + "；".join(f"{label} {n} 项" for label, n in figures.by_kind)
        + "。"
    ]
    lines.append(
        f"经逐项审查，转为主动公开 {figures.to_publish} 项（已发布 {figures.published} 项），"
        f"继续不公开 {figures.kept} 项，经核实已公开 {figures.already_public} 项，尚未决定 {figures.undecided} 项。"
    )
    lines.append(
        f"负面清单共 {figures.negative_total} 项事项，"
        + "，".join(f"{label} {n} 项" for label, n in figures.negative_by_outcome)
        + (f"，尚未审查 {figures.negative_unreviewed} 项" if figures.negative_unreviewed else "")
        + "。"
    )
    for line in lines:
        document.add_paragraph(line)
    document.add_heading("二、自查信息清单", level=2)
    _table(
        document,
        ["序号", "信息名称", "编号", "来源", "自查决定", "理由", "决定人"],
        [
            [
                str(n),
                e.title,
                e.reference or "—",
                e.get_kind_display(),
                _decision_text(e)
                + (f"，索引号 {e.item.index_number}" if e.item and e.item.index_number else ""),
                e.reason or "—",
                actor_label(e.decided_by) if e.decided_by else "—",
            ]
            for n, e in enumerate(entries, start=1)
        ],
    )
    document.add_heading("三、负面清单审查情况", level=2)
    _table(
        document,
        ["序号", "事项", "法律依据", "审查结果", "理由", "审查人"],
        [
            [
                str(n),
                r.matter,
                r.legal_basis,
                r.get_outcome_display() or "未审查",
                r.reason or "—",
                actor_label(r.decided_by) if r.decided_by else "—",
            ]
            for n, r in enumerate(selectors.reviews_of(campaign), start=1)
        ],
    )
    document.add_heading("四、自查整改情况", level=2)
    document.add_paragraph(campaign.conclusion or "（尚未填写）")
    document.add_paragraph("")
    document.add_paragraph(campaign.agency.name)
    day = timezone.localdate(campaign.closed_at) if campaign.closed_at else timezone.localdate()
    document.add_paragraph(f"{day.year}年{day.month}月{day.day}日")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def filename(campaign: Campaign) -> str:
    return f"self-inspection-{campaign.year}.docx"
