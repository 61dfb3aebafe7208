"""The rules of the annual self-inspection as plain data and pure functions (no ORM).

Seed 四(一): 每年对不予公开的信息以及依申请公开较为集中的信息进行全面自查，可转为主动公开的应当主动公开，
自查整改情况报送市政府办公厅. 条例 Art. 18 (定期评估审查不予公开的信息) and Art. 44 (多个申请人就相同政府信息
申请公开 → 可以纳入主动公开的范围).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import models

from gongkai.core.errors import ValidationFailed

# 《政府信息公开条例》 came into force on 1 May 2008 (the 2019 revision on 15 May 2019): no earlier year.
FIRST_YEAR = 2008
REASON_MIN_LENGTH = 4  # a reason of one or two characters says nothing
CONCLUSION_MIN_LENGTH = 10


class Kind(models.TextChoices):
    """Why an entry is on the list."""

    NEGATIVE_MATCH = "negative_match", "命中负面清单未发布"
    FOI_WITHHELD = "foi_withheld", "依申请公开不予公开答复"
    CATALOGUE_WITHHELD = "catalogue_withheld", "登记为不予公开"
    CATALOGUE_ON_REQUEST = "catalogue_on_request", "登记为依申请公开"
    FREQUENT_REQUEST = "frequent_request", "依申请公开较为集中"


class Decision(models.TextChoices):
    PUBLISH = "publish", "转为主动公开"
    KEEP_WITHHELD = "keep_withheld", "继续不公开"
    ALREADY_PUBLIC = "already_public", "已公开"


class Status(models.TextChoices):
    OPEN = "open", "自查中"
    CLOSED = "closed", "已完成"


class ReviewOutcome(models.TextChoices):
    KEEP = "keep", "保留"
    CHANGE = "change", "修改"
    REMOVE = "remove", "移出清单"


@dataclass(frozen=True)
class Article:
    code: str
    citation: str
    text: str

    @property
    def label(self) -> str:
        return f"{self.citation}：{self.text}"


# The articles of 条例 on which information may stay withheld (a 继续不公开 decision names one).
ARTICLES: tuple[Article, ...] = (
    Article(
        "art14",
        "《政府信息公开条例》第十四条",
        "依法确定为国家秘密的政府信息，法律、行政法规禁止公开的政府信息，以及公开后可能危及国家安全、"
        "公共安全、经济安全、社会稳定的政府信息，不予公开。",
    ),
    Article(
        "art15",
        "《政府信息公开条例》第十五条",
        "涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开。"
        "但是，第三方同意公开或者行政机关认为不公开会对公共利益造成重大影响的，予以公开。",
    ),
    Article(
        "art16_1",
        "《政府信息公开条例》第十六条第一款",
        "行政机关的内部事务信息，包括人事管理、后勤管理、内部工作流程等方面的信息，可以不予公开。",
    ),
    Article(
        "art16_2",
        "《政府信息公开条例》第十六条第二款",
        "行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息以及"
        "行政执法案卷信息，可以不予公开。法律、法规、规章规定上述信息应当公开的，从其规定。",
    ),
)
ARTICLES_BY_CODE = {a.code: a for a in ARTICLES}


def article(code: str) -> Article | None:
    return ARTICLES_BY_CODE.get(code or "")


def check_year(year, today: date) -> int:
    """The campaign year: a whole number from 2008 (条例 in force) to the current year."""
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ValidationFailed("请填写四位数的年度，如 2025。", field="year") from None
    if year < FIRST_YEAR:
        raise ValidationFailed(
            f"《政府信息公开条例》自 {FIRST_YEAR} 年起施行，不能自查更早的年度。", field="year"
        )
    if year > today.year:
        raise ValidationFailed("不能自查尚未开始的年度。", field="year")
    return year


def _reason(reason: str, label: str = "理由") -> str:
    reason = (reason or "").strip()
    if len(reason) < REASON_MIN_LENGTH:
        raise ValidationFailed(f"请填写{label}（至少 {REASON_MIN_LENGTH} 个字）。", field="reason")
    return reason


def check_decision(
    decision: str, *, article_code: str = "", reason: str = "", has_item: bool = False
) -> tuple:
    """(decision, article code, reason) when the decision is complete, else ValidationFailed naming the
    field: 继续不公开 cites an article of 条例 Arts. 14-16 (条例 Art. 36(三): a refusal states its basis);
    已公开 names the public item; every decision carries a reason."""
    if decision not in Decision.values:
        raise ValidationFailed("请选择自查决定：转为主动公开、继续不公开或已公开。", field="decision")
    if decision == Decision.KEEP_WITHHELD:
        if article(article_code) is None:
            raise ValidationFailed(
                "继续不公开必须选择《政府信息公开条例》的依据条款（第十四、十五、十六条）。", field="article"
            )
    else:
        article_code = ""
    if decision == Decision.ALREADY_PUBLIC and not has_item:
        raise ValidationFailed("请填写已公开信息的索引号。", field="item")
    return decision, article_code, _reason(reason, "决定理由")


def check_review(outcome: str, *, reason: str) -> tuple[str, str]:
    """Each negative-list entry is kept, changed or removed, always with a reason (seed 四(一):
    负面清单及时进行调整更新)."""
    if outcome not in ReviewOutcome.values:
        raise ValidationFailed("请选择审查结果：保留、修改或移出清单。", field="outcome")
    return outcome, _reason(reason, "审查理由")


def missing_for_close(*, undecided_entries: int, unreviewed_negative: int, conclusion: str) -> list[str]:
    """What still stands in the way of closing the campaign (empty: it may close)."""
    missing = []
    if undecided_entries:
        missing.append(f"还有 {undecided_entries} 项信息未作出自查决定")
    if unreviewed_negative:
        missing.append(f"还有 {unreviewed_negative} 项负面清单事项未审查")
    if len((conclusion or "").strip()) < CONCLUSION_MIN_LENGTH:
        missing.append(f"请填写自查整改情况（至少 {CONCLUSION_MIN_LENGTH} 个字）")
    return missing
