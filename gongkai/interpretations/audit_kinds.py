"""Audit kinds recorded by interpretations (see core/event_kinds.py)."""

from gongkai.core.event_kinds import register, register_group

register_group("interpretations", "政策解读")
register(
    {
        "interpretations.created": "新建政策解读",
        "interpretations.edited": "修改政策解读",
        "interpretations.qa_saved": "保存问答",
        "interpretations.image_set": "设置图解",
        "interpretations.media_set": "设置音视频",
        "interpretations.published": "发布政策解读",
        "interpretations.withdrawn": "撤回政策解读",
        "interpretations.waived": "批准三同步例外",
    }
)
