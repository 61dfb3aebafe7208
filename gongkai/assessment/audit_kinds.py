"""Audit kinds recorded by assessment (see core/event_kinds.py)."""

from gongkai.core.event_kinds import register, register_group

register_group("assessment_scheme", "绩效考核")
register_group("assessment_deduction", "绩效考核")
register_group("inspection", "网站自查")
register(
    {
        "assessment_scheme.saved": "保存考核方案",
        "assessment_deduction.recorded": "登记察访核验扣分",
        "inspection.run": "运行网站自查",
    }
)
