"""Demo data of the workdays capability: the holiday table, seeded from chinese-calendar."""

from . import services


def load_holidays(*, agency, users, stdout=None):
    """Seeds 2004-2026 from the package (idempotent: years already in the table are left alone)."""
    written = services.seed_from_package(actor=None)
    if stdout is not None:
        stdout.write(
            f"工作日历：新写入 {len(written)} 个年度的节假日安排。\n"
            if written
            else "工作日历：节假日安排已存在。\n"
        )
    return written
