from django.core.management.base import BaseCommand

from gongkai.demo.loader import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "演示数据。load：载入福州市统计局的演示数据（可重复运行，不会重复创建）。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("load", help="载入演示数据并打印工作人员登录信息")

    def handle(self, *args, action, **options):
        result = load_demo(stdout=self.stdout)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("演示数据已就绪。工作人员在 /office/ 登录："))
        for username, full_name, role_label, department in result["logins"]:
            self.stdout.write(f"  {username:<12} {DEMO_PASSWORD}   {full_name}（{role_label}，{department}）")
