"""The calendar in the office: years, a year's month grid with its editing forms, the deadline
calculator. Reading needs workdays.view; every POST needs a platform administrator (the calendar is
national; the services check again)."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import office_required
from gongkai.accounts.guard import require
from gongkai.core.errors import DomainError

from .. import selectors, services
from ..calculator import add_working_days
from ..forms import AnnounceForm, CalculatorForm, ImportForm, SpecialDayForm
from ..grid import WEEKDAYS, month_grids
from ..models import SpecialDay
from ..permissions import can_manage_workdays
from ..statutory import MAX_YEAR, MIN_YEAR, YearOutOfRange

YEARS_CRUMB = ("工作日历", "/office/workdays/")


def platform_admin_required(view):
    """Editing the national calendar: a platform administrator only (permissions.can_manage_workdays)."""

    @office_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_manage_workdays(request.user):
            raise PermissionDenied("工作日历全国统一，只有平台管理员可以修改或公布。")
        return view(request, *args, **kwargs)

    return wrapped


def _check_year(year: int):
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404("没有该年度。")


@office_required
def year_list(request):
    require(request.user, "workdays.view")
    return render(
        request,
        "workdays/years.html",
        {
            "years": selectors.year_summaries(),
            "can_manage": can_manage_workdays(request.user),
            "next_year_warning": selectors.next_year_warning(selectors.legal_today()),
            "breadcrumb": [("工作日历", None)],
        },
    )


def _render_year(request, year: int, *, status=200, **forms):
    cal = selectors.load_calendar()
    row = selectors.year_row(year)
    can_manage = can_manage_workdays(request.user)
    stored = {d.date: d.pk for d in selectors.stored_days(year)}
    days = [{**d, "pk": stored.get(d["on"])} for d in selectors.year_days(year, cal)]
    context = {
        "year": year,
        "row": row,
        "announced": year in cal.announced_years,
        "months": month_grids(year, cal),
        "weekdays": WEEKDAYS,
        "days": days,
        "has_stored": bool(stored),
        "can_manage": can_manage,
        "breadcrumb": [YEARS_CRUMB, (f"{year}年", None)],
    }
    if can_manage:
        context["day_form"] = forms.get("day_form") or SpecialDayForm(year=year, prefix="day")
        context["announce_form"] = forms.get("announce_form") or AnnounceForm(
            prefix="announce", initial={"source_note": f"国务院办公厅关于{year}年部分节假日安排的通知"}
        )
        context["import_form"] = forms.get("import_form") or ImportForm(prefix="import")
    return render(request, "workdays/year.html", context, status=status)


@office_required
def year_detail(request, year: int):
    require(request.user, "workdays.view")
    _check_year(year)
    return _render_year(request, year)


@platform_admin_required
@require_POST
def day_add(request, year: int):
    _check_year(year)
    form = SpecialDayForm(request.POST, year=year, prefix="day")
    if form.is_valid():
        d = form.cleaned_data
        try:
            day = services.add_special_day(actor=request.user, on=d["date"], kind=d["kind"], name=d["name"])
        except DomainError as exc:
            exc.show_on(form)
        else:
            messages.success(request, f"已添加：{day}")
            return redirect("workdays_office:year", year=year)
    return _render_year(request, year, day_form=form, status=400)


@platform_admin_required
@require_POST
def day_remove(request, year: int, pk: int):
    _check_year(year)
    try:
        day = services.remove_special_day(actor=request.user, day_id=pk)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已删除：{day}")
    return redirect("workdays_office:year", year=year)


@platform_admin_required
@require_POST
def announce(request, year: int):
    _check_year(year)
    form = AnnounceForm(request.POST, prefix="announce")
    if form.is_valid():
        try:
            services.mark_year_announced(
                actor=request.user, year=year, source_note=form.cleaned_data["source_note"]
            )
        except DomainError as exc:
            exc.show_on(form)
        else:
            messages.success(request, f"{year} 年已标记为已公布；落在该年的期限不再是暂定结果。")
            return redirect("workdays_office:year", year=year)
    return _render_year(request, year, announce_form=form, status=400)


@platform_admin_required
@require_POST
def import_schedule(request, year: int):
    _check_year(year)
    form = ImportForm(request.POST, prefix="import")
    if form.is_valid():
        d = form.cleaned_data
        try:
            row = services.import_year_schedule(
                actor=request.user,
                year=year,
                text=d["text"],
                source_note=d["source_note"],
                announce=d["announce"],
            )
        except DomainError as exc:
            exc.show_on(form)
        else:
            messages.success(request, f"已导入 {year} 年的安排，共 {row.days.count()} 天。")
            return redirect("workdays_office:year", year=year)
    return _render_year(request, year, import_form=form, status=400)


@platform_admin_required
@require_POST
def seed(request):
    written = services.seed_from_package(actor=request.user)
    if written:
        messages.success(
            request, f"已从 chinese-calendar 写入 {len(written)} 个年度（{written[0]}—{written[-1]}）。"
        )
    else:
        messages.success(request, "数据表已包含数据包中的全部年度，未作改动。")
    return redirect("workdays_office:years")


@office_required
def calculator(request):
    require(request.user, "workdays.view")
    form = CalculatorForm(request.GET or None)
    result = None
    if form.is_valid():
        try:
            result = add_working_days(
                form.cleaned_data["start"], form.cleaned_data["days"], selectors.load_calendar()
            )
        except YearOutOfRange as exc:
            form.add_error("days", str(exc))
    return render(
        request,
        "workdays/calculator.html",
        {
            "form": form,
            "result": result,
            "makeup_kind": SpecialDay.Kind.MAKEUP_WORKDAY,
            "breadcrumb": [YEARS_CRUMB, ("期限计算", None)],
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )
