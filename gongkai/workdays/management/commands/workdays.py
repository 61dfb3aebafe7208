"""`gongkai workdays add|between|seed`: the working-day calendar from the command line.

Before `seed` has run the answers are still right: the selectors fall back to the schedule shipped in
chinese-calendar for 2004-2026 (ADR 0007), so the command never refuses for want of data.
Bad input prints a Chinese message on stderr and exits with status 2, like argparse.
"""

import json
import sys

from django.core.management.base import BaseCommand
from django.db import DatabaseError

from gongkai.accounts.guard import SYSTEM
from gongkai.core.errors import DomainError

from ... import selectors, services
from ...schedule import parse_date
from ...statutory import YearOutOfRange

EXIT_BAD_INPUT = 2
EXIT_NO_DATABASE = 1


class BadInput(Exception):
    pass


def _date(text: str):
    try:
        return parse_date(text)
    except ValueError as exc:
        raise BadInput(str(exc))


def _days(text: str) -> int:
    try:
        n = int(text)
    except (TypeError, ValueError):
        raise BadInput(f"工作日天数“{text}”不是整数。")
    if n < 0:
        raise BadInput("工作日天数不能为负数。")
    return n


def _ledger(days) -> list[dict]:
    return [{"date": d.on.isoformat(), "name": d.name, "provisional": d.provisional} for d in days]


def _provisional_note(years) -> str:
    listed = "、".join(str(y) for y in years)
    return f"注意：{listed}年的节假日安排尚未公布，结果按法定节日推算（暂定），公布后请重新计算。"


class Command(BaseCommand):
    help = (
        "工作日计算：add 加 N 个工作日；between 两个日期之间的工作日数；seed 从 chinese-calendar 导入节假日"
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="{add,between,seed}")
        add = sub.add_parser("add", help="起算日之后第 N 个工作日（民法典第二百零一条：次日起算）")
        add.add_argument("start", help="起算日 YYYY-MM-DD（例如收到申请之日）")
        add.add_argument("days", help="工作日数 N")
        add.add_argument("--json", action="store_true", help="输出 JSON")
        between = sub.add_parser("between", help="D1 之后至 D2（含）的工作日数")
        between.add_argument("start", help="开始日期 YYYY-MM-DD")
        between.add_argument("end", help="结束日期 YYYY-MM-DD")
        between.add_argument("--json", action="store_true", help="输出 JSON")
        sub.add_parser("seed", help="从 chinese-calendar 导入 2004—2026 年的节假日安排（可重复执行）")

    def handle(self, *args, **options):
        try:
            getattr(self, f"_{options['action']}")(options)
        except (BadInput, YearOutOfRange, DomainError) as exc:
            self.stderr.write(f"错误：{exc}")
            raise SystemExit(EXIT_BAD_INPUT)
        except ValueError as exc:  # the calculator's own checks (e.g. end before start)
            self.stderr.write(f"错误：{exc}")
            raise SystemExit(EXIT_BAD_INPUT)
        except DatabaseError as exc:
            self.stderr.write(f"错误：无法读取数据库（{exc}）。请先运行“gongkai migrate”。")
            raise SystemExit(EXIT_NO_DATABASE)

    def _add(self, options):
        result = selectors.add_working_days(_date(options["start"]), _days(options["days"]))
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "start": result.start.isoformat(),
                        "days": result.days,
                        "due": result.due.isoformat(),
                        "provisional": result.provisional,
                        "provisional_years": list(result.provisional_years),
                        "holidays_applied": _ledger(result.holidays_applied),
                        "makeup_days_applied": _ledger(result.makeup_days_applied),
                    },
                    ensure_ascii=False,
                )
            )
            return
        self.stdout.write(result.due.isoformat())
        if result.provisional:
            self.stdout.write(_provisional_note(result.provisional_years))

    def _between(self, options):
        start, end = _date(options["start"]), _date(options["end"])
        if end < start:
            raise BadInput("结束日期不能早于开始日期。")
        result = selectors.working_days_between(start, end)
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "start": result.start.isoformat(),
                        "end": result.end.isoformat(),
                        "working_days": result.working_days,
                        "provisional": result.provisional,
                        "provisional_years": list(result.provisional_years),
                        "holidays_applied": _ledger(result.holidays_applied),
                        "makeup_days_applied": _ledger(result.makeup_days_applied),
                    },
                    ensure_ascii=False,
                )
            )
            return
        self.stdout.write(str(result.working_days))
        if result.provisional:
            self.stdout.write(_provisional_note(result.provisional_years))

    def _seed(self, options):
        from tqdm import tqdm

        from ...package_data import years

        wanted = years()
        with tqdm(
            total=len(wanted), desc="导入节假日", unit="年", file=sys.stderr, disable=not sys.stderr.isatty()
        ) as bar:
            written = services.seed_from_package(actor=SYSTEM, progress=lambda year: bar.update(1))
        if written:
            self.stdout.write(f"已写入 {len(written)} 个年度：{written[0]}—{written[-1]}。")
        else:
            self.stdout.write("节假日安排已是最新，未作改动。")
