"""How a request ended, and the one row of annual report table 三 each outcome is counted in.

REQUIREMENTS.md "Outcome → row" encoded as data; tests/test_outcomes.py checks every row.
Row labels follow 国办公开办函〔2021〕30号 exactly.
"""

from dataclasses import dataclass

from django.db import models


class ApplicantType(models.TextChoices):
    # The columns of table 三: 自然人 and the five kinds of 法人或其他组织.
    NATURAL_PERSON = "natural_person", "自然人"
    COMMERCIAL = "commercial", "商业企业"
    RESEARCH = "research", "科研机构"
    PUBLIC_INTEREST = "public_interest", "社会公益组织"
    LEGAL_SERVICES = "legal_services", "法律服务机构"
    OTHER_ORG = "other_org", "其他"


ORGANISATION_TYPES = tuple(t for t in ApplicantType if t != ApplicantType.NATURAL_PERSON)


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    level: int  # 0 一/二/三/四, 1 （一）..（七）, 2 numbered sub-rows
    counted: bool  # a result row an outcome lands in


TABLE3_ROWS: tuple[Row, ...] = (
    Row("new", "一、本年新收政府信息公开申请数量", 0, False),
    Row("carried_in", "二、上年结转政府信息公开申请数量", 0, False),
    Row("results", "三、本年度办理结果", 0, False),
    Row("1", "（一）予以公开", 1, True),
    Row("2", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 1, True),
    Row("3", "（三）不予公开", 1, False),
    Row("3.1", "1.属于国家秘密", 2, True),
    Row("3.2", "2.其他法律行政法规禁止公开", 2, True),
    Row("3.3", "3.危及“三安全一稳定”", 2, True),
    Row("3.4", "4.保护第三方合法权益", 2, True),
    Row("3.5", "5.属于三类内部事务信息", 2, True),
    Row("3.6", "6.属于四类过程性信息", 2, True),
    Row("3.7", "7.属于行政执法案卷", 2, True),
    Row("3.8", "8.属于行政查询事项", 2, True),
    Row("4", "（四）无法提供", 1, False),
    Row("4.1", "1.本机关不掌握相关政府信息", 2, True),
    Row("4.2", "2.没有现成信息需要另行制作", 2, True),
    Row("4.3", "3.补正后申请内容仍不明确", 2, True),
    Row("5", "（五）不予处理", 1, False),
    Row("5.1", "1.信访举报投诉类申请", 2, True),
    Row("5.2", "2.重复申请", 2, True),
    Row("5.3", "3.要求提供公开出版物", 2, True),
    Row("5.4", "4.无正当理由大量反复申请", 2, True),
    Row("5.5", "5.要求行政机关确认或重新出具已获取信息", 2, True),
    Row("6", "（六）其他处理", 1, False),
    Row("6.1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", 2, True),
    Row("6.2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", 2, True),
    Row("6.3", "3.其他", 2, True),
    Row("7", "（七）总计", 1, False),
    Row("carried_out", "四、结转下年度继续办理", 0, False),
)
ROWS_BY_KEY = {row.key: row for row in TABLE3_ROWS}
RESULT_ROW_KEYS = tuple(row.key for row in TABLE3_ROWS if row.counted)
TABLE3_HEADER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


@dataclass(frozen=True)
class OutcomeInfo:
    label: str  # what the letter and the register say
    basis: str  # the article the decision rests on
    row: str  # the one table 三 row
    review_first: bool = False  # 行政复议法 Art. 23 ¶1(四): a refusal goes to review before court
    discloses: bool = False  # documents are provided


class Outcome(models.TextChoices):
    ALREADY_PUBLIC = "already_public", "已主动公开，告知获取方式"
    DISCLOSED = "disclosed", "予以公开"
    PARTIAL = "partial", "部分公开"
    STATE_SECRET = "state_secret", "不予公开：属于国家秘密"
    LAW_FORBIDS = "law_forbids", "不予公开：法律、行政法规禁止公开"
    THREE_SAFETY = "three_safety", "不予公开：危及“三安全一稳定”"
    THIRD_PARTY = "third_party", "不予公开：保护第三方合法权益"
    INTERNAL_AFFAIRS = "internal_affairs", "不予公开：内部事务信息"
    PROCESS_INFORMATION = "process_information", "不予公开：过程性信息"
    ENFORCEMENT_FILE = "enforcement_file", "不予公开：行政执法案卷"
    SPECIAL_LAW_QUERY = "special_law_query", "按有关法律、行政法规规定办理（行政查询事项）"
    DOES_NOT_EXIST = "does_not_exist", "经检索没有所申请的信息"
    NOT_THIS_AGENCY = "not_this_agency", "不属于本机关负责公开"
    NEEDS_NEW_WORK = "needs_new_work", "需另行制作，不予提供"
    UNCLEAR_AFTER_SUPPLEMENT = "unclear_after_supplement", "补正后申请内容仍不明确"
    PETITION = "petition", "信访举报投诉类申请，不作为信息公开申请处理"
    REPEAT = "repeat", "重复申请，不予重复处理"
    PUBLICATION = "publication", "要求提供公开出版物，告知获取途径"
    EXCESSIVE = "excessive", "无正当理由大量反复申请，不予处理"
    RECONFIRM = "reconfirm", "要求确认或重新出具已获取信息，不予处理"
    SUPPLEMENT_LAPSED = "supplement_lapsed", "逾期未补正，视为放弃申请"
    FEE_UNPAID = "fee_unpaid", "逾期未缴纳信息处理费，不再处理"
    OTHER = "other", "其他处理"


_O = Outcome
OUTCOMES: dict[Outcome, OutcomeInfo] = {
    _O.ALREADY_PUBLIC: OutcomeInfo("已主动公开", "《条例》第三十六条第（一）项", "1", discloses=True),
    _O.DISCLOSED: OutcomeInfo("予以公开", "《条例》第三十六条第（二）项", "1", discloses=True),
    _O.PARTIAL: OutcomeInfo("部分公开", "《条例》第三十七条", "2", review_first=True, discloses=True),
    _O.STATE_SECRET: OutcomeInfo(
        "属于国家秘密", "《条例》第十四条、第三十六条第（三）项", "3.1", review_first=True
    ),
    _O.LAW_FORBIDS: OutcomeInfo(
        "法律、行政法规禁止公开", "《条例》第十四条、第三十六条第（三）项", "3.2", review_first=True
    ),
    _O.THREE_SAFETY: OutcomeInfo(
        "危及国家安全、公共安全、经济安全、社会稳定",
        "《条例》第十四条、第三十六条第（三）项",
        "3.3",
        review_first=True,
    ),
    _O.THIRD_PARTY: OutcomeInfo(
        "会对第三方合法权益造成损害", "《条例》第十五条、第三十二条", "3.4", review_first=True
    ),
    _O.INTERNAL_AFFAIRS: OutcomeInfo("属于内部事务信息", "《条例》第十六条第一款", "3.5", review_first=True),
    _O.PROCESS_INFORMATION: OutcomeInfo("属于过程性信息", "《条例》第十六条第二款", "3.6", review_first=True),
    _O.ENFORCEMENT_FILE: OutcomeInfo(
        "属于行政执法案卷信息", "《条例》第十六条第二款", "3.7", review_first=True
    ),
    _O.SPECIAL_LAW_QUERY: OutcomeInfo(
        "属于有特别规定的行政查询事项", "《条例》第三十六条第（七）项", "3.8", review_first=True
    ),
    _O.DOES_NOT_EXIST: OutcomeInfo("经检索没有所申请公开的信息", "《条例》第三十六条第（四）项", "4.1"),
    _O.NOT_THIS_AGENCY: OutcomeInfo("不属于本机关负责公开", "《条例》第三十六条第（五）项", "4.1"),
    _O.NEEDS_NEW_WORK: OutcomeInfo("需要对现有信息进行加工、分析", "《条例》第三十八条", "4.2"),
    _O.UNCLEAR_AFTER_SUPPLEMENT: OutcomeInfo("补正后申请内容仍不明确", "《条例》第三十条", "4.3"),
    _O.PETITION: OutcomeInfo("以信息公开申请形式进行信访、投诉、举报", "《条例》第三十九条第一款", "5.1"),
    _O.REPEAT: OutcomeInfo("重复申请公开相同政府信息", "《条例》第三十六条第（六）项", "5.2"),
    _O.PUBLICATION: OutcomeInfo("要求提供公开出版物", "《条例》第三十九条第二款", "5.3"),
    _O.EXCESSIVE: OutcomeInfo("申请数量、频次明显超过合理范围且理由不合理", "《条例》第三十五条", "5.4"),
    _O.RECONFIRM: OutcomeInfo("要求行政机关确认或重新出具已获取的信息", "《条例》第三十六条", "5.5"),
    _O.SUPPLEMENT_LAPSED: OutcomeInfo("无正当理由逾期不补正，视为放弃申请", "《条例》第三十条", "6.1"),
    _O.FEE_UNPAID: OutcomeInfo(
        "逾期未按收费通知要求缴纳费用", "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）", "6.2"
    ),
    _O.OTHER: OutcomeInfo("其他情形", "《条例》第三十六条", "6.3"),
}

# Outcomes staff choose when answering (the two lapses are closed by the clock job).
ANSWER_OUTCOMES = tuple(o for o in Outcome if o not in (_O.SUPPLEMENT_LAPSED, _O.FEE_UNPAID))


def row_for(outcome: str) -> str:
    return OUTCOMES[Outcome(outcome)].row


def info(outcome: str) -> OutcomeInfo:
    return OUTCOMES[Outcome(outcome)]


# Remedies every answer states (REQUIREMENTS.md): review within 60 days (行政复议法 2023 Art. 20), suit
# within 6 months (行政诉讼法 Art. 46); a refusal to disclose goes to review first (行政复议法 Art. 23 ¶1(四)).
REMEDIES_GENERAL = (
    "如对本答复不服，可以自收到本答复之日起六十日内依法申请行政复议（《中华人民共和国行政复议法》第二十条），"
    "或者自收到本答复之日起六个月内依法向人民法院提起行政诉讼（《中华人民共和国行政诉讼法》第四十六条）。"
)
REMEDIES_REVIEW_FIRST = (
    "如对本答复不服，可以自收到本答复之日起六十日内依法申请行政复议（《中华人民共和国行政复议法》第二十条）；"
    "根据《中华人民共和国行政复议法》第二十三条第一款第（四）项，申请政府信息公开、行政机关不予公开的，"
    "应当先申请行政复议，对行政复议决定不服的，可以再依法向人民法院提起行政诉讼"
    "（《中华人民共和国行政诉讼法》第四十六条）。"
)


def remedies_for(outcome: str) -> str:
    return REMEDIES_REVIEW_FIRST if info(outcome).review_first else REMEDIES_GENERAL
