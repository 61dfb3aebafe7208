"""The site map of every agency's public site (SITE.md): six sections, each with its built-in columns (栏目).

Pure data. A built-in column names the URL of the page that serves it. An agency's administrator
manages its own columns on top of these defaults — renames, orders, hides, adds and merges
(`catalogue.columns`, issue 18 item 4, ADR 0050); the defaults here apply where the agency changed
nothing. Every column must have its page: an empty or placeholder column fails the website inspection
(国办秘函〔2019〕19号), so a column whose URL does not resolve is never shown.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    label: str
    url_name: str  # "app:name" of the page that serves this column
    description: str = ""


@dataclass(frozen=True)
class Section:
    slug: str  # the URL segment, /<slug>/
    label: str
    description: str
    columns: tuple[Column, ...]

    @property
    def path(self) -> str:
        """The section's address inside the site being served (/bm/<code>/ prefix included, ADR 0037)."""
        from django.urls import get_script_prefix

        return f"{get_script_prefix()}{self.slug}/"


@dataclass(frozen=True)
class ResolvedColumn:
    label: str
    description: str
    url: str  # "" while the column is being built

    @property
    def available(self) -> bool:
        return bool(self.url)


SECTIONS: tuple[Section, ...] = (
    Section(
        "xxgk",
        "政府信息公开",
        "依照《中华人民共和国政府信息公开条例》主动公开的政府信息及依申请公开渠道。",
        (
            Column("政府信息公开指南", "catalogue:guide", "公开的范围、方式、程序和受理机构"),
            Column("政府信息公开目录", "catalogue:catalogue", "按主题分类、机构和年度浏览政府信息"),
            Column("法定主动公开内容", "catalogue:items", "按“五公开”类别浏览主动公开的政府信息"),
            Column("依申请公开", "foi:landing", "在线提交政府信息公开申请，查询办理进度"),
            Column("规范性文件", "catalogue:normative", "现行有效的规范性文件及清理结果"),
            Column("上级文件", "catalogue:superior", "上级机关制发的相关文件"),
            Column("政府信息公开年度报告", "annual_reports:list", "历年政府信息公开工作年度报告"),
            Column("不予公开事项清单", "confidentiality:negative_list", "不予公开的事项及其依据"),
            Column("重点任务与督查", "key_tasks:tasks", "执行公开：重点任务推进、督查整改和问责通报"),
            Column("结果公开", "results:index", "规划、为民办实事、重大决策执行和评估"),
        ),
    ),
    Section(
        "zcjd",
        "政策解读",
        "对重要政策文件的文字、图解、问答、音视频解读和在线访谈。",
        (
            Column("文字解读", "interpretations:texts", "按政策文件查看解读"),
            Column("图解", "interpretations:graphics", "以图表方式解读政策"),
            Column("问答", "interpretations:qa", "政策要点问答"),
            Column("音视频解读", "interpretations:media", "音频、视频形式的政策解读"),
            Column("在线访谈", "interpretations:interviews", "负责同志在线解读政策"),
        ),
    ),
    Section(
        "hdjl",
        "互动交流",
        "公众留言、意见征集、在线访谈和调查征集。",
        (
            Column("留言办理", "public_messages:list", "写留言，查看已答复的留言和办理统计"),
            Column("意见征集", "consultations:list", "正在征求意见的草案及采纳情况"),
            Column("在线访谈", "interviews:list", "在线访谈实录"),
            Column("调查征集", "surveys:list", "问卷调查和社会征集"),
        ),
    ),
    Section(
        "sjfb",
        "数据发布",
        "统计数据库、发布日程、统计公报、数据解读及开放数据目录。",
        (
            Column("统计数据库", "opendata:database", "查询、制表、图表和下载统计数据"),
            Column("数据发布日程", "opendata:calendar", "统计数据发布时间安排"),
            Column("统计公报", "opendata:bulletins", "国民经济和社会发展统计公报等"),
            Column("数据解读", "opendata:analysis", "统计数据的解读与分析"),
            Column("普查", "opendata:census", "经济普查、人口普查等普查资料"),
            Column("统计调查项目", "opendata:surveys", "依法批准或备案的统计调查项目"),
            Column("开放目录与指南", "opendata:catalogue", "无条件开放、有条件开放和不予开放的数据"),
        ),
    ),
    Section(
        "bsfw",
        "办事服务",
        "办事指南、行政执法公示和统计失信企业信息。",
        (
            Column("办事指南", "service_guides:list", "事项的办理依据、条件、材料和流程"),
            Column("执法公示", "enforcement:home", "执法主体、人员、依据、裁量基准、流程和结果"),
            Column("权责清单", "responsibilities:list", "权力清单和责任清单，历史版本及版本比较"),
            Column("双随机一公开", "enforcement:inspections", "随机抽查事项、抽取过程和检查结果"),
            Column("统计失信企业", "enforcement:dishonest", "统计严重失信企业信息公示"),
        ),
    ),
    Section(
        "xwfb",
        "新闻发布",
        "新闻发言人、新闻发布会和舆情回应。",
        (
            Column("新闻发言人", "press:spokespersons", "新闻发言人及联系方式"),
            Column("新闻发布会", "press:conferences", "发布会预告、文字直播和实录"),
            Column("热点回应", "incidents:responses", "对社会关切和突发事件的权威发布与回应"),
            Column("政务新媒体", "newmedia:accounts", "本机关的政务新媒体账号及二维码"),
            Column("媒体采访", "press:media_request", "新闻媒体采访申请及答复"),
        ),
    ),
)


def section_by_slug(slug: str) -> Section | None:
    return next((s for s in SECTIONS if s.slug == slug), None)


def section_for_path(path: str) -> Section | None:
    """The section a public path belongs to (by its first URL segment)."""
    return next((s for s in SECTIONS if path.startswith(f"/{s.slug}/")), None)
