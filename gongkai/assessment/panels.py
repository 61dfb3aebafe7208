from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.permissions import has_perm
from gongkai.core.work_panels import Panel

from .models import Verdict
from .selectors import latest_run


def inspection_panels(user) -> list[Panel]:
    """The indicators off track in the latest website self-inspection."""
    if not has_perm(user, "assessment.view"):
        return []
    run = latest_run(user.agency)
    if run is None:
        return []
    url = reverse("assessment_office:run", args=[run.pk])
    items = [
        (f"{r.name}：{r.get_verdict_display()}", url + f"#{r.code}", r.summary)
        for r in run.results.filter(verdict__in=[Verdict.FAIL, Verdict.WARNING])
    ]
    return [
        Panel(
            title=f"网站自查（{timezone.localtime(run.checked_at):%Y-%m-%d %H:%M}）",
            items=items,
            empty_text="最近一次网站自查各项指标均合格。",
            more_url=reverse("assessment_office:home"),
        )
    ]


def assessment_panels(user) -> list[Panel]:
    """The assessment measures below their target in the current period, for the agency as a whole."""
    if not has_perm(user, "assessment.view"):
        return []
    from . import scoring
    from .measures import BY_CODE, current_period
    from .models import Scheme

    scheme = Scheme.objects.filter(agency=user.agency).first()
    period = current_period(scheme.period if scheme else "quarter")
    _ranked, whole, _rows = scoring.scoreboard(user.agency, period)
    targets = scoring.targets_of(scheme)
    base = reverse("assessment_office:drilldown", args=["x"])[:-2]
    items = [
        (
            f"{BY_CODE[code].label}：{cell.rate}%（达标线 {targets[code]}%）",
            f"{base}{code}/?period={period.key}&dept={scoring.AGENCY_KEY}",
            f"{cell.total - cell.met} 条未达标",
        )
        for code, cell in whole.cells.items()
        if cell.rate is not None and cell.rate < targets[code]
    ]
    return [
        Panel(
            title=f"绩效考核未达标（{period.label}）",
            items=items,
            empty_text="本期各项考核指标均已达标。",
            more_url=reverse("assessment_office:scores") + f"?period={period.key}",
        )
    ]
