"""Demo requests for 福州市统计局 across 2025-2026: every state, several outcomes, one across Spring
Festival 2025 and one across Spring Festival 2026 (received 2026-02-10, due 2026-03-16), two applicants
asking for the same information (Art. 44), one with a supplement that restarted the clock, one extended, one with a third-party
consultation, one with a fee paid and one unpaid, two carried over into 2026. Built through the
services in date order, so the events, the clocks and table 三 are what real use would produce."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from gongkai.accounts.guard import SYSTEM
from gongkai.workdays.selectors import legal_today

from . import services
from .models import FoiRequest

SH = ZoneInfo("Asia/Shanghai")
# Fictional applicants; the numbers are checksum-valid test numbers, not real people's.
PERSON = {"id_type": "resident_id", "id_number": "11010519491231002X"}
ORG = {"id_type": "credit_code", "id_number": "91110000600037341L"}


def _data(name, kind, description, **kw):
    base = PERSON if kind == "natural_person" else ORG
    return {
        "applicant_type": kind,
        "applicant_name": name,
        "contact_person": "" if kind == "natural_person" else "李四",
        "phone": "0591-12345678",
        "email": "demo@example.com",
        "address": "福州市鼓楼区演示路1号",
        "postcode": "350001",
        "description": description,
        "purpose": "",
        "delivery_form": "electronic",
        "delivery_channel": "email",
        **base,
        **kw,
    }


def _at(y, m, d, h=10):
    return datetime(y, m, d, h, tzinfo=SH)


def _ten(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, tzinfo=SH)


class _Replay:
    """The services, each call entered on the day it happened (its `on` date, or the date given to the
    clock job), as staff would have entered it then: no back-dating, and "answered on time" is true."""

    def __getattr__(self, name):
        service = getattr(services, name)

        def call(*args, **kw):
            day = kw.get("on") or next((a for a in args if isinstance(a, date)), None)
            if day is None:
                return service(*args, **kw)
            with services.replaying(_ten(day)):
                return service(*args, **kw)

        return call


def load_foi_requests(*, agency, users, stdout=None):
    if FoiRequest.objects.filter(agency=agency).exists():
        return
    office = users["gongkaiban"]
    S = _Replay()

    def new(at, name, kind, description, channel="online", received_on=None, **kw):
        entered = max(at, _ten(received_on)) if received_on else at
        with services.replaying(entered):
            return services.submit_application(
                actor=SYSTEM if channel == "online" else office,
                agency=agency,
                channel=channel,
                submitted_at=at,
                received_on=received_on,
                data=_data(name, kind, description, **kw),
            )

    r = new(_at(2025, 1, 6), "陈一", "natural_person", "2024年福州市居民人均可支配收入数据")
    S.confirm_receipt(actor=office, foi_request=r, on=date(2025, 1, 6))
    S.answer(
        actor=office,
        foi_request=r,
        outcome="disclosed",
        text="现将该数据通过电子邮件提供给您。",
        on=date(2025, 1, 20),
        letter_number="榕统依复〔2025〕1号",
    )

    # Across Spring Festival 2025 (1-28 to 2-4): signed mail, received on the signing day.
    r = new(
        _at(2025, 1, 20),
        "福州某科技有限公司",
        "commercial",
        "2024年全市规模以上工业企业分行业产值汇总",
        channel="letter_signed",
        received_on=date(2025, 1, 22),
    )
    S.answer(
        actor=office,
        foi_request=r,
        outcome="partial",
        text="汇总数据予以公开；涉及单个企业的数据依法不予公开。",
        on=date(2025, 2, 20),
        letter_number="榕统依复〔2025〕2号",
    )

    # A supplement that restarted the clock.
    r = new(_at(2025, 3, 3), "林二", "natural_person", "统计局的那个文件", channel="in_person")
    S.request_supplement(
        actor=office, foi_request=r, items="请写明所需文件的名称、文号或年份。", days=10, on=date(2025, 3, 5)
    )
    S.receive_supplement(actor=office, foi_request=r, on=date(2025, 3, 12))
    S.answer(
        actor=office,
        foi_request=r,
        outcome="already_public",
        text="该文件已在本机关网站主动公开，可在“政府信息公开目录”中查阅。",
        on=date(2025, 4, 2),
        letter_number="榕统依复〔2025〕3号",
    )

    # Extended by the head of the openness office.
    r = new(_at(2025, 4, 7), "某大学经济研究所", "research", "2015-2024年各县（市）区历年能源消费分品种明细")
    S.confirm_receipt(actor=office, foi_request=r, on=date(2025, 4, 8))
    S.extend_deadline(
        actor=office, foi_request=r, days=20, reason="所需信息年份跨度大、需逐年检索。", on=date(2025, 4, 30)
    )
    S.answer(
        actor=office,
        foi_request=r,
        outcome="does_not_exist",
        text="经检索，本机关未制作或获取分品种明细。",
        on=date(2025, 5, 26),
        letter_number="榕统依复〔2025〕4号",
    )

    # A third-party consultation (Art. 32), then a refusal protecting the third party.
    r = new(
        _at(2025, 5, 12),
        "某律师事务所",
        "legal_services",
        "某企业2024年统计执法检查的处罚决定书及调查材料",
        channel="in_person",
    )
    S.start_consultation(
        actor=office, foi_request=r, party="third_party", consultee="被检查企业", on=date(2025, 5, 14)
    )
    S.end_consultation(actor=office, foi_request=r, on=date(2025, 5, 30), note="第三方不同意公开，理由合理。")
    S.answer(
        actor=office,
        foi_request=r,
        outcome="third_party",
        text="第三方不同意公开且理由合理，决定不予公开。",
        on=date(2025, 6, 10),
        letter_number="榕统依复〔2025〕5号",
    )

    # A fee (per page, 150 pages), paid.
    r = new(_at(2025, 6, 2), "王三", "natural_person", "2020-2024年全部统计公报的纸质复印件")
    S.confirm_receipt(actor=office, foi_request=r, on=date(2025, 6, 3))
    S.send_fee_notice(actor=office, foi_request=r, method="per_page", pages=150, on=date(2025, 6, 5))
    S.record_payment(actor=office, foi_request=r, on=date(2025, 6, 10))
    S.answer(
        actor=office,
        foi_request=r,
        outcome="disclosed",
        text="已按您选择的形式提供。",
        on=date(2025, 6, 20),
        letter_number="榕统依复〔2025〕6号",
    )

    # An applicant in economic difficulty: the fee waived, with the reason (国办函〔2020〕109号).
    r = new(_at(2025, 6, 16), "钱十一", "natural_person", "2015-2024年福州市统计年鉴人口卷的纸质复印件")
    S.confirm_receipt(actor=office, foi_request=r, on=date(2025, 6, 16))
    S.send_fee_notice(
        actor=office,
        foi_request=r,
        method="per_page",
        pages=120,
        relief="waived",
        relief_reason="申请人提供了城乡居民最低生活保障证明，确有经济困难。",
        on=date(2025, 6, 18),
    )
    S.answer(
        actor=office,
        foi_request=r,
        outcome="disclosed",
        text="现将所申请的统计年鉴人口卷复印件提供给您，免收信息处理费。",
        on=date(2025, 6, 27),
        letter_number="榕统依复〔2025〕6-1号",
    )

    # No supplement in time → （六）1 by the clock job.
    r = new(_at(2025, 7, 1), "某公益基金会", "public_interest", "关于那个调查的资料", channel="in_person")
    S.request_supplement(
        actor=office, foi_request=r, items="请说明所指调查的名称和年份。", days=10, on=date(2025, 7, 3)
    )
    S.close_lapsed(date(2025, 7, 20))

    r = new(_at(2025, 8, 4), "某协会", "other_org", "要求查处某企业虚报统计数据并答复处理结果")
    S.confirm_receipt(actor=office, foi_request=r, on=date(2025, 8, 4))
    S.answer(
        actor=office,
        foi_request=r,
        outcome="petition",
        text="您的申请属于举报，不作为政府信息公开申请处理，可通过统计违法举报渠道提出。",
        on=date(2025, 8, 11),
        letter_number="榕统依复〔2025〕7号",
    )

    r = new(_at(2025, 9, 15), "陈一", "natural_person", "2024年福州市居民人均可支配收入数据")
    S.confirm_receipt(actor=office, foi_request=r, on=date(2025, 9, 15))
    S.answer(
        actor=office,
        foi_request=r,
        outcome="repeat",
        text="本机关已于2025年1月20日就相同信息作出答复，不予重复处理。",
        on=date(2025, 9, 22),
        letter_number="榕统依复〔2025〕8号",
    )

    # A fee notice left unpaid → （六）2.
    r = new(
        _at(2025, 11, 20),
        "福州某咨询有限公司",
        "commercial",
        "2010年以来全部统计年鉴的纸质复印件",
        channel="in_person",
    )
    S.send_fee_notice(actor=office, foi_request=r, method="per_page", pages=300, on=date(2025, 11, 25))
    S.close_lapsed(date(2025, 12, 24))

    # Two carried over into 2026.
    r1 = new(_at(2025, 12, 15), "赵四", "natural_person", "2025年前三季度全市地区生产总值分行业数据")
    S.confirm_receipt(actor=office, foi_request=r1, on=date(2025, 12, 16))
    r2 = new(
        _at(2025, 12, 22),
        "某大学经济研究所",
        "research",
        "第五次全国经济普查福州市汇总过程中的审核意见",
        channel="in_person",
    )
    S.start_consultation(
        actor=office, foi_request=r2, party="agency", consultee="福建省统计局", on=date(2025, 12, 24)
    )
    S.answer(
        actor=office,
        foi_request=r1,
        outcome="disclosed",
        text="现将数据提供给您。",
        on=date(2026, 1, 8),
        letter_number="榕统依复〔2026〕1号",
    )
    S.end_consultation(
        actor=office, foi_request=r2, on=date(2026, 1, 15), note="省统计局认为属于过程性信息。"
    )
    S.answer(
        actor=office,
        foi_request=r2,
        outcome="process_information",
        text="所申请信息属于审核过程中的过程性信息，不予公开。",
        on=date(2026, 1, 20),
        letter_number="榕统依复〔2026〕2号",
    )

    # 2026: requests in every open state.
    # Across Spring Festival 2026 (2-15..2-23, make-up Saturdays 2-14 and 2-28): received 2-10, due 3-16.
    r = new(
        _at(2026, 2, 10),
        "刘九",
        "natural_person",
        "2026年春节期间福州市主要商品零售价格监测数据",
        channel="in_person",
        id_number="110105198001011019",
    )
    S.answer(
        actor=office,
        foi_request=r,
        outcome="disclosed",
        text="现将该数据提供给您。",
        on=date(2026, 3, 13),
        letter_number="榕统依复〔2026〕3号",
    )
    # Another applicant asks for what 陈一 asked for: "similar requests" and the Art. 44 list show both.
    r = new(
        _at(2026, 3, 16),
        "黄十",
        "natural_person",
        "2024年福州市居民人均可支配收入数据",
        channel="in_person",
        id_number="110105198505052025",
    )
    S.answer(
        actor=office,
        foi_request=r,
        outcome="already_public",
        text="该数据已在《福州市2024年国民经济和社会发展统计公报》中公开。",
        on=date(2026, 3, 20),
        letter_number="榕统依复〔2026〕4号",
    )

    r = new(_at(2026, 3, 2), "孙五", "natural_person", "2025年福州市人口抽样调查主要数据")
    S.withdraw(actor=office, foi_request=r, note="申请人来电撤回。", on=date(2026, 3, 4))
    today = legal_today()
    if today >= date(2026, 11, 2):
        r = new(
            _at(2026, 10, 26),
            "某环保公益组织",
            "public_interest",
            "2025年全市规模以上工业企业能源消费总量",
            channel="in_person",
        )
        S.start_consultation(
            actor=office,
            foi_request=r,
            party="agency",
            consultee="福州市发展和改革委员会",
            on=date(2026, 10, 28),
        )
    # Waiting for a supplement (Art. 30): received three days ago, the notice sent the day after.
    received = today - timedelta(days=3)
    r = new(_ten(received), "周六", "natural_person", "最近的那个统计数据", channel="in_person")
    S.request_supplement(
        actor=office,
        foi_request=r,
        items="请写明所需数据的指标名称和时期。",
        days=15,
        on=received + timedelta(days=1),
    )
    r = new(_at(2026, 9, 18, 21), "吴七", "natural_person", "2026年上半年全市居民消费价格指数分类数据")
    S.confirm_receipt(actor=office, foi_request=r, on=date(2026, 9, 21))
    new(datetime.now(SH), "郑八", "natural_person", "2026年福州市统计调查项目清单")
    if stdout:
        stdout.write(f"依申请公开：{FoiRequest.objects.filter(agency=agency).count()} 件演示申请。\n")
