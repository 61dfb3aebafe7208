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
    "fee_full_amount": "减免前的信息处理费（元）",
    "fee_relief_reason": "减免信息处理费的理由",
    # 受理回执 and 第三方意见征询函 (《条例》Arts. 31, 32).
    "receipt_rule": "收到申请日期的认定依据",
    "consultee": "被征求意见的第三方",
    "consultation_due_date": "第三方提出意见的截止日期",
    # The closing letters of a lapsed request (《条例》Art. 30, 国办函〔2020〕109号).
    "supplement_notice_date": "补正告知日期",
    "fee_notice_date": "收费通知日期",
    "lapsed_date": "不再处理之日",
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


# An answer that refers the applicant to an attachment ("详见附件", "见附件", "附件所示") needs one.
_ATTACHMENT = re.compile(r"见附件|附件[所中]|附件[一二三四五六七八九十\d]")


def mentions_attachment(text: str) -> bool:
    return bool(_ATTACHMENT.search(text or ""))


def due_text(due) -> str:
    """A deadline for a letter: the date, marked 暂定 when it falls in (or runs through) a year whose
    holiday schedule the State Council has not announced yet."""
    if due is None:
        return ""
    return cn_date(due.due) + ("（暂定）" if due.provisional else "")


def provisional_note(dues) -> str:
    """Why a date in the letter is 暂定 (empty when none is)."""
    years = sorted({y for due in dues if due is not None and due.provisional for y in due.provisional_years})
    if not years:
        return ""
    named = "、".join(f"{y}年" for y in years)
    return (
        f"说明：标注“暂定”的日期涉及{named}，国务院办公厅尚未公布该年度部分节假日安排，暂按《全国年节及纪念日"
        "放假办法》规定的法定节假日推算；该年度安排公布后，期限以按实际安排计算的日期为准，本机关将另行告知。"
    )


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


SUPPLEMENT_LAPSED_TITLE = "政府信息公开申请不予处理告知书（逾期未补正）"
SUPPLEMENT_LAPSED_BODY = """{{ applicant_name }}：

本机关于{{ received_date }}收到您（单位）提出的政府信息公开申请（申请编号：{{ tracking_number }}），申请获取“{{ description }}”。因申请内容不明确，本机关于{{ supplement_notice_date }}向您发出补正告知书，一次性告知需要补正的事项，补正期限至{{ supplement_due_date }}。

截至补正期限届满，本机关未收到您的补正。根据《中华人民共和国政府信息公开条例》第三十条的规定，申请人无正当理由逾期不补正的，视为放弃申请，本机关自{{ lapsed_date }}起不再处理该政府信息公开申请。

如您仍需获取上述政府信息，可以重新提出申请，写明所需政府信息的名称、文号或者便于查询的其他特征性描述。

{{ remedies }}"""

FEE_UNPAID_TITLE = "政府信息公开申请不予处理告知书（逾期未缴费）"
FEE_UNPAID_BODY = """{{ applicant_name }}：

本机关于{{ received_date }}收到您（单位）提出的政府信息公开申请（申请编号：{{ tracking_number }}），申请获取“{{ description }}”。本机关于{{ fee_notice_date }}向您发出收费通知书，告知您需缴纳信息处理费{{ fee_amount }}元，缴费期限至{{ fee_due_date }}。

截至缴费期限届满，您未按收费通知要求缴纳费用。根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，本机关自{{ lapsed_date }}起不再处理该政府信息公开申请。

如您仍需获取上述政府信息，可以重新提出申请；确有经济困难的，可以在申请时一并提出减免信息处理费的请求。

{{ remedies }}"""

# The closing letters of the two lapses: the general answer body would leave them without a text.
OUTCOME_DEFAULTS = {
    Outcome.SUPPLEMENT_LAPSED.value: (SUPPLEMENT_LAPSED_TITLE, SUPPLEMENT_LAPSED_BODY),
    Outcome.FEE_UNPAID.value: (FEE_UNPAID_TITLE, FEE_UNPAID_BODY),
}


def template_for(agency, kind: str) -> tuple[str, str]:
    """The agency's template for this answer type, else (the lapses) the built-in closing letter, else
    the agency's general answer template, else the default."""
    from .models import LetterTemplate

    templates = {t.kind: t for t in LetterTemplate.objects.filter(agency=agency, kind__in=[kind, "answer"])}
    if kind in templates:
        return templates[kind].title, templates[kind].body
    if kind in OUTCOME_DEFAULTS:
        return OUTCOME_DEFAULTS[kind]
    chosen = templates.get("answer")
    return (chosen.title, chosen.body) if chosen else (DEFAULT_TITLE, DEFAULT_BODY)


def _lapse_context(foi_request) -> tuple[dict[str, str], list]:
    """The dates a closing letter for a lapse names, from the request's clock."""
    from .selectors import clock_for

    if foi_request.outcome not in OUTCOME_DEFAULTS:
        return {}, []
    clock = clock_for(foi_request)
    context = {
        "supplement_notice_date": cn_date(clock.supplement_requested_on),
        "supplement_due_date": due_text(clock.supplement_due),
        "fee_notice_date": cn_date(clock.fee_notice_on),
        "fee_due_date": due_text(clock.fee_due),
        "fee_amount": str(foi_request.fee_amount),
        "lapsed_date": cn_date(foi_request.closed_on),
    }
    return context, [clock.supplement_due, clock.fee_due]


def letter_for(foi_request) -> dict[str, str]:
    agency = foi_request.agency
    site = getattr(agency, "site_settings", None)
    agency_name = (site.host_organisation if site and site.host_organisation else "") or agency.name
    title, body = template_for(agency, foi_request.outcome or "answer")
    context = letter_context(foi_request, agency_name=agency_name)
    lapse, dues = _lapse_context(foi_request)
    context.update(lapse)
    text = re.sub(r"\n\s*\n(\s*\n)+", "\n\n", render_text(body, context)).strip()
    note = provisional_note(dues)
    if note:
        text = f"{text}\n\n{note}"
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

FEE_WAIVER_BODY = """{{ applicant_name }}：

本机关于{{ received_date }}收到您（单位）提出的政府信息公开申请（申请编号：{{ tracking_number }}）。根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，您的申请应缴纳信息处理费{{ fee_full_amount }}元。{{ fee_explanation }}

经审核，您确有经济困难，本机关决定免收上述信息处理费。理由：{{ fee_relief_reason }}

本机关将继续办理您的申请，并在答复期限（{{ answer_due_date }}）内作出答复。"""

RECEIPT_BODY = """{{ applicant_name }}：

本机关已收到您（单位）提出的政府信息公开申请，现出具受理回执。

申请编号：{{ tracking_number }}
申请内容：{{ description }}
提交日期：{{ submitted_date }}
收到申请日期：{{ received_date }}（{{ receipt_rule }}）

根据《中华人民共和国政府信息公开条例》第三十三条的规定，本机关将自收到申请之日起20个工作日内作出答复，答复期限为{{ answer_due_date }}；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知您，延长的期限最长不超过20个工作日。申请内容不明确的，本机关将在收到申请之日起7个工作日内一次性告知您补正（《条例》第三十条）。征求第三方或者其他机关意见所需时间不计算在答复期限内（《条例》第三十三条第三款）。

您可以凭申请编号和查询码在本机关网站“依申请公开”栏目查询办理进度。"""

THIRD_PARTY_BODY = """{{ consultee }}：

本机关于{{ received_date }}收到政府信息公开申请（申请编号：{{ tracking_number }}），申请获取“{{ description }}”。经审查，该政府信息的公开可能损害您（单位）的合法权益。根据《中华人民共和国政府信息公开条例》第三十二条的规定，现书面征求您（单位）的意见。

请您（单位）自收到本函之日起15个工作日内（{{ consultation_due_date }}前）书面提出是否同意公开的意见，不同意公开的，请说明理由。逾期未提出意见的，由本机关依照《条例》的规定决定是否公开。

第三方不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知您（单位）。"""

# event kind → (template kind, default title, default body)
NOTICES = {
    "confirm_receipt": ("receipt_acknowledgement", "政府信息公开申请受理回执", RECEIPT_BODY),
    "request_supplement": ("supplement_notice", "政府信息公开申请补正告知书", SUPPLEMENT_BODY),
    "start_consultation": ("third_party_consultation", "政府信息公开第三方意见征询函", THIRD_PARTY_BODY),
    "extend": ("extension_notice", "延长政府信息公开申请答复期限告知书", EXTENSION_BODY),
    "fee_notice": ("fee_notice", "政府信息公开信息处理费收费通知书", FEE_BODY),
    "fee_waived": ("fee_waiver_notice", "政府信息公开信息处理费免收告知书", FEE_WAIVER_BODY),
}
NOTICE_KINDS = {kind: (title, body) for kind, title, body in NOTICES.values()}
# Letters to someone other than the applicant: never on the applicant's tracking page.
NOT_FOR_APPLICANT = {"start_consultation"}


def _agency_name(agency) -> str:
    site = getattr(agency, "site_settings", None)
    return (site.host_organisation if site and site.host_organisation else "") or agency.name


def notice_context(foi_request, event, *, agency_name: str) -> tuple[dict[str, str], list]:
    """The variables of the notice sent with `event`, and the deadlines it names (for the 暂定 note)."""
    from gongkai.workdays.selectors import add_working_days

    from .clock import FEE_PAYMENT_DAYS, THIRD_PARTY_DAYS

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
    dues = []
    if event.kind == "request_supplement":
        due = add_working_days(event.on, event.days)
        dues.append(due)
        context.update(
            supplement_items=event.note.split("\n补录理由")[0],
            supplement_days=str(event.days),
            supplement_due_date=due_text(due),
        )
    elif event.kind in ("extend", "confirm_receipt", "fee_waived"):
        from .models import Channel
        from .services import RECEIPT_RULES

        answer_due = _answer_due_after(foi_request, event)
        dues.append(answer_due)
        context.update(
            extension_days=str(event.days),
            extension_reason=event.note.split("\n补录理由")[0].rstrip("。"),
            answer_due_date=due_text(answer_due),
            receipt_rule=RECEIPT_RULES[Channel(foi_request.channel)],
            fee_full_amount=str(foi_request.fee_full_amount),
            fee_relief_reason=foi_request.fee_relief_reason,
            fee_explanation=event.public_note.split("经审核")[0] if event.kind == "fee_waived" else "",
        )
    elif event.kind == "start_consultation":
        due = add_working_days(event.on, THIRD_PARTY_DAYS)
        dues.append(due)
        context.update(consultee=event.note.split("。")[0], consultation_due_date=due_text(due))
    elif event.kind == "fee_notice":
        due = add_working_days(event.on, FEE_PAYMENT_DAYS)
        dues.append(due)
        explanation = event.public_note.removeprefix("收费通知：").split("请自收到通知之日起")[0]
        context.update(
            fee_amount=str(event.amount),
            fee_explanation=explanation,
            fee_due_date=due_text(due),
            fee_full_amount=str(foi_request.fee_full_amount or event.amount),
            fee_relief_reason=foi_request.fee_relief_reason,
        )
    return context, dues


def _answer_due_after(foi_request, event):
    """The answer date as it stood once `event` had happened (later events may move it again)."""
    from gongkai.workdays.selectors import load_calendar

    from .clock import ClockEvent, compute_clock
    from .selectors import CLOCK_KINDS

    rows = foi_request.events.filter(kind__in=CLOCK_KINDS, id__lte=event.id).values_list(
        "kind", "on", "days", "party"
    )
    clock = compute_clock([ClockEvent(*row) for row in rows], load_calendar(), event.on)
    return clock.answer_due


def notice_events(foi_request, *, for_applicant: bool = False):
    qs = foi_request.events.filter(kind__in=list(NOTICES)).exclude(kind="start_consultation", party="agency")
    if for_applicant:
        qs = qs.exclude(kind__in=NOT_FOR_APPLICANT)
    return qs.order_by("on", "id")


def notice_for(foi_request, event_pk: int, *, for_applicant: bool = False) -> dict[str, str] | None:
    """The notice sent with one event, from the agency's template for its kind (else the default)."""
    from .models import LetterTemplate

    event = notice_events(foi_request, for_applicant=for_applicant).filter(pk=event_pk).first()
    if event is None:
        return None
    kind, default_title, default_body = NOTICES[event.kind]
    template = LetterTemplate.objects.filter(agency=foi_request.agency, kind=kind).first()
    title, body = (template.title, template.body) if template else (default_title, default_body)
    agency_name = _agency_name(foi_request.agency)
    context, dues = notice_context(foi_request, event, agency_name=agency_name)
    text = re.sub(r"\n\s*\n(\s*\n)+", "\n\n", render_text(body, context)).strip()
    note = provisional_note(dues)
    if note:
        text = f"{text}\n\n{note}"
    return {
        "title": title,
        "text": text,
        "agency_name": agency_name,
        "letter_date": context["letter_date"],
        "letter_number": "",
        "kind": kind,
        "event_pk": event.pk,
        "provisional": bool(note),
    }


def notices_for(foi_request, *, for_applicant: bool = False) -> list[dict[str, str]]:
    return [
        n
        for n in (
            notice_for(foi_request, e.pk, for_applicant=for_applicant)
            for e in notice_events(foi_request, for_applicant=for_applicant)
        )
        if n
    ]


def notice_docx(notice: dict[str, str]) -> bytes:
    return build_docx(
        title=notice["title"],
        letter_number="",
        text=notice["text"],
        agency_name=notice["agency_name"],
        letter_date=notice["letter_date"],
    )
