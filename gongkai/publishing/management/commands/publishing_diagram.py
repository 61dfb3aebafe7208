"""Write docs/domain/publishing-states.md from the transition table (`--check` fails when stale)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from gongkai.publishing.states import DIAGRAM_PATH, diagram_document


class Command(BaseCommand):
    help = "生成发布流程状态图 docs/domain/publishing-states.md"

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="只检查文件是否为最新，不写入")

    def handle(self, *args, check=False, **options):
        path = Path(settings.BASE_DIR) / DIAGRAM_PATH
        wanted = diagram_document()
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != wanted:
                raise CommandError(f"{DIAGRAM_PATH} 不是最新的：请运行 gongkai publishing_diagram")
            self.stdout.write("状态图为最新。")
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(wanted, encoding="utf-8")
        self.stdout.write(f"已写入 {DIAGRAM_PATH}")
