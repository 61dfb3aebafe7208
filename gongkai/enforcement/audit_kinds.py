"""Audit kinds recorded by enforcement (see core/event_kinds.py). Its verbs are built as
`enforcement.<record type>_<action>` by services.common._event, so every pair is labelled here."""

from gongkai.core.event_kinds import register, register_group

RECORDS = {
    "enforcementbody": "执法主体",
    "officer": "执法人员",
    "discretionbenchmark": "裁量基准",
    "inspectionitem": "随机抽查事项",
    "decision": "行政执法决定",
    "inspection": "双随机抽查",
    "dishonestylisting": "统计严重失信企业公示",
}
ACTIONS = {
    "created": "新建",
    "saved": "保存",
    "edited": "修改",
    "changed": "变更",
    "registered": "登记",
    "published": "公开",
    "withdrawn": "撤回",
    "drawn": "随机抽取",
    "verified": "复核抽取结果",
    "completed": "完成检查",
    "results_published": "公开检查结果",
    "listed": "列入公示",
    "removed_early": "提前移出",
    "extended": "延长公示期",
}
VERBS = {
    f"enforcement.{record}_{action}": f"{record_label}：{action_label}"
    for record, record_label in RECORDS.items()
    for action, action_label in ACTIONS.items()
}

register_group("enforcement", "行政执法公示")
register(VERBS)
