"""Demo: one finished interview with questions and its transcript by speaker."""

from datetime import timedelta

from django.utils import timezone

from . import services
from .models import Interview

TITLE = "解读《福州市统计执法检查办法》在线访谈"


def load_interviews(*, agency, users, stdout=None):
    if Interview.objects.filter(agency=agency, title=TITLE).exists():
        return
    host = users["fayanren"]
    start = timezone.now() - timedelta(days=7)
    interview = services.save_interview(
        actor=host,
        title=TITLE,
        announcement="本期在线访谈邀请市统计局新闻发言人、政法处负责同志，解读统计执法检查办法，并回答网友提问。",
        guests="郑华（市统计局新闻发言人）\n陈明（市统计局政法处负责同志）",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        publish=True,
    )
    q = services.ask(
        interview=interview,
        body="统计执法检查会提前通知企业吗？",
        name="企业统计员",
        ip="203.0.113.5",
        now=start - timedelta(days=1),
    )
    services.moderate_question(actor=host, question=q, approve=True)
    lines = [
        ("主持人", "各位网友大家好，欢迎参加本期在线访谈。"),
        ("郑华", "制定本办法，是为了规范统计执法检查，保障统计数据真实准确。"),
        ("主持人", "有网友问：统计执法检查会提前通知企业吗？"),
        ("陈明", "“双随机”抽查一般不提前通知；检查时执法人员不少于两人并出示执法证件。"),
        ("主持人", "感谢两位嘉宾，本期访谈到此结束。"),
    ]
    for n, (speaker, text) in enumerate(lines):
        services.post_entry(
            actor=host,
            interview=interview,
            speaker=speaker,
            text=text,
            question=q if n == 3 else None,
            at=start + timedelta(minutes=5 * n),
        )
    if stdout:
        stdout.write("在线访谈：1 期（含文字实录）\n")
