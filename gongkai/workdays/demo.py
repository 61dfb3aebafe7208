"""Demo data of the workdays capability: the holiday table, seeded from chinese-calendar."""

from gongkai.accounts.guard import SYSTEM

from . import services


def load_holidays(*, agency, users, stdout=None):
    """Seeds 2004-2026 from the package (idempotent: years already in the table are left alone)."""
    written = services.seed_from_package(actor=SYSTEM)
    if stdout is not None:
        stdout.write(
            f"工作日历：新写入 {len(written)} 个年度的节假日安排。\n"
            if written
            else "工作日历：节假日安排已存在。\n"
        )
    # A one-agency demo is also its own platform: its 系统管理员 is made platform administrator so the
    # calendar's editing screens can be tried (a city platform grants this to its operator instead).
    admin = users.get("admin")
    if admin is not None and not admin.is_superuser:
        from io import StringIO

        from django.core.management import call_command

        call_command("platform_admin", "grant", admin.username, stdout=StringIO())
        if stdout is not None:
            stdout.write("工作日历：演示账号 admin 同时为平台管理员（可修改全国统一的工作日历）。\n")
    return written
