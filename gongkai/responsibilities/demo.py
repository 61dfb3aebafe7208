"""Demo: the 权责清单 of 福州市统计局 — version 1 (20 items) and an adjustment, version 2, both published
through the workflow, so that the public sees the history and the diff between them.

The items follow the kinds of power a municipal statistics bureau holds under 《中华人民共和国统计法》
(2024年修正) and 《中华人民共和国统计法实施条例》; codes and wording are the demo's own.
"""

from datetime import date

from gongkai.publishing import services as publishing
from gongkai.publishing.selectors import workflow_for

from . import services
from .models import ListVersion

LAW = "《中华人民共和国统计法》"
REG = "《中华人民共和国统计法实施条例》"
BODY = "福州市统计局"
DUTIES = "受理、审查、决定、送达、事后监管等环节按规定履行职责"
ACCOUNTABILITY = "因不履行或不正确履行行政职责，有下列情形的，行政机关及其工作人员应当承担相应责任：对符合条件的不予办理；对不符合条件的违法办理；违反法定程序；其他违反法律法规规章的情形。"

# (code, name, type, basis, process)
ITEMS = [
    (
        "QL-CF-001",
        "对拒绝提供统计资料或者经催报后仍未按时提供统计资料的处罚",
        "penalty",
        f"{LAW}第四十四条第一款第（一）项、第二款",
        "立案→调查取证→审查→告知→决定→送达→执行",
    ),
    (
        "QL-CF-002",
        "对提供不真实或者不完整的统计资料的处罚",
        "penalty",
        f"{LAW}第四十四条第一款第（二）项、第二款",
        "立案→调查取证→审查→告知→决定→送达→执行",
    ),
    (
        "QL-CF-003",
        "对拒绝答复或者不如实答复统计检查查询书的处罚",
        "penalty",
        f"{LAW}第四十四条第一款第（三）项",
        "立案→调查取证→审查→告知→决定→送达→执行",
    ),
    (
        "QL-CF-004",
        "对拒绝、阻碍统计调查、统计检查的处罚",
        "penalty",
        f"{LAW}第四十四条第一款第（四）项；{REG}第五十条",
        "立案→调查取证→审查→告知→决定→送达→执行",
    ),
    (
        "QL-CF-005",
        "对转移、隐匿、篡改、毁弃或者拒绝提供原始记录和凭证、统计台账、统计调查表等资料的处罚",
        "penalty",
        f"{LAW}第四十四条第一款第（五）项",
        "立案→调查取证→审查→告知→决定→送达→执行",
    ),
    (
        "QL-CF-006",
        "对迟报统计资料的处罚",
        "penalty",
        f"{LAW}第四十五条第一款、第二款",
        "立案→调查取证→审查→告知→决定→送达→执行",
    ),
    (
        "QL-CF-007",
        "对未按照国家有关规定设置原始记录、统计台账的处罚",
        "penalty",
        f"{LAW}第四十五条第一款、第二款",
        "立案→调查取证→审查→告知→决定→送达→执行",
    ),
    (
        "QL-CF-008",
        "对个体工商户迟报统计资料的处罚",
        "penalty",
        f"{LAW}第四十五条第三款",
        "立案→调查取证→审查→告知→决定→送达→执行",
    ),
    (
        "QL-CF-009",
        "对个人在重大国情国力普查活动中拒绝、阻碍统计调查或提供不真实普查资料的处理",
        "penalty",
        f"{LAW}第四十七条",
        "调查→责令改正→批评教育",
    ),
    (
        "QL-JC-001",
        "统计执法检查",
        "inspection",
        f"{LAW}第三十六条、第三十八条、第三十九条",
        "制定计划→双随机抽取→实施检查→处理→结果公示",
    ),
    (
        "QL-JC-002",
        "统计数据质量核查",
        "inspection",
        f"{LAW}第二十条、第三十八条",
        "确定核查对象→实施核查→核查结论→反馈",
    ),
    ("QL-JC-003", "统计调查项目执行情况检查", "inspection", f"{LAW}第十五条、第十七条", "检查→处理→通报"),
    (
        "QL-QR-001",
        "部门统计调查项目审批",
        "confirmation",
        f"{LAW}第十五条；《部门统计调查项目管理办法》",
        "申请→受理→审查→批准或不予批准→公布",
    ),
    ("QL-QR-002", "统计调查表标志审核", "confirmation", f"{LAW}第十七条", "提交→审核→反馈"),
    ("QL-QT-001", "统计资料的公布和提供", "other", f"{LAW}第二十六条、第二十九条", "整理→审核→公布→提供查询"),
    (
        "QL-QT-002",
        "统计信用管理（统计严重失信企业认定）",
        "other",
        "《统计严重失信企业信用管理办法》（国统字〔2019〕33号）",
        "认定→告知→公示→信用修复",
    ),
    ("QL-QT-003", "统计违法举报受理", "other", f"{LAW}第十条", "受理→登记→办理→答复"),
    ("QL-QT-004", "统计违法案件移送", "other", f"{LAW}第三十七条；{REG}第五十一条", "审查→移送→跟踪"),
    (
        "QL-JL-001",
        "对在统计工作中作出突出贡献、取得显著成绩的单位和个人的表彰奖励",
        "reward",
        f"{REG}第三十五条",
        "推荐→审核→公示→表彰",
    ),
    (
        "QL-QZ-001",
        "登记保存相关证明和资料",
        "coercion",
        f"{LAW}第三十八条第一款第（五）项",
        "审批→登记保存→七日内处理决定",
    ),
]
V2_CHANGES = {
    "QL-CF-002": {"basis": f"{LAW}（2024年修正）第四十四条第一款第（二）项、第二款；{REG}第五十条第（三）项"},
}
V2_NEW = (
    "QL-JC-004",
    "统计造假专项治理检查",
    "inspection",
    f"{LAW}（2024年修正）第三十六条、第三十八条",
    "部署→检查→处理→公示",
)


def _row(code, name, power_type, basis, process):
    return {
        "code": code,
        "name": name,
        "power_type": power_type,
        "content": name,
        "acting_body": BODY,
        "basis": basis,
        "duties": DUTIES,
        "accountability": ACCOUNTABILITY,
        "process": process,
    }


def _publish(version, users):
    workflow = workflow_for(version)
    publishing.submit(actor=users["gongkaiban"], workflow=workflow)
    publishing.pass_review(actor=users["baomi"], workflow=workflow, note="演示：审查通过")
    publishing.approve(actor=users["lingdao"], workflow=workflow)


def load_power_list(*, agency, users, stdout=None):
    if ListVersion.objects.filter(power_list__agency=agency).exists():
        return
    office = users["gongkaiban"]
    v1 = services.start_adjustment(
        actor=office,
        agency=agency,
        change_note="首次公布福州市统计局权责清单",
        effective_on=date(2025, 1, 1),
        rows=[_row(*item) for item in ITEMS],
    )
    _publish(v1, users)
    v2 = services.start_adjustment(
        actor=office,
        agency=agency,
        change_note="依据2024年修正的《中华人民共和国统计法》调整法律依据，新增统计造假专项治理检查",
        effective_on=date(2026, 1, 1),
    )
    for code, values in V2_CHANGES.items():
        services.save_item(actor=office, version=v2, item=v2.items.get(code=code), **values)
    services.save_item(actor=office, version=v2, **_row(*V2_NEW))
    _publish(v2, users)
    if stdout:
        stdout.write(f"权责清单：第 1、2 版（{v2.items.count()} 项）。\n")
