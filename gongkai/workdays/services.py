"""Every write to the holiday table: permission check, transaction, audit event, cache invalidation."""

from datetime import date

from django.db import IntegrityError, transaction

from gongkai.accounts.guard import require_platform_admin
from gongkai.core import audit
from gongkai.core.errors import Conflict, NotFound, ValidationFailed

from . import package_data, selectors
from .models import HolidayYear, SpecialDay
from .schedule import parse_schedule
from .statutory import MAX_YEAR, MIN_YEAR, SATURDAY


def _require_manage(actor) -> None:
    # SYSTEM is the platform itself (`gongkai workdays seed`, the demo loader); None is an error.
    require_platform_admin(actor, "工作日历全国统一，只有平台管理员可以修改或公布。")


def _audit(actor, verb: str, obj, **kwargs) -> None:
    # The calendar is national: its events belong to no agency (agency=None) and every agency's audit
    # screen shows them (core.selectors.audit_events), whoever made the change.
    audit.record(actor=actor, verb=verb, obj=obj, agency=None, **kwargs)


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationFailed(f"年份须在 {MIN_YEAR}—{MAX_YEAR} 之间。", field="year")


def _fill_from_package(row: HolidayYear) -> int:
    data = package_data.schedules().get(row.year)
    if not data:
        return 0
    objs = [
        SpecialDay(year=row, date=on, kind=SpecialDay.Kind.STATUTORY_HOLIDAY, name=name)
        for on, name in data["holidays"].items()
    ]
    objs += [
        SpecialDay(year=row, date=on, kind=SpecialDay.Kind.MAKEUP_WORKDAY, name=name)
        for on, name in data["makeup_days"].items()
    ]
    SpecialDay.objects.bulk_create(objs)
    row.status = HolidayYear.Status.ANNOUNCED
    row.source_note = package_data.source_note(row.year)
    row.save()
    return len(objs)


def _year_row(year: int) -> HolidayYear:
    """The table's row for `year`, created when missing. A year the package knows is filled from it
    first, so that adding one day to 2026 never drops the rest of 2026's schedule."""
    _check_year(year)
    row = HolidayYear.objects.select_for_update().filter(year=year).first()
    if row is None:
        row = HolidayYear.objects.create(year=year)
        _fill_from_package(row)
    return row


def _counts(row: HolidayYear) -> dict:
    return {
        "status": row.status,
        "source_note": row.source_note,
        "holidays": row.days.filter(kind=SpecialDay.Kind.STATUTORY_HOLIDAY).count(),
        "makeup_days": row.days.filter(kind=SpecialDay.Kind.MAKEUP_WORKDAY).count(),
    }


def seed_from_package(*, actor, years=None, progress=None) -> list[int]:
    """Write the package's years (2004-2026) into the table. Idempotent: a year the table already has
    is left alone, because an administrator may have corrected it. Returns the years written."""
    _require_manage(actor)
    wanted = sorted(years or package_data.years())
    written = []
    for year in wanted:
        with transaction.atomic():
            if not HolidayYear.objects.filter(year=year).exists() and year in package_data.schedules():
                row = HolidayYear.objects.create(year=year)
                count = _fill_from_package(row)
                _audit(actor, "workdays.year_seeded", row, after={**_counts(row), "days": count})
                written.append(year)
        if progress:
            progress(year)
    selectors.invalidate()
    return written


@transaction.atomic
def add_special_day(*, actor, on: date, kind: str, name: str) -> SpecialDay:
    _require_manage(actor)
    name = (name or "").strip()
    if kind not in SpecialDay.Kind.values:
        raise ValidationFailed("请选择类型：放假或调休上班。", field="kind")
    if not name:
        raise ValidationFailed("请填写节日名称，例如：春节。", field="name")
    if kind == SpecialDay.Kind.MAKEUP_WORKDAY and on.weekday() < SATURDAY:
        raise ValidationFailed("调休上班日只能是周六或周日（工作日本来就上班）。", field="date")
    row = _year_row(on.year)
    existing = SpecialDay.objects.filter(date=on).first()
    if existing is not None:
        raise Conflict(
            f"{on:%Y-%m-%d} 已登记为“{existing.name}（{existing.get_kind_display()}）”，请先删除再添加。",
            field="date",
        )
    try:
        with transaction.atomic():
            day = SpecialDay.objects.create(year=row, date=on, kind=kind, name=name[:60])
    except IntegrityError:
        raise Conflict(f"{on:%Y-%m-%d} 已被登记。", field="date")
    row.save(update_fields=["updated_at"])
    _audit(actor, "workdays.day_added", day, after={"date": on, "kind": kind, "name": day.name})
    transaction.on_commit(selectors.invalidate)
    selectors.invalidate()
    return day


@transaction.atomic
def remove_special_day(*, actor, day_id: int) -> SpecialDay:
    _require_manage(actor)
    day = SpecialDay.objects.select_related("year").filter(pk=day_id).first()
    if day is None:
        raise NotFound("该日期已被删除或不存在。")
    before = {"date": day.date, "kind": day.kind, "name": day.name}
    _audit(actor, "workdays.day_removed", day, before=before)
    day.delete()
    day.year.save(update_fields=["updated_at"])
    transaction.on_commit(selectors.invalidate)
    selectors.invalidate()
    return day


@transaction.atomic
def mark_year_announced(*, actor, year: int, source_note: str) -> HolidayYear:
    """The State Council's notice for `year` is out and the table holds its days (the year stops being
    provisional; deadlines falling in it are computed from the entered days from now on)."""
    _require_manage(actor)
    source_note = (source_note or "").strip()
    if not source_note:
        raise ValidationFailed(
            "请填写依据，例如：国务院办公厅关于2027年部分节假日安排的通知。", field="source_note"
        )
    row = _year_row(year)
    if not row.days.exists():
        raise ValidationFailed(
            f"{year} 年尚未录入任何放假或调休日期，不能标记为已公布。", field="source_note"
        )
    before = _counts(row)
    row.status = HolidayYear.Status.ANNOUNCED
    row.source_note = source_note[:200]
    row.save()
    _audit(actor, "workdays.year_announced", row, before=before, after=_counts(row))
    transaction.on_commit(selectors.invalidate)
    selectors.invalidate()
    return row


@transaction.atomic
def import_year_schedule(
    *, actor, year: int, text: str, source_note: str = "", announce: bool = False
) -> HolidayYear:
    """Replace `year`'s days by the pasted schedule (schedule.py format); optionally mark it announced."""
    _require_manage(actor)
    _check_year(year)
    days = parse_schedule(text, year=year)
    for day in days:
        if day.kind == SpecialDay.Kind.MAKEUP_WORKDAY and day.on.weekday() < SATURDAY:
            raise ValidationFailed(f"{day.on:%Y-%m-%d} 是工作日，不能登记为调休上班。", field="text")
    if announce and not (source_note or "").strip():
        raise ValidationFailed("标记为已公布时请填写依据（通知名称）。", field="source_note")
    row = HolidayYear.objects.select_for_update().filter(year=year).first() or HolidayYear.objects.create(
        year=year
    )
    before = _counts(row)
    row.days.all().delete()
    SpecialDay.objects.bulk_create([SpecialDay(year=row, date=d.on, kind=d.kind, name=d.name) for d in days])
    if announce:
        row.status = HolidayYear.Status.ANNOUNCED
    if (source_note or "").strip():
        row.source_note = source_note.strip()[:200]
    row.save()
    _audit(actor, "workdays.year_imported", row, before=before, after=_counts(row))
    transaction.on_commit(selectors.invalidate)
    selectors.invalidate()
    return row
