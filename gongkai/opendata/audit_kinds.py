"""Audit kinds recorded by opendata (see core/event_kinds.py)."""

from gongkai.core.event_kinds import register, register_group

register_group("opendata", "统计数据")
register(
    {
        "opendata.survey_saved": "保存调查项目",
        "opendata.indicator_updated": "修改指标",
        "opendata.resource_saved": "保存数据资源",
        "opendata.version_attached": "添加数据版本",
        "opendata.imported": "导入数据",
        "opendata.release_created": "新建发布日程",
        "opendata.release_updated": "修改发布日程",
        "opendata.release_rescheduled": "调整发布时间",
        "opendata.release_confirmed": "确认发布",
        "opendata.embargo_viewed": "发布前查阅数据",
        "opendata.conditional_access": "有条件开放数据访问",
        "opendata.application_submitted": "收到数据开放申请",
        "opendata.application_approved": "批准数据开放申请",
        "opendata.application_refused": "拒绝数据开放申请",
    }
)
