"""Demo: a few months of messages with replies (so the speed statistics mean something), one waiting
to be routed. Idempotent: skipped when the agency has messages."""

from datetime import timedelta

from django.utils import timezone

from gongkai.accounts.models import Department

from . import services
from .models import Message

SAMPLES = [
    (
        "consultation",
        "如何查询本市居民人均可支配收入",
        "请问在哪里可以查到近五年福州市居民人均可支配收入数据？",
        "可在本站“数据发布—统计数据库—人民生活”栏目查询，也可查阅历年《福州统计年鉴》。",
        2,
    ),
    (
        "suggestion",
        "建议公布分县（市）区季度数据",
        "建议在统计数据库中增加各县（市）区的季度主要经济指标。",
        "感谢您的建议。我局已着手整理分县（市）区季度数据，计划下季度起在统计数据库中公布。",
        4,
    ),
    (
        "consultation",
        "统计公报什么时候发布",
        "年度国民经济和社会发展统计公报一般在每年几月发布？",
        "年度统计公报一般在每年3月发布，具体时间见本站“数据发布日程”。",
        1,
    ),
    (
        "complaint",
        "统计报表系统登录困难",
        "联网直报平台近期登录缓慢，影响按时报送。",
        "经核查，系平台升级所致，现已恢复正常。如仍有问题，请拨打技术支持电话。",
        6,
    ),
    (
        "consultation",
        "企业统计人员培训安排",
        "请问今年统计业务培训何时举办？",
        "今年统计业务培训将于下月举办，通知将在本站“工作动态”栏目发布。",
        3,
    ),
]


DEMO_RATINGS = ("satisfied", "basic", "unsatisfied", "satisfied")  # the latest month rates its replies


def load_messages(*, agency, users, stdout=None):
    if Message.objects.filter(agency=agency).exists():
        return
    office = users["gongkaiban"]
    department = (
        Department.objects.filter(agency=agency, code="general").first() or users["chengban"].department
    )
    now = timezone.now()
    count = 0
    for month in range(4, 0, -1):
        for i, (category, subject, body, reply, days) in enumerate(SAMPLES):
            received = now - timedelta(days=30 * month + i * 3)
            message, token = services.submit_message(
                agency=agency,
                category=category,
                subject=subject,
                body=body,
                wants_publication=True,
                ip=f"198.51.100.{month * 10 + i}",
                now=received,
            )
            services.assign(actor=office, message=message, department=department)
            services.reply(
                actor=users["chengban"],
                message=message,
                text=reply,
                now=received + timedelta(days=days + (month % 2)),
            )
            services.moderate(actor=office, message=message, approve=True)
            if month == 1:  # the writers of the latest month rate the replies (satisfaction measure)
                services.rate(message=message, token=token, rating=DEMO_RATINGS[i % len(DEMO_RATINGS)])
            count += 1
    services.submit_message(
        agency=agency,
        category="consultation",
        subject="人口普查数据在哪里查询",
        body="请问第七次全国人口普查福州市的分街道数据在哪里可以查到？",
        wants_publication=True,
        ip="198.51.100.200",
    )
    if stdout:
        stdout.write(f"留言：{count} 件已答复并公开，1 件待分办\n")
