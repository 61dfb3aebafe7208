"""Answer letters: editable templates (Django template syntax, variables only), rendered to text,
to printable HTML and to DOCX in the layout of a Chinese official letter (GB/T 9704: title in
方正小标宋/黑体, body in 仿宋_GB2312 三号, agency and date at the bottom right)."""

import io
import re

from django.template import Context, Engine, TemplateSyntaxError

from gongkai.core.errors import ValidationFailed
from gongkai.workdays.selectors import legal_date

from .outcomes import Outcome, info, remedies_for

# The only names a template may use; each is a plain string in the context, so nothing can be reached
# through attributes, and tags, filters and comments are refused outright.
VARIABLES = {
    "applicant_name": "申请人姓名或名称",
    "tracking_number": "申请编号",
    "submitted_date": "提交日期",
    "received_date": "收到申请日期",
    "description": "申请内容",
    "outcome_label": "答复类型",
    "basis": "依据",
    "answer_text": "答复正文（办理人员填写）",
    "documents": "所附政府信息清单",
    "remedies": "救济途径",
    "agency_name": "机关名称",
    "letter_date": "答复日期",
    "letter_number": "文号",
}
_PLACEHOLDER = re.compile(r"{{\s*([^{}]*?)\s*}}")
_ENGINE = Engine(autoescape=False, libraries={}, builtins=[])

DEFAULT_TITLE = "政府信息公开申请答复书"
DEFAULT_BODY = """{{ applicant_name }}：

本机关于{{ received_date }}收到您（单位）提出的政府信息公开申请（申请编号：{{ tracking_number }}），申请获取“{{ description }}”。经审查，现答复如下：

{{ answer_text }}

依据：{{ basis }}。

{{ documents }}

{{ remedies }}"""


def validate_template(body: str) -> None:
    if "{%" in body or "{#" in body:
        raise ValidationFailed("模板中只能使用 {{ 变量 }}，不能使用标签或注释。", field="body")
    for name in _PLACEHOLDER.findall(body):
        if name not in VARIABLES:
            raise ValidationFailed(f"模板变量“{name}”不可用。可用的变量：" + "、".join(VARIABLES), field="body")
    leftovers = _PLACEHOLDER.sub("", body)
    if "{{" in leftovers or "}}" in leftovers:
        raise ValidationFailed("模板中有未闭合的 {{ }}。", field="body")
    try:
        _ENGINE.from_string(body)
    except TemplateSyntaxError:
        raise ValidationFailed("模板格式不正确。", field="body")


def render_text(body: str, context: dict[str, str]) -> str:
    validate_template(body)
    values = {name: str(context.get(name, "")) for name in VARIABLES}
    return _ENGINE.from_string(body).render(Context(values, autoescape=False))


def cn_date(value) -> str:
    """2026年11月28日, as dates read in running text (SITE.md)."""
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def letter_context(foi_request, *, agency_name: str) -> dict[str, str]:
    outcome = foi_request.outcome or Outcome.OTHER
    docs = [d.title for d in foi_request.documents.filter(is_public=True, role="disclosed")]
    return {
        "applicant_name": foi_request.applicant_name,
        "tracking_number": foi_request.tracking_number,
        "submitted_date": cn_date(legal_date(foi_request.submitted_at)),
        "received_date": cn_date(foi_request.received_on) if foi_request.received_on else "",
        "description": foi_request.description,
        "outcome_label": Outcome(outcome).label,
        "basis": info(outcome).basis,
        "answer_text": foi_request.answer_text,
        "documents": ("附：" + "；".join(f"{i}.《{t}》" for i, t in enumerate(docs, 1))) if docs else "",
        "remedies": remedies_for(outcome),
        "agency_name": agency_name,
        "letter_date": cn_date(foi_request.closed_on) if foi_request.closed_on else "",
        "letter_number": foi_request.letter_number,
    }


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]


def build_docx(*, title: str, letter_number: str, text: str, agency_name: str, letter_date: str) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    def font(run, name: str, size: float, bold=False):
        run.font.name = name
        run.font.size = Pt(size)
        run.font.bold = bold
        rpr = run._element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.append(fonts)
        fonts.set(qn("w:eastAsia"), name)

    doc = Document()
    section = doc.sections[0]
    # GB/T 9704-2012: A4, top margin 37 mm, left 28 mm (here as the standard page of an official letter).
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    font(heading.add_run(title), "方正小标宋简体", 22)
    if letter_number:
        number = doc.add_paragraph()
        number.alignment = WD_ALIGN_PARAGRAPH.CENTER
        font(number.add_run(letter_number), "仿宋_GB2312", 16)
    parts = paragraphs(text)
    for index, part in enumerate(parts):
        para = doc.add_paragraph()
        para.paragraph_format.line_spacing = Pt(28)
        if index == 0 and part.endswith("："):
            font(para.add_run(part), "仿宋_GB2312", 16)  # the addressee, flush left
        else:
            para.paragraph_format.first_line_indent = Pt(32)
            bold = part.startswith("依据")
            font(para.add_run(part), "黑体" if bold else "仿宋_GB2312", 16)
    for line in (agency_name, letter_date):
        para = doc.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        font(para.add_run(line), "仿宋_GB2312", 16)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def template_for(agency, kind: str) -> tuple[str, str]:
    """The agency's template for this answer type, else its general answer template, else the default."""
    from .models import LetterTemplate

    templates = {t.kind: t for t in LetterTemplate.objects.filter(agency=agency, kind__in=[kind, "answer"])}
    chosen = templates.get(kind) or templates.get("answer")
    return (chosen.title, chosen.body) if chosen else (DEFAULT_TITLE, DEFAULT_BODY)


def letter_for(foi_request) -> dict[str, str]:
    agency = foi_request.agency
    site = getattr(agency, "site_settings", None)
    agency_name = (site.host_organisation if site and site.host_organisation else "") or agency.name
    title, body = template_for(agency, foi_request.outcome or "answer")
    context = letter_context(foi_request, agency_name=agency_name)
    text = re.sub(r"\n\s*\n(\s*\n)+", "\n\n", render_text(body, context)).strip()
    return {"title": title, "text": text, "agency_name": agency_name,
            "letter_date": context["letter_date"], "letter_number": foi_request.letter_number}


def letter_docx(foi_request) -> bytes:
    letter = letter_for(foi_request)
    return build_docx(title=letter["title"], letter_number=letter["letter_number"], text=letter["text"],
                      agency_name=letter["agency_name"], letter_date=letter["letter_date"])
