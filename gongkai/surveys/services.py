"""Every write of 调查征集: the questionnaire (changed only before publication), a citizen's response
(one per person by the survey's identity rule, rate-limited), moderation of free texts, and the result
report frozen after the window closes."""

import secrets
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.accounts.guard import SYSTEM, fetch_for, require, user_or_none
from gongkai.accounts.roles import AGENCY_WIDE_ROLES
from gongkai.core import audit, ratelimit
from gongkai.core.errors import Conflict, InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from gongkai.publishing import selectors as publishing_selectors
from gongkai.publishing import services as publishing
from gongkai.publishing.registry import adapter_for

from . import rules
from .models import (
    Answer,
    IdentityRule,
    Question,
    QuestionKind,
    Response,
    ResultReport,
    Survey,
    TextState,
    VerificationCode,
)

TEXT_MAX = 1000
MIN_WINDOW_MINUTES = 10  # local practice: a shorter window is almost certainly a typing error


class AlreadyAnswered(Conflict):
    code = "already_answered"
    default_message = "您已经提交过本次调查的答卷，每人只能提交一次。感谢您的参与！"


def already_answered_message(survey: Survey) -> str:
    return f"您已经提交过本次调查的答卷，每人只能提交一次（本调查的规则：{survey.get_identity_rule_display()}）。感谢您的参与！"


def _frozen(survey: Survey) -> bool:
    return publishing_selectors.workflow_for(survey) is not None


def send_to_publication(*, actor, obj):
    adapter_for(obj).check_publishable(obj)
    workflow = publishing_selectors.open_workflow_for(obj) or publishing.start_workflow(actor=actor, obj=obj)
    if workflow.state == "draft":
        publishing.submit(actor=actor, workflow=workflow)
    return workflow


# --- the questionnaire ----------------------------------------------------------------------------
def save_survey(
    *,
    actor,
    department,
    title: str,
    introduction: str,
    opens_at: datetime,
    closes_at: datetime,
    identity_rule: str = IdentityRule.BROWSER,
    is_demo: bool = False,
    survey: Survey | None = None,
) -> Survey:
    require(actor, "surveys.manage", survey)
    title, introduction = (title or "").strip(), (introduction or "").strip()
    if not title:
        raise ValidationFailed("请填写调查名称。", field="title")
    if not introduction:
        raise ValidationFailed("请填写调查说明。", field="introduction")
    opens_at, closes_at = rules.to_minute(opens_at), rules.to_minute(closes_at)
    if (closes_at - opens_at).total_seconds() < MIN_WINDOW_MINUTES * 60:
        raise ValidationFailed(f"截止时间应至少晚于开始时间 {MIN_WINDOW_MINUTES} 分钟。", field="closes_at")
    if identity_rule not in IdentityRule.values:
        raise ValidationFailed("请选择每人一次的判定规则。", field="identity_rule")
    if actor is not SYSTEM and (department is None or department.agency_id != actor.agency_id):
        raise ValidationFailed("请选择本机关的处室。", field="department")
    if actor is not SYSTEM and not (actor.roles & AGENCY_WIDE_ROLES) and department.pk != actor.department_id:
        raise PermissionDenied("只能为本处室建立问卷。")
    with transaction.atomic():
        row = (
            fetch_for(actor, Survey, survey.pk, lock=True)
            if survey
            else Survey(created_by=user_or_none(actor))
        )
        if survey and _frozen(row):
            raise Conflict("问卷已提交发布，不能再修改。")
        row.agency, row.department = department.agency, department
        row.title, row.introduction, row.opens_at, row.closes_at = (
            title[:200],
            introduction,
            opens_at,
            closes_at,
        )
        row.identity_rule, row.is_demo = identity_rule, is_demo
        row.save()
        audit.record(
            actor=actor,
            verb="survey.saved",
            obj=row,
            after={"title": row.title, "opens_at": opens_at, "closes_at": closes_at},
        )
    return row


def _lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


def save_question(
    *,
    actor,
    survey: Survey,
    kind: str,
    text: str,
    options: str = "",
    rows: str = "",
    scale_min: int = 1,
    scale_max: int = 5,
    scale_labels: str = "",
    required: bool = True,
    position: int = 0,
    question: Question | None = None,
) -> Question:
    require(actor, "surveys.manage", survey)
    text = (text or "").strip()
    if not text:
        raise ValidationFailed("请填写题目。", field="text")
    if kind not in QuestionKind.values:
        raise ValidationFailed("请选择题型。", field="kind")
    option_list, row_list = _lines(options), _lines(rows)
    if (
        kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.MATRIX)
        and len(option_list) < rules.MIN_OPTIONS
    ):
        raise ValidationFailed(
            f"{QuestionKind(kind).label}至少需要 {rules.MIN_OPTIONS} 个选项（每行一个）。", field="options"
        )
    if len(set(option_list)) != len(option_list):
        raise ValidationFailed("选项不能重复。", field="options")
    if kind == QuestionKind.MATRIX and not row_list:
        raise ValidationFailed("矩阵题至少需要 1 个评价项目（每行一个）。", field="rows")
    if kind == QuestionKind.SCALE and not (
        0 <= scale_min < scale_max and scale_max - scale_min + 1 <= rules.MAX_SCALE_POINTS
    ):
        raise ValidationFailed(
            f"量表应为 2 至 {rules.MAX_SCALE_POINTS} 级，最大值大于最小值。", field="scale_max"
        )
    with transaction.atomic():
        locked = fetch_for(actor, Survey, survey.pk, lock=True)
        if _frozen(locked):
            raise Conflict("问卷已提交发布，题目不能再修改。")
        if question is not None and question.survey_id != locked.pk:
            raise NotFound("没有找到该题目。")
        row = question or Question(survey=locked)
        row.kind, row.text, row.position, row.required = kind, text[:300], position, required
        row.options = (
            "\n".join(option_list) if kind != QuestionKind.SCALE and kind != QuestionKind.TEXT else ""
        )
        row.rows = "\n".join(row_list) if kind == QuestionKind.MATRIX else ""
        row.scale_min, row.scale_max = (scale_min, scale_max) if kind == QuestionKind.SCALE else (1, 5)
        row.scale_labels = (scale_labels or "").strip()[:60] if kind == QuestionKind.SCALE else ""
        row.save()
        audit.record(
            actor=actor,
            verb="survey.question_saved",
            obj=row,
            agency=locked.agency,
            after={"kind": kind, "text": row.text},
        )
    return row


def delete_question(*, actor, question: Question) -> None:
    require(actor, "surveys.manage", question.survey)
    with transaction.atomic():
        locked = fetch_for(actor, Survey, question.survey_id, lock=True)
        if _frozen(locked):
            raise Conflict("问卷已提交发布，题目不能再删除。")
        audit.record(actor=actor, verb="survey.question_deleted", obj=question, agency=locked.agency)
        question.delete()


def check_survey_publishable(survey: Survey) -> None:
    if not survey.questions.exists():
        raise ValidationFailed("问卷还没有题目，不能发布。")


# --- a response (a citizen through the public form or the API) ------------------------------------
def _marks(survey: Survey, answers: dict) -> list[Answer]:
    """Validate the raw answers {question id: value} against the questions; Answer rows (unsaved)."""
    out: list[Answer] = []
    for q in survey.questions.all():
        raw = answers.get(q.pk)
        field = f"q{q.pk}"
        missing = raw in (None, "", [], {})
        if missing:
            if q.required:
                raise ValidationFailed(f"请回答第 {q.position or ''} 题：{q.text}", field=field)
            continue
        try:
            if q.kind == QuestionKind.SINGLE:
                option = int(raw)
                if not 0 <= option < len(q.option_list):
                    raise ValueError
                out.append(Answer(question=q, option=option))
            elif q.kind == QuestionKind.MULTIPLE:
                chosen = sorted({int(v) for v in raw})
                if any(not 0 <= v < len(q.option_list) for v in chosen):
                    raise ValueError
                out += [Answer(question=q, option=v) for v in chosen]
            elif q.kind == QuestionKind.SCALE:
                value = int(raw)
                if not q.scale_min <= value <= q.scale_max:
                    raise ValueError
                out.append(Answer(question=q, value=value))
            elif q.kind == QuestionKind.MATRIX:
                rows = {int(r): int(o) for r, o in dict(raw).items()}
                if any(
                    not (0 <= r < len(q.row_list) and 0 <= o < len(q.option_list)) for r, o in rows.items()
                ):
                    raise ValueError
                if q.required and len(rows) < len(q.row_list):
                    raise ValidationFailed(f"请对“{q.text}”的每一项作出选择。", field=field)
                out += [Answer(question=q, row=r, option=o) for r, o in sorted(rows.items())]
            else:
                text = str(raw).strip()
                if len(text) > TEXT_MAX:
                    raise ValidationFailed(f"“{q.text}”的回答不能超过 {TEXT_MAX} 字。", field=field)
                if text:
                    out.append(Answer(question=q, text=text, text_state=TextState.PENDING))
                elif q.required:
                    raise ValidationFailed(f"请回答：{q.text}", field=field)
        except (TypeError, ValueError, AttributeError):
            raise ValidationFailed(f"“{q.text}”的回答无效，请重新选择。", field=field) from None
    return out


CODE_VALID = timedelta(minutes=10)  # a code e-mailed for a survey is valid this long (local)
CODE_ATTEMPTS = 5  # wrong entries before a code is void (local)
CODE_LIMITS = (ratelimit.Limit(3, timedelta(minutes=10)), ratelimit.Limit(10, timedelta(hours=1)))  # local


def _email(value: str) -> str:
    from django.core.exceptions import ValidationError as DjangoValidationError
    from django.core.validators import validate_email

    value = (value or "").strip().lower()
    try:
        validate_email(value)
    except DjangoValidationError:
        raise ValidationFailed("请填写有效的电子邮箱。", field="email") from None
    return value


def _email_key(survey: Survey, email: str) -> str:
    return ratelimit.fingerprint(email, purpose=f"survey-email:{survey.pk}")


def send_code(*, survey: Survey, email: str, ip: str = "", now: datetime | None = None) -> VerificationCode:
    """E-mail a one-time code for a survey whose rule is one answer per address (through the outbox)."""
    from gongkai.outbox.models import Channel
    from gongkai.outbox.services import enqueue

    now = now or timezone.now()
    if survey.identity_rule != IdentityRule.EMAIL:
        raise InvalidTransition("本调查不需要邮件验证码。")
    if (
        not publishing_selectors.is_public(survey)
        or rules.phase(survey.opens_at, survey.closes_at, now) != rules.OPEN
    ):
        raise InvalidTransition("本次调查当前不接收答卷。")
    email = _email(email)
    key = _email_key(survey, email)
    if Response.objects.filter(survey=survey, voter_key=key).exists():
        raise AlreadyAnswered(already_answered_message(survey))
    ip_hash = ratelimit.fingerprint(ip, purpose="ip")
    ratelimit.enforce(
        lambda since: VerificationCode.objects.filter(
            survey=survey, email_hash=key, created_at__gte=since
        ).count(),
        now=now,
        limits=CODE_LIMITS,
    )
    if ip_hash:
        ratelimit.enforce(
            lambda since: VerificationCode.objects.filter(ip_hash=ip_hash, created_at__gte=since).count(),
            now=now,
            limits=CODE_LIMITS,
        )
    code = f"{secrets.randbelow(1_000_000):06d}"
    with transaction.atomic():
        row = VerificationCode.objects.create(
            survey=survey,
            email_hash=key,
            code_hash=ratelimit.fingerprint(code, purpose=f"survey-code:{survey.pk}:{key}"),
            ip_hash=ip_hash,
            created_at=now,
            expires_at=now + CODE_VALID,
        )
        enqueue(
            channel=Channel.EMAIL,
            kind="survey.code",
            dedupe_key=f"survey-code:{row.pk}",
            recipient=email,
            subject=f"调查验证码：{code}",
            body=(
                f"您正在参加“{survey.title}”。验证码：{code}\n"
                f"{int(CODE_VALID.total_seconds() // 60)} 分钟内有效，只能使用一次。如非本人操作，请忽略本邮件。\n\n{survey.agency.name}"
            ),
            agency=survey.agency,
        )
    return row


def _use_code(survey: Survey, email: str, code: str, now: datetime) -> str:
    """The voter key of a verified address; the code is spent in the caller's transaction."""
    email = _email(email)
    key = _email_key(survey, email)
    code = (code or "").strip()
    if not code:
        raise ValidationFailed("请填写邮件中的验证码。", field="code")
    with transaction.atomic():
        row = (
            VerificationCode.objects.select_for_update()
            .filter(survey=survey, email_hash=key, used_at__isnull=True, expires_at__gt=now)
            .order_by("-created_at")
            .first()
        )
        if row is None or row.attempts >= CODE_ATTEMPTS:
            raise ValidationFailed("验证码已失效，请重新获取。", field="code")
        right = ratelimit.fingerprint(code, purpose=f"survey-code:{survey.pk}:{key}") == row.code_hash
        if right:
            row.used_at = now
        else:
            row.attempts += 1
        row.save(update_fields=["used_at", "attempts"])
    if not right:
        left = CODE_ATTEMPTS - row.attempts
        raise ValidationFailed(
            f"验证码不正确（还可再试 {left} 次）。" if left else "验证码不正确，已失效，请重新获取。",
            field="code",
        )
    return key


def voter_key(survey: Survey, *, browser_token: str, ip: str, email: str = "") -> str:
    """The keyed hash that says “the same person” under the survey's rule."""
    if survey.identity_rule == IdentityRule.EMAIL:
        return _email_key(survey, email.strip().lower()) if email else ""
    if survey.identity_rule == IdentityRule.ADDRESS:
        return ratelimit.fingerprint(ip, purpose=f"survey-ip:{survey.pk}")
    return ratelimit.fingerprint(browser_token, purpose=f"survey:{survey.pk}")


def submit_response(
    *,
    survey: Survey,
    answers: dict,
    browser_token: str = "",
    ip: str = "",
    email: str = "",
    code: str = "",
    now: datetime | None = None,
) -> Response:
    now = now or timezone.now()
    if not publishing_selectors.is_public(survey):
        raise NotFound("没有找到该调查。")
    state = rules.phase(survey.opens_at, survey.closes_at, now)
    if state != rules.OPEN:
        raise InvalidTransition(
            "本次调查尚未开始。" if state == rules.UPCOMING else "本次调查已经结束，不再接收答卷。"
        )
    by_email = survey.identity_rule == IdentityRule.EMAIL
    if by_email:
        key = _email_key(survey, _email(email))
    else:
        key = voter_key(survey, browser_token=browser_token, ip=ip)
    if not key:
        raise ValidationFailed("无法识别您的浏览器，请允许本站使用 Cookie 后重试。")
    ip_hash = ratelimit.fingerprint(ip, purpose="ip")
    refused = AlreadyAnswered(already_answered_message(survey))
    if Response.objects.filter(survey=survey, voter_key=key).exists():
        raise refused
    if (
        survey.identity_rule == IdentityRule.BROWSER_AND_ADDRESS
        and ip_hash
        and Response.objects.filter(survey=survey, ip_hash=ip_hash).exists()
    ):
        raise refused
    if ip_hash:
        ratelimit.enforce(
            lambda since: Response.objects.filter(ip_hash=ip_hash, submitted_at__gte=since).count(), now=now
        )
    marks = _marks(survey, answers)
    for mark in marks:
        if mark.text:
            spam = ratelimit.spam_reasons(mark.text)
            if spam:
                raise ValidationFailed(
                    f"回答疑似垃圾信息（{'、'.join(spam)}）。", field=f"q{mark.question.pk}"
                )
    if by_email:
        _use_code(survey, email, code, now)  # its own transaction: a wrong entry is counted, not rolled back
    try:
        with transaction.atomic():
            response = Response.objects.create(
                survey=survey, voter_key=key, ip_hash=ip_hash, submitted_at=now
            )
            for mark in marks:
                mark.response = response
            Answer.objects.bulk_create(marks)
            audit.record(
                actor=SYSTEM,
                verb="survey.response_submitted",
                obj=response,
                agency=survey.agency,
                after={"survey": survey.pk},
            )
    except IntegrityError:
        raise refused from None  # the same person twice at the same moment: the database decides
    return response


# --- moderation and results ---------------------------------------------------------------------------
def moderate_text(*, actor, answer: Answer, approve: bool) -> Answer:
    """Free texts are shown in the published results only once a moderator approved them."""
    survey = answer.response.survey
    require(actor, "surveys.moderate", survey, department_field=None)
    if answer.question.kind != QuestionKind.TEXT:
        raise ValidationFailed("只有填空题的回答需要审核。")
    with transaction.atomic():
        fetch_for(actor, Survey, survey.pk, lock=True, department_field=None)
        if ResultReport.objects.filter(survey=survey).exists() and _frozen(survey.result_report):
            raise Conflict("调查结果已提交发布，不能再改变审核结果。")
        row = Answer.objects.select_for_update().get(pk=answer.pk)
        before = row.text_state
        row.text_state = TextState.APPROVED if approve else TextState.HIDDEN
        row.moderated_by = user_or_none(actor)
        row.save(update_fields=["text_state", "moderated_by"])
        audit.record(
            actor=actor,
            verb="survey.text_moderated",
            obj=row,
            agency=survey.agency,
            before={"state": before},
            after={"state": row.text_state},
        )
    return row


def snapshot_of(survey: Survey) -> dict:
    questions = [
        rules.QuestionSpec(
            id=q.pk,
            position=q.position,
            kind=q.kind,
            text=q.text,
            options=tuple(q.option_list),
            rows=tuple(q.row_list),
            scale=tuple(q.scale_values),
            scale_labels=q.scale_labels,
        )
        for q in survey.questions.all()
    ]
    marks = [
        rules.Mark(
            response=a.response_id,
            question=a.question_id,
            option=a.option,
            row=a.row,
            value=a.value,
            text=a.text,
            published=a.text_state == TextState.APPROVED,
        )
        for a in Answer.objects.filter(response__survey=survey)
    ]
    return rules.tally(questions, marks, survey.responses.count())


def generate_results(
    *, actor, survey: Survey, introduction: str = "", now: datetime | None = None
) -> ResultReport:
    """Freeze the counts after the window closed; every free text must have been moderated first."""
    require(actor, "surveys.manage", survey)
    now = now or timezone.now()
    with transaction.atomic():
        locked = fetch_for(actor, Survey, survey.pk, lock=True)
        if rules.phase(locked.opens_at, locked.closes_at, now) != rules.CLOSED:
            raise InvalidTransition("调查结束后才能生成调查结果。")
        pending = Answer.objects.filter(response__survey=locked, text_state=TextState.PENDING).count()
        if pending:
            raise ValidationFailed(f"尚有 {pending} 条填空回答未审核，请先审核后再生成调查结果。")
        report = ResultReport.objects.filter(survey=locked).first()
        if report is not None and publishing_selectors.workflow_for(report) is not None:
            raise Conflict("调查结果已提交发布，不能重新生成。")
        report = report or ResultReport(survey=locked)
        report.introduction = (introduction or "").strip()
        report.snapshot = snapshot_of(locked)
        report.generated_at, report.generated_by = now, user_or_none(actor)
        report.save()
        audit.record(
            actor=actor,
            verb="survey.results_generated",
            obj=report,
            agency=locked.agency,
            after={"responses": report.snapshot["responses"]},
        )
    return report


def check_report_publishable(report: ResultReport) -> None:
    if not publishing_selectors.is_public(report.survey):
        raise ValidationFailed("问卷尚未公开，调查结果不能发布。")
