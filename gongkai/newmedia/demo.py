"""Demo: three accounts of the bureau, one of them not updated for more than two weeks."""

from datetime import date, timedelta

from django.utils import timezone

from . import services
from .models import Account

ACCOUNTS = [
    ("wechat", "福州统计", "gh_demo_fzstats", "https://mp.example.com/fzstats", date(2016, 3, 1), 2),
    ("weibo", "福州统计发布", "fzstats_demo", "https://weibo.example.com/fzstats", date(2015, 9, 10), 3),
    (
        "douyin",
        "福州统计（抖音）",
        "fzstats_dy_demo",
        "https://douyin.example.com/fzstats",
        date(2021, 6, 18),
        40,
    ),
]


def load_newmedia(*, agency, users, stdout=None):
    if Account.objects.filter(agency=agency).exists():
        return
    office = users["gongkaiban"]
    now = timezone.now()
    for platform, name, account_id, url, opened, days_ago in ACCOUNTS:
        account = services.save_account(
            actor=office,
            platform=platform,
            name=name,
            account_id=account_id,
            department=None,
            url=url,
            registration_number="",
            opened_on=opened,
            endpoint=None,
        )
        services.record_update(actor=office, account=account, at=now - timedelta(days=days_ago))
    if stdout:
        stdout.write("政务新媒体：3 个账号（1 个超过两周未更新）。")
