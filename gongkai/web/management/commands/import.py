"""`gongkai import <what> ...`: every bulk importer behind one command (all lines or none)."""

from django.core.management.base import BaseCommand

from gongkai.catalogue import cli as documents_cli
from gongkai.opendata import cli as data_cli

IMPORTERS = {"documents": documents_cli, "data": data_cli}


class Command(BaseCommand):
    help = "批量导入：documents（政府信息）、data（统计数据）。任何一行有误则全部不导入，并报告行号和原因。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        for name, module in IMPORTERS.items():
            module.add_arguments(sub.add_parser(name, help=module.HELP))

    def handle(self, *args, what, **options):
        IMPORTERS[what].run(self, **options)
