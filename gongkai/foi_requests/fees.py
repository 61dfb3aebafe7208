"""信息处理费 (《条例》Art. 42; 《政府信息公开信息处理费管理办法》, 国办函〔2020〕109号) as pure functions.

Free by default. Only when an applicant's requests clearly exceed a reasonable volume may the agency
charge, by ONE of two methods per request:
- per request (按件计收): the n-th request of one applicant in one calendar month — 1-10 free;
  11-30 ¥100 each; above 30, each further band of 10 requests costs ¥100 more per request;
- per page (按量计收), each portion at its own rate: pages 1-30 free; 31-100 ¥10 a page;
  101-200 ¥20 a page; above 200 ¥40 a page.
"""

from dataclasses import dataclass
from enum import StrEnum


class FeeMethod(StrEnum):
    NONE = "none"
    PER_REQUEST = "per_request"
    PER_PAGE = "per_page"


FEE_METHOD_LABELS = {
    FeeMethod.NONE: "不收费",
    FeeMethod.PER_REQUEST: "按件计收",
    FeeMethod.PER_PAGE: "按量计收",
}

FREE_REQUESTS_PER_MONTH = 10
FIRST_BAND_LAST = 30
FIRST_BAND_FEE = 100
BAND_SIZE = 10
BAND_STEP = 100

# (first page, last page or None, yuan per page) — each portion at its own rate.
PAGE_BANDS = ((1, 30, 0), (31, 100, 10), (101, 200, 20), (201, None, 40))


@dataclass(frozen=True)
class Fee:
    method: FeeMethod
    amount: int  # yuan
    explanation: str


def fee_per_request(ordinal: int) -> int:
    """Yuan for the `ordinal`-th request of one applicant in one calendar month."""
    if ordinal < 1:
        raise ValueError("申请件次从 1 开始计算。")
    if ordinal <= FREE_REQUESTS_PER_MONTH:
        return 0
    if ordinal <= FIRST_BAND_LAST:
        return FIRST_BAND_FEE
    band = (ordinal - FIRST_BAND_LAST - 1) // BAND_SIZE + 1
    return FIRST_BAND_FEE + band * BAND_STEP


def fee_per_page(pages: int) -> int:
    if pages < 0:
        raise ValueError("页数不能为负数。")
    total = 0
    for first, last, rate in PAGE_BANDS:
        upper = pages if last is None else min(pages, last)
        if upper >= first:
            total += (upper - first + 1) * rate
    return total


def compute_fee(method: str, *, ordinal: int = 0, pages: int = 0) -> Fee:
    method = FeeMethod(method)
    if method == FeeMethod.PER_REQUEST:
        amount = fee_per_request(ordinal)
        text = f"按件计收：本申请为申请人本自然月内第 {ordinal} 件申请，收费 {amount} 元。"
    elif method == FeeMethod.PER_PAGE:
        amount = fee_per_page(pages)
        text = f"按量计收：共 {pages} 页，收费 {amount} 元（30 页以下不收费，31-100 页每页 10 元，101-200 页每页 20 元，200 页以上每页 40 元，分段累计）。"
    else:
        amount, text = 0, "依申请提供政府信息，不收取费用（《条例》第四十二条）。"
    return Fee(method, amount, text)
