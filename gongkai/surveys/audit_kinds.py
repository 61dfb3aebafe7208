"""Audit kinds recorded by surveys (see core/event_kinds.py)."""

from gongkai.core.event_kinds import register, register_group

register_group("survey", "调查征集")
register(
    {
        "survey.saved": "保存问卷",
        "survey.question_saved": "保存问题",
        "survey.question_deleted": "删除问题",
        "survey.response_submitted": "收到答卷",
        "survey.text_moderated": "审核文字答案",
        "survey.results_generated": "生成调查结果",
    }
)
