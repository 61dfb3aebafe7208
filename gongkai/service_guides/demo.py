"""Demo: two 办事指南 of 福州市统计局 — 统计资料查询 and 统计违法举报受理 — published through the
workflow, with their materials; one rating. Contents are the demo's own (演示)."""

from gongkai.publishing import services as publishing
from gongkai.publishing.selectors import workflow_for

from . import services
from .models import ServiceItem

LAW = "《中华人民共和国统计法》"
COMMON = {
    "location": "福州市统计局一楼服务窗口（演示地址）",
    "hours": "工作日 上午 8:00-12:00，下午 14:30-17:30（法定节假日除外）",
    "phone": "0591-00000000（演示号码）",
    "complaint": "福州市统计局办公室 0591-00000001（演示号码）；12345 政务服务便民热线",
    "fee_free": True,
}
GUIDES = [
    (
        "TJFW-001",
        "统计资料查询",
        {
            "basis": f"{LAW}第二十六条、第二十九条",
            "conditions": "公民、法人和其他组织均可申请查询本局已公布的统计资料；尚未公布或依法应当保密的除外。",
            "process": "提出查询申请（窗口、电话或网上）\n窗口受理并登记\n检索、提供统计资料\n办结",
            "statutory_days": 20,
            "promised_days": 5,
            "delivery": "当场提供、电子邮件发送或邮寄",
            **COMMON,
        },
        [
            ("统计资料查询申请表", "原件", 1, "可在窗口领取或在本页下载"),
            ("申请人身份证明", "复印件", 1, "出示原件，留存复印件"),
        ],
    ),
    (
        "TJFW-002",
        "统计违法举报受理",
        {
            "basis": f"{LAW}第十条",
            "conditions": "任何单位和个人均可举报统计造假、弄虚作假等统计违法行为；举报应有具体的被举报对象和违法事实。",
            "process": "提交举报（信函、电话、网上或当面）\n登记受理\n调查核实\n作出处理\n向实名举报人反馈结果",
            "statutory_days": 60,
            "promised_days": 30,
            "delivery": "书面或电话告知实名举报人",
            **COMMON,
        },
        [
            ("统计违法举报登记表", "原件", 1, "实名举报请填写联系方式；匿名举报可不填"),
            ("相关证据材料", "复印件", 1, "如有"),
        ],
    ),
]


def load_service_guides(*, agency, users, stdout=None):
    if ServiceItem.objects.filter(agency=agency).exists():
        return
    drafter = users["chengban"]
    for code, name, elements, materials in GUIDES:
        version = services.create_guide(actor=drafter, agency=agency, code=code, name=name, **elements)
        for material, form, copies, note in materials:
            services.save_material(
                actor=drafter, version=version, name=material, form=form, copies=copies, note=note
            )
        workflow = workflow_for(version)
        publishing.submit(actor=drafter, workflow=workflow)
        publishing.pass_review(actor=users["baomi"], workflow=workflow, note="演示：审查通过")
        publishing.approve(actor=users["lingdao"], workflow=workflow)
        version.refresh_from_db()
        services.rate(version=version, score=5)
    if stdout:
        stdout.write("办事指南：2 项（统计资料查询、统计违法举报受理）。\n")
