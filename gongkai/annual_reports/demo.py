"""Demo: the 2025 report of 福州市统计局, published through the real workflow, and a 2026 draft.

The narrative is written for the demo bureau; every figure that is not computed from the demo records
is marked （演示数字）. Idempotent: a year that already has a report is left alone.
"""

from datetime import date
from decimal import Decimal

from gongkai.publishing import services as publishing

from . import services
from .models import AnnualReport

DEMO_NOTE = "（本报告为演示内容，文中标注“演示数字”的数据为占位数字，不代表福州市统计局的正式发布。）"

OVERVIEW_2025 = f"""2025年，福州市统计局坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻《中华人民共和国政府信息公开条例》，围绕统计数据发布、统计法治和统计服务，推进政务公开标准化规范化，以公开促落实、促规范、促服务。{DEMO_NOTE}

（一）主动公开。按照主动公开基本目录，及时发布月度、季度、年度统计数据和统计公报，全年在平台发布政府信息 120 条（演示数字），其中统计数据发布 64 条（演示数字）、统计分析和数据解读 28 条（演示数字）。数据发布严格执行发布日程，做到按时、同步、权威发布。

（二）依申请公开。依法受理和办理政府信息公开申请，申请受理、补正、延期、征求第三方意见和答复全过程在平台留痕，答复期限按工作日自动计算并提前提醒。申请办理的数量和结果见本报告第三部分，均由平台办理记录生成。

（三）政府信息管理。坚持“先审查、后公开”和“一事一审”，拟公开信息经保密审查、分管领导审批后发布；规范性文件实行统一登记、统一编号、统一发布，并开展规范性文件清理，清理结果向社会公布。

（四）平台建设。政务公开平台设置政府信息公开指南、目录、法定主动公开内容、依申请公开、规范性文件、年度报告等栏目，支持适老化浏览和无障碍阅读，统计数据库提供查询、制表和下载。

（五）监督保障。局政务公开办公室设在办公室，负责组织协调、指导推进和监督检查；将政务公开工作纳入处室年度考核，全年组织政务公开业务培训 2 次（演示数字）。"""

PROACTIVE_NOTE_2025 = "行政规范性文件的数字由平台规范性文件记录生成；本局无规章制定权，规章各项为 0。"

PROBLEMS_2025 = """一是统计数据解读的通俗化、可视化程度还不够高，图解、音视频解读数量偏少。改进措施：2026年起重要统计数据发布时同步推出图解，并开展在线访谈。

二是依申请公开答复的说理还需加强，个别答复对不予公开的理由阐述较简略。改进措施：完善答复书模板，逐项说明法律依据和理由，并告知救济途径。

三是基层统计信息公开的指导还不够系统。改进措施：加强对县（市）区统计部门政务公开工作的业务指导和培训。"""

OTHER_2025 = """（一）信息处理费收取情况。本年度未收取政府信息公开信息处理费（演示数字）。

（二）人大代表建议和政协提案办理结果公开情况。本年度承办的人大代表建议和政协提案办理结果已按规定公开（演示内容）。

（三）本单位落实上级年度政务公开工作要点情况。已按要求逐项落实（演示内容）。"""

MANUAL_2025 = {
    "rules_issued": 0,
    "rules_repealed": 0,
    "rules_in_force": 0,
    # 行政许可 / 行政处罚 / 行政强制 are counted from the demo's enforcement decisions (issue 13).
    "fees_amount": Decimal("0"),
}

OVERVIEW_2026 = f"""（草稿）2026年，福州市统计局继续推进政务公开标准化规范化……{DEMO_NOTE}"""


def load_annual_reports(*, agency, users, stdout=None):
    office = users["gongkaiban"]
    if not AnnualReport.objects.filter(agency=agency, year=2025).exists():
        report = services.create_report(
            actor=office,
            year=2025,
            overview=OVERVIEW_2025,
            proactive_note=PROACTIVE_NOTE_2025,
            problems=PROBLEMS_2025,
            other_matters=OTHER_2025,
            **MANUAL_2025,
        )
        workflow = services.submit_report(actor=office, report=report)
        publishing.pass_review(actor=users["baomi"], workflow=workflow, note="演示：审查通过")
        publishing.approve(actor=users["lingdao"], workflow=workflow)
        # Dated truly (issue 11 item 30): published before 31 January of the next year (条例 Art. 49).
        from gongkai.catalogue.demo import published_at

        AnnualReport.objects.filter(pk=report.pk).update(published_at=published_at(date(2026, 1, 28)))
    if not AnnualReport.objects.filter(agency=agency, year=2026).exists():
        services.create_report(actor=office, year=2026, overview=OVERVIEW_2026, prefill=True)
    if stdout is not None:
        stdout.write(
            f"年度报告：{AnnualReport.objects.filter(agency=agency).count()} 份（2025年已发布，2026年草稿）。"
        )
