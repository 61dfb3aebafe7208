"""What a citizen can subscribe to: every kind of content the publication workflow publishes."""

from django.apps import apps

# model label -> the public's name for it (the order of the subscription form)
TOPICS = {
    "catalogue.itemrevision": "政府信息（新发布的文件）",
    "interpretations.interpretation": "政策解读",
    "consultations.consultation": "征求意见",
    "consultations.adoptionreport": "意见采纳情况",
    "opendata.release": "统计数据发布（按发布日程）",
    "incidents.release": "热点回应",
    "annual_reports.annualreport": "政府信息公开工作年度报告",
}


def topic_label(topic: str) -> str:
    return TOPICS.get(topic, topic)


def available_topics() -> list[tuple[str, str]]:
    """Only topics whose app is installed."""
    return [
        (key, label) for key, label in TOPICS.items() if apps.is_installed(f"gongkai.{key.split('.')[0]}")
    ]
