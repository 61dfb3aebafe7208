"""`gongkai platform_admin grant|revoke|list [USERNAME]`: who is a platform administrator (平台管理员).

A platform administrator runs what is national on the platform — today the working-day calendar — for
every agency on it. The mark is the user's `is_superuser` flag; only an operator with shell access to the
server sets it, through this command (audited), never an agency's 系统管理员 in the office (ADR 0023).
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from gongkai.accounts.models import User
from gongkai.core import audit


class Command(BaseCommand):
    help = "授予、撤销或列出平台管理员（可修改全国统一的工作日历）。"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["grant", "revoke", "list"])
        parser.add_argument("username", nargs="?", default="")

    def handle(self, *args, action: str, username: str, **options):
        if action == "list":
            for user in User.objects.filter(is_superuser=True).order_by("username"):
                self.stdout.write(f"{user.username}\t{user.get_full_name()}")
            return
        if not username:
            raise CommandError("请给出用户名。")
        grant = action == "grant"
        with transaction.atomic():
            user = User.objects.select_for_update().filter(username=username).first()
            if user is None:
                raise CommandError(f"没有用户“{username}”。")
            before = user.is_superuser
            user.is_superuser = grant
            user.save(update_fields=["is_superuser"])
            audit.record(
                actor=None,
                verb="accounts.platform_admin_granted" if grant else "accounts.platform_admin_revoked",
                obj=user,
                agency=None,
                before={"is_superuser": before},
                after={"is_superuser": grant},
            )
        self.stdout.write(f"{username}：{'已授予' if grant else '已撤销'}平台管理员。")
