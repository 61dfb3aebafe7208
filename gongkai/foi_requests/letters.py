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
    # The notices (补正告知书, 延长答复期限告知书, 收费通知书); empty in answer letters.
    "notice_date": "告知日期",
    "supplement_items": "需要补正的事项",
    "supplement_days": "补正期限（工作日）",
    "supplement_due_date": "补正截止日期",
    "extension_days": "延长的工作日数",
    "extension_reason": "延长理由",
    "answer_due_date": "答复期限",
    "fee_amount": "信息处理费金额（元）",
    "fee_explanation": "收费计算说明",
    "fee_due_date": "缴费截止日期",
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
            raise ValidationFailed(
                f"模板变量“{name}”不可用。可用的变量：" + "、".join(VARIABLES), field="body"
            )
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
    from docx.shared import Pt

    from gongkai.core.docx_style import official_page, set_font

    font = set_font

    doc = Document()
    section = doc.sections[0]
    official_page(section)
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
    return {
        "title": title,
        "text": text,
        "agency_name": agency_name,
        "letter_date": context["letter_date"],
        "letter_number": foi_request.letter_number,
    }


def letter_docx(foi_request) -> bytes:
    letter = letter_for(foi_request)
    return build_docx(
        title=letter["title"],
        letter_number=letter["letter_number"],
        text=letter["text"],
        agency_name=letter["agency_name"],
        letter_date=letter["letter_date"],
    )


# --- notices ---------------------------------------------------------------------------------------
SUPPLEMENT_BODY = """{{ applicant_name }}：

本机关于{{ received_date }}收到您（单位）提出的政府信息公开申请（申请编号：{{ tracking_number }}），申请获取“{{ description }}”。经审查，您的申请内容不明确，根据《中华人民共和国政府信息公开条例》第三十条的规定，现一次性告知您需要补正的事项：

{{ supplement_items }}

请您于{{ supplement_due_date }}前（{{ supplement_days }}个工作日内）补正。答复期限自本机关收到补正的申请之日起计算。您无正当理由逾期不补正的，视为放弃申请，本机关将不再处理该政府信息公开申请。"""

EXTENSION_BODY = """{{ applicant_name }}：

本机关于{{ received_date }}收到您（单位）提出的政府信息公开申请（申请编号：{{ tracking_number }}）。因{{ extension_reason }}，不能在法定期限内作出答复。根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长{{ extension_days }}个工作日，延长后的答复期限为{{ answer_due_date }}。"""

FEE_BODY = """{{ applicant_name }}：

本机关于{{ received_date }}收到您（单位）提出的政府信息公开申请（申请编号：{{ tracking_number }}）。根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，您的申请需缴纳信息处理费{{ fee_amount }}元。{{ fee_explanation }}

请您于{{ fee_due_date }}前（自收到本通知之日起20个工作日内）缴纳。收费通知发出至您缴费之日的期间，不计算在答复期限内；逾期未缴纳的，视为放弃申请，本机关将不再处理该政府信息公开申请。"""

# event kind → (template kind, default title, default body)
NOTICES = {
    "request_supplement": ("supplement_notice", "政府信息公开申请补正告知书", SUPPLEMENT_BODY),
    "extend": ("extension_notice", "延长政府信息公开申请答复期限告知书", EXTENSION_BODY),
    "fee_notice": ("fee_notice", "政府信息公开信息处理费收费通知书", FEE_BODY),
}
NOTICE_KINDS = {kind: (title, body) for kind, title, body in NOTICES.values()}


def _agency_name(agency) -> str:
    site = getattr(agency, "site_settings", None)
    return (site.host_organisation if site and site.host_organisation else "") or agency.name


def notice_context(foi_request, event, *, agency_name: str) -> dict[str, str]:
    from gongkai.workdays.selectors import add_working_days

    from .clock import FEE_PAYMENT_DAYS
    from .selectors import clock_for

    context = {
        "applicant_name": foi_request.applicant_name,
        "tracking_number": foi_request.tracking_number,
        "submitted_date": cn_date(legal_date(foi_request.submitted_at)),
        "received_date": cn_date(foi_request.received_on),
        "description": foi_request.description,
        "agency_name": agency_name,
        "letter_date": cn_date(event.on),
        "notice_date": cn_date(event.on),
        "letter_number": "",
    }
    if event.kind == "request_supplement":
        context.update(
            supplement_items=event.note,
            supplement_days=str(event.days),
            supplement_due_date=cn_date(add_working_days(event.on, event.days).due),
        )
    elif event.kind == "extend":
        clock = clock_for(foi_request)
        context.update(
            extension_days=str(event.days),
            extension_reason=event.note.rstrip("。"),
            answer_due_date=cn_date(clock.answer_due.due) if clock.answer_due else "",
        )
    elif event.kind == "fee_notice":
        explanation = event.public_note.removeprefix("收费通知：").split("请自收到通知之日起")[0]
        context.update(
            fee_amount=str(event.amount),
            fee_explanation=explanation,
            fee_due_date=cn_date(add_working_days(event.on, FEE_PAYMENT_DAYS).due),
        )
    return context


def notice_events(foi_request):
    return foi_request.events.filter(kind__in=list(NOTICES)).order_by("on", "id")


def notice_for(foi_request, event_pk: int) -> dict[str, str] | None:
    """The notice sent with one event, from the agency's template for its kind (else the default)."""
    from .models import LetterTemplate

    event = notice_events(foi_request).filter(pk=event_pk).first()
    if event is None:
        return None
    kind, default_title, default_body = NOTICES[event.kind]
    template = LetterTemplate.objects.filter(agency=foi_request.agency, kind=kind).first()
    title, body = (template.title, template.body) if template else (default_title, default_body)
    agency_name = _agency_name(foi_request.agency)
    context = notice_context(foi_request, event, agency_name=agency_name)
    text = re.sub(r"\n\s*\n(\s*\n)+", "\n\n", render_text(body, context)).strip()
    return {
        "title": title,
        "text": text,
        "agency_name": agency_name,
        "letter_date": context["letter_date"],
        "letter_number": "",
        "kind": kind,
        "event_pk": event.pk,
    }


def notices_for(foi_request) -> list[dict[str, str]]:
    return [n for n in (notice_for(foi_request, e.pk) for e in notice_events(foi_request)) if n]


def notice_docx(notice: dict[str, str]) -> bytes:
    return build_docx(
        title=notice["title"],
        letter_number="",
        text=notice["text"],
        agency_name=notice["agency_name"],
        letter_date=notice["letter_date"],
    )
